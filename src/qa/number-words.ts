import { primary } from './rule.js';

/**
 * Numbers one to twelve written as words (cardinals and ordinals, the forms a
 * news sentence uses), for the languages tolk has Snowball stemmers for plus
 * Afrikaans: nl, af, en, de, fr, es, ru. A digit on one side may be matched
 * by one of these words on the other (`drie doelpunten` = `3 goals`).
 * Words that are also articles (Dutch `een`, English `a`, German `ein`,
 * French `un`) are left out: they are in nearly every sentence and would
 * excuse any dropped 1 (measured on seeded errors).
 */
const WORDS: Record<string, string[][]> = {
  nl: [
    ['één', 'eerste'], ['twee', 'tweede'], ['drie', 'derde'], ['vier', 'vierde'], ['vijf', 'vijfde'], ['zes', 'zesde'],
    ['zeven', 'zevende'], ['acht', 'achtste'], ['negen', 'negende'], ['tien', 'tiende'], ['elf', 'elfde'], ['twaalf', 'twaalfde'],
  ],
  af: [
    ['een', 'eerste'], ['twee', 'tweede'], ['drie', 'derde'], ['vier', 'vierde'], ['vyf', 'vyfde'], ['ses', 'sesde'],
    ['sewe', 'sewende'], ['agt', 'agtste'], ['nege', 'negende'], ['tien', 'tiende'], ['elf', 'elfde'], ['twaalf', 'twaalfde'],
  ],
  en: [
    ['one', 'first', 'single'], ['two', 'both', 'double', 'twice'], ['three', 'third', 'triple'], ['four', 'fourth'],
    ['five', 'fifth'], ['six', 'sixth'], ['seven', 'seventh'], ['eight', 'eighth'], ['nine', 'ninth'], ['ten', 'tenth'],
    ['eleven', 'eleventh'], ['twelve', 'twelfth', 'dozen'],
  ],
  de: [
    ['eins', 'erste', 'ersten', 'erster'], ['zwei', 'zweite', 'zweiten', 'beide', 'beiden'],
    ['drei', 'dritte', 'dritten'], ['vier', 'vierte', 'vierten'], ['fünf', 'fünfte', 'fünften'], ['sechs', 'sechste', 'sechsten'],
    ['sieben', 'siebte', 'siebten'], ['acht', 'achte', 'achten'], ['neun', 'neunte', 'neunten'], ['zehn', 'zehnte', 'zehnten'],
    ['elf', 'elfte', 'elften'], ['zwölf', 'zwölfte', 'zwölften'],
  ],
  fr: [
    ['premier', 'première'], ['deux', 'deuxième', 'second', 'seconde'], ['trois', 'troisième'], ['quatre', 'quatrième'],
    ['cinq', 'cinquième'], ['six', 'sixième'], ['sept', 'septième'], ['huit', 'huitième'], ['neuf', 'neuvième'], ['dix', 'dixième'],
    ['onze', 'onzième'], ['douze', 'douzième', 'douzaine'],
  ],
  es: [
    ['uno', 'primero', 'primera', 'primer'], ['dos', 'segundo', 'segunda', 'ambos', 'ambas'], ['tres', 'tercero', 'tercera', 'tercer'],
    ['cuatro', 'cuarto', 'cuarta'], ['cinco', 'quinto', 'quinta'], ['seis', 'sexto', 'sexta'], ['siete', 'séptimo', 'séptima'],
    ['ocho', 'octavo', 'octava'], ['nueve', 'noveno', 'novena'], ['diez', 'décimo', 'décima'], ['once', 'undécimo'], ['doce', 'duodécimo', 'docena'],
  ],
  ru: [
    ['один', 'одна', 'одно', 'одного', 'одной', 'одном', 'первый', 'первая', 'первое', 'первого', 'первой', 'первом', 'первым'],
    ['два', 'две', 'двух', 'второй', 'второе', 'второго', 'втором', 'вторым', 'оба', 'обе'],
    ['три', 'трёх', 'трех', 'третий', 'третья', 'третье', 'третьего', 'третьем'],
    ['четыре', 'четырёх', 'четырех', 'четвёртый', 'четвертый', 'четвёртого', 'четвертого'],
    ['пять', 'пяти', 'пятый', 'пятого'], ['шесть', 'шести', 'шестой', 'шестого'], ['семь', 'семи', 'седьмой', 'седьмого'],
    ['восемь', 'восьми', 'восьмой', 'восьмого'], ['девять', 'девяти', 'девятый', 'девятого'], ['десять', 'десяти', 'десятый', 'десятого'],
    ['одиннадцать', 'одиннадцати', 'одиннадцатый'], ['двенадцать', 'двенадцати', 'двенадцатый'],
  ],
};

