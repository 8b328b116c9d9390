import { primary } from './rule.js';

/**
 * Numbers one to twelve written as words (cardinals and ordinals, the forms a
 * news sentence uses), for the languages tolk has Snowball stemmers for plus
 * Afrikaans: nl, af, en, de, fr, es, ru. A digit on one side may be matched
 * by one of these words on the other (`drie doelpunten` = `3 goals`).
 * Dutch `een`, German `ein`, French `un` are also articles: they only ever
 * excuse a missing 1, never raise a finding.
 */
const WORDS: Record<string, string[][]> = {
  nl: [
    ['een', 'één', 'eerste'], ['twee', 'tweede'], ['drie', 'derde'], ['vier', 'vierde'], ['vijf', 'vijfde'], ['zes', 'zesde'],
    ['zeven', 'zevende'], ['acht', 'achtste'], ['negen', 'negende'], ['tien', 'tiende'], ['elf', 'elfde'], ['twaalf', 'twaalfde'],
  ],
  af: [
    ['een', 'eerste'], ['twee', 'tweede'], ['drie', 'derde'], ['vier', 'vierde'], ['vyf', 'vyfde'], ['ses', 'sesde'],
    ['sewe', 'sewende'], ['agt', 'agtste'], ['nege', 'negende'], ['tien', 'tiende'], ['elf', 'elfde'], ['twaalf', 'twaalfde'],
  ],
  en: [
    ['one', 'first', 'a', 'an', 'single'], ['two', 'second', 'both', 'double', 'twice'], ['three', 'third', 'triple'], ['four', 'fourth'],
    ['five', 'fifth'], ['six', 'sixth'], ['seven', 'seventh'], ['eight', 'eighth'], ['nine', 'ninth'], ['ten', 'tenth'],
    ['eleven', 'eleventh'], ['twelve', 'twelfth', 'dozen'],
  ],
  de: [
    ['ein', 'eine', 'einen', 'einem', 'einer', 'eins', 'erste', 'ersten', 'erster'], ['zwei', 'zweite', 'zweiten', 'beide', 'beiden'],
    ['drei', 'dritte', 'dritten'], ['vier', 'vierte', 'vierten'], ['fünf', 'fünfte', 'fünften'], ['sechs', 'sechste', 'sechsten'],
    ['sieben', 'siebte', 'siebten'], ['acht', 'achte', 'achten'], ['neun', 'neunte', 'neunten'], ['zehn', 'zehnte', 'zehnten'],
    ['elf', 'elfte', 'elften'], ['zwölf', 'zwölfte', 'zwölften'],
  ],
  fr: [
    ['un', 'une', 'premier', 'première'], ['deux', 'deuxième', 'second', 'seconde'], ['trois', 'troisième'], ['quatre', 'quatrième'],
    ['cinq', 'cinquième'], ['six', 'sixième'], ['sept', 'septième'], ['huit', 'huitième'], ['neuf', 'neuvième'], ['dix', 'dixième'],
    ['onze', 'onzième'], ['douze', 'douzième', 'douzaine'],
  ],
  es: [
    ['uno', 'una', 'un', 'primero', 'primera', 'primer'], ['dos', 'segundo', 'segunda', 'ambos', 'ambas'], ['tres', 'tercero', 'tercera', 'tercer'],
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

const tables = new Map<string, Map<string, number>>();

function table(language: string): Map<string, number> | undefined {
  const lang = primary(language);
  if (!WORDS[lang]) return undefined;
  let t = tables.get(lang);
  if (!t) {
    t = new Map();
    WORDS[lang]!.forEach((words, i) => words.forEach((w) => t!.set(w, i + 1)));
    tables.set(lang, t);
  }
  return t;
}

/** The languages whose number words are known. */
export const NUMBER_WORD_LANGUAGES = Object.keys(WORDS);

/** How many times each number 1–12 is written as a word in the text. */
export function numberWords(text: string, language: string): Map<number, number> {
  const counts = new Map<number, number>();
  const t = table(language);
  if (!t) return counts;
  for (const word of text.toLocaleLowerCase(primary(language)).match(/[\p{L}\p{M}]+/gu) ?? []) {
    const n = t.get(word);
    if (n !== undefined) counts.set(n, (counts.get(n) ?? 0) + 1);
  }
  return counts;
}