/**
 * Beyond twelve, the words NTREX's references showed in place of digits:
 * teens, tens, hundred and thousand, and `decade`. Dutch, Afrikaans and
 * German also build numbers and adjectives in one word (`vierentwintig`,
 * `veertienjarige`, `vierdaagse`): a word that starts with a number word of
 * four or more letters counts as that number.
 */
const MORE: Record<string, Record<string, number>> = {
  nl: { dertien: 13, veertien: 14, vijftien: 15, zestien: 16, zeventien: 17, achttien: 18, negentien: 19, twintig: 20, dertig: 30, veertig: 40, vijftig: 50, zestig: 60, zeventig: 70, tachtig: 80, negentig: 90, honderd: 100, duizend: 1000, decennium: 10, elftal: 11, anderhalf: 1.5, anderhalve: 1.5 },
  af: { dertien: 13, veertien: 14, vyftien: 15, sestien: 16, sewentien: 17, agttien: 18, negentien: 19, twintig: 20, dertig: 30, veertig: 40, vyftig: 50, sestig: 60, sewentig: 70, tagtig: 80, negentig: 90, honderd: 100, duisend: 1000, dekade: 10 },
  en: { thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, thousand: 1000, decade: 10 },
  de: { dreizehn: 13, vierzehn: 14, fünfzehn: 15, sechzehn: 16, siebzehn: 17, achtzehn: 18, neunzehn: 19, zwanzig: 20, dreißig: 30, vierzig: 40, fünfzig: 50, sechzig: 60, siebzig: 70, achtzig: 80, neunzig: 90, hundert: 100, tausend: 1000, jahrzehnt: 10 },
  fr: { treize: 13, quatorze: 14, quinze: 15, seize: 16, vingt: 20, trente: 30, quarante: 40, cinquante: 50, soixante: 60, cent: 100, mille: 1000, millier: 1000, milliers: 1000, décennie: 10 },
  es: { vigésimo: 20, vigésima: 20, trigésimo: 30, trigésima: 30, cuadragésimo: 40, cuadragésima: 40, trece: 13, catorce: 14, quince: 15, dieciséis: 16, diecisiete: 17, dieciocho: 18, diecinueve: 19, veinte: 20, treinta: 30, cuarenta: 40, cincuenta: 50, sesenta: 60, setenta: 70, ochenta: 80, noventa: 90, cien: 100, mil: 1000, millar: 1000, millares: 1000, década: 10 },
  ru: {
    тринадцать: 13, четырнадцать: 14, пятнадцать: 15, двадцать: 20, двадцати: 20, тридцать: 30, тридцати: 30, сорок: 40, сорока: 40,
    пятьдесят: 50, пятидесяти: 50, шестьдесят: 60, шестидесяти: 60, семьдесят: 70, семидесяти: 70, восемьдесят: 80, восьмидесяти: 80,
    девяносто: 90, девяноста: 90, сто: 100, ста: 100, тысяча: 1000, тысячи: 1000, тысяч: 1000,
  },
};

/**
 * Words and phrases that stand for a number without naming it, as NTREX's
 * references wrote them: "boven de 10 procent" → "a double-digit percentage",
 * "24 uur" → "сутки" (a day and night), "volledig" → "à 100 %", "un millier".
 * Matched in the lower-cased text; each occurrence counts once.
 */
const PHRASES: Record<string, Array<[RegExp, number]>> = {
  // "een van de vier" is "one of the four": `een` is counted only where it cannot be the article.
  nl: [[/dubbele cijfers/gu, 10], [/\bvolledig/gu, 100], [/etmaal/gu, 24], [/\been van (?:de|het|hun|zijn|haar)\b/gu, 1]],
  af: [[/dubbelsyfer/gu, 10], [/\bvolledig/gu, 100], [/\been van (?:die|hul|sy|haar)\b/gu, 1]],
  en: [[/double[- ]digits?/gu, 10], [/\b(?:fully|completely|entirely|absolutely)\b/gu, 100]],
  de: [[/zweistellig/gu, 10], [/\b(?:völlig|vollständig|absolut)/gu, 100]],
  fr: [[/(?:à|a) deux chiffres/gu, 10], [/\b(?:entièrement|complètement|totalement|absolu)/gu, 100]],
  es: [[/de dos dígitos/gu, 10], [/(?<![\p{L}])(?:completamente|totalmente|absolut[oa])(?![\p{L}])/gu, 100]],
  ru: [[/двузначн/gu, 10], [/(?<![\p{L}])сут(?:ки|ок|кам|ками|ках)(?![\p{L}])/gu, 24], [/(?<![\p{L}])(?:полностью|целиком)(?![\p{L}])/gu, 100]],
};

/** Words joining tens and units in languages that write them apart (`cuarenta y ocho`, `forty-eight`, `сорок восемь`). */
const TENS_JOINERS = new Set(['y', 'and', 'et', '-']);
/** Languages that write a number and what it counts as one word (`vierentwintigjarige`). */
const COMPOUNDING = new Set(['nl', 'af', 'de']);
/** `vier` + `en`/`und` + `twintig`: units before tens. */
const JOIN: Record<string, RegExp> = { nl: /^(.+?)(?:en|ën|-en-)(.+)$/, af: /^(.+?)(?:-en-|en)(.+)$/, de: /^(.+?)und(.+)$/ };

const tables = new Map<string, Map<string, number>>();

function table(language: string): Map<string, number> | undefined {
  const lang = primary(language);
  if (!WORDS[lang]) return undefined;
  let t = tables.get(lang);
  if (!t) {
    t = new Map();
    WORDS[lang]!.forEach((words, i) => words.forEach((w) => t!.set(w, i + 1)));
    for (const [w, n] of Object.entries(MORE[lang] ?? {})) t.set(w, n);
    tables.set(lang, t);
  }
  return t;
}

/** The number a word stands for: itself, units-and-tens, or (compounding languages) its leading number word. */
function wordValue(word: string, t: Map<string, number>, lang: string): number | undefined {
  const whole = t.get(word);
  if (whole !== undefined) return whole;
  if (!COMPOUNDING.has(lang)) return undefined;
  const joined = JOIN[lang]!.exec(word);
  if (joined) {
    const unit = t.get(joined[1]!);
    const tens = t.get(joined[2]!) ?? leading(joined[2]!, t);
    if (unit !== undefined && unit < 10 && tens !== undefined && tens >= 20 && tens % 10 === 0) return tens + unit;
  }
  return leading(word, t);
}

/** The longest number word (4+ letters) a compound starts with: `veertienjarige` → 14. */
function leading(word: string, t: Map<string, number>): number | undefined {
  for (let end = word.length - 1; end >= 4; end--) {
    const n = t.get(word.slice(0, end));
    if (n !== undefined && end >= 4) return n;
  }
  return undefined;
}

/** Roman numerals of two or more letters (`XIX`, `XXI`), as centuries and regnal numbers are written. */
function roman(word: string): number | undefined {
  if (!/^[IVXLC]{2,}$/.test(word) || !/^C{0,3}(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$/.test(word)) return undefined;
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  let total = 0;
  for (let i = 0; i < word.length; i++) {
    const v = values[word[i]!]!;
    const next = values[word[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

/** The languages whose number words are known. */
export const NUMBER_WORD_LANGUAGES = Object.keys(WORDS);

/** How many times each number is written as a word (or a Roman numeral) in the text. */
export function numberWords(text: string, language: string): Map<number, number> {
  const counts = new Map<number, number>();
  const add = (n: number) => counts.set(n, (counts.get(n) ?? 0) + 1);
  for (const word of text.match(/[\p{L}\p{M}]+/gu) ?? []) {
    const r = roman(word.replace(/e$/, ''));
    if (r !== undefined) add(r);
  }
  // A one-letter Roman numeral after an abbreviation: `WO I`, `WK II` is caught above.
  for (const m of text.matchAll(/\b\p{Lu}{2,} (I|V|X)\b/gu)) add({ I: 1, V: 5, X: 10 }[m[1] as 'I' | 'V' | 'X']);
  const t = table(language);
  if (!t) return counts;
  const lang = primary(language);
  const lower = text.toLocaleLowerCase(lang);
  let tens: number | undefined;
  for (const token of lower.match(/[\p{L}\p{M}]+(?:-en-[\p{L}\p{M}]+)?|-/gu) ?? []) {
    if (TENS_JOINERS.has(token) && tens !== undefined) continue;
    const n = token === '-' ? undefined : wordValue(token, t, lang);
    if (n !== undefined) add(n);
    // Tens then units written apart are also their sum: `сорока восьми` = 48.
    if (n !== undefined && tens !== undefined && n >= 1 && n <= 9 && Number.isInteger(n)) add(tens + n);
    tens = n !== undefined && n >= 20 && n <= 90 && n % 10 === 0 ? n : undefined;
  }
  for (const [phrase, n] of PHRASES[lang] ?? []) for (let k = lower.match(phrase)?.length ?? 0; k > 0; k--) add(n);
  return counts;
}
