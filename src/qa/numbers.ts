import { primary } from './rule.js';

/**
 * Numbers in text, read the way the language writes them. `1.500` (nl) =
 * `1,500` (en) = `1 500` (af, ru, fr, with a no-break or narrow no-break
 * space); `16,5` (nl) = `16.5` (en); `1.45,3` (nl) = `1:45.3` (en). Numbers
 * joined by `-`, `–`, `:` or `/` (scores `5-3`, `38 - 17`, times `3:45.12`,
 * dates, ranges) are one ordered unit: `5-3` is not `3-5`.
 */
export interface NumberUnit {
  /** As written. */
  text: string;
  /** Canonical parts: `["5","3"]` for a score, `["1500"]` for a number. */
  parts: string[];
  /** Position in the text, for order. */
  index: number;
  /**
   * Another reading, where the writing is ambiguous: `1,127` in an Afrikaans
   * text written the English way, `6:00` for 6 o'clock. Used only to pair
   * with the other side, never to raise a finding.
   */
  alt?: string[];
}

/** Languages that write a decimal point (and group with commas); the others write a decimal comma. */
const DECIMAL_POINT = new Set(['en', 'zh', 'ja', 'ko', 'he', 'th', 'hi', 'ms', 'ga', 'mt', 'sw', 'tl', 'ta', 'bn', 'ur']);
/** Languages whose thousands are grouped with a plain space too (`3 000`); no-break spaces group everywhere. */
const SPACE_GROUPS = new Set(['af', 'fr', 'ru', 'kk', 'uk', 'be', 'bg', 'cs', 'sk', 'pl', 'sv', 'nb', 'nn', 'no', 'fi', 'et', 'lv', 'lt', 'hu', 'pt', 'es', 'ky', 'uz']);
/** No-break space, narrow no-break space, thin space: thousands separators in every language. */
const HARD_SPACES = '\u00a0\u202f\u2009';
/** What joins the numbers of one unit. */
const JOINERS = '-–—:/';

/** A scale word for 10⁹ right after a number. */
const BILLION = /^\s?(miljard|milliard|billion|bn\b|Milliarde|млрд|миллиард)/iu;

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isCapital = (c: string | undefined) => c !== undefined && /\p{Lu}/u.test(c);

interface Convention {
  decimal: string;
  groups: string;
}

function convention(language: string): Convention {
  const lang = primary(language);
  const point = DECIMAL_POINT.has(lang);
  return {
    decimal: point ? '.' : ',',
    groups: (point ? ',' : '.') + HARD_SPACES + (SPACE_GROUPS.has(lang) ? ' ' : '') + "'",
  };
}

/** Reads the run of digits at `at`; returns it and where it ends. */
function digits(text: string, at: number): string {
  let end = at;
  while (isDigit(text[end])) end++;
  return text.slice(at, end);
}

/** One number at `at`: integer with its groups, then a decimal part. Returns parts (a time `1.45,3` gives two). */
function readNumber(text: string, at: number, c: Convention): { parts: string[]; end: number } {
  let integer = digits(text, at);
  let end = at + integer.length;
  // A number right after another and a space (`0800 555 111`) is a phone number's next block, not a thousands group.
  const afterNumber = text[at - 1] === ' ' && isDigit(text[at - 2]);
  // Groups of exactly three digits after a lead of one to three.
  if (integer.length <= 3) {
    for (;;) {
      const sep = text[end];
      if (sep === undefined || !c.groups.includes(sep) || (afterNumber && sep === ' ')) break;
      const group = digits(text, end + 1);
      if (group.length !== 3) break;
      integer += group;
      end += 1 + group.length;
    }
  }
  const parts: string[] = [];
  // A decimal-comma language's `.` before two digits is a time (`15.30 uur`, `1.45,3`), never a decimal.
  if (c.decimal === ',' && text[end] === '.' && digits(text, end + 1).length === 2) {
    parts.push(canonical(integer));
    end += 1;
    integer = digits(text, end);
    end += integer.length;
  }
  let fraction = '';
  if (text[end] === c.decimal && isDigit(text[end + 1])) {
    fraction = digits(text, end + 1);
    end += 1 + fraction.length;
  } else if (c.decimal === ',' && text[end] === '.' && isDigit(text[end + 1]) && !isDigit(text[end + 1 + digits(text, end + 1).length])) {
    // `16.5` in a decimal-comma text: an English-style decimal, read as one.
    fraction = digits(text, end + 1);
    end += 1 + fraction.length;
  }
  parts.push(canonical(integer, fraction));
  return { parts, end };
}

/** `007` → `7`, `16,50` → `16.5`. */
function canonical(integer: string, fraction = ''): string {
  // `08` is 8 (dates, times); a longer run of leading zeros is kept, so `2016` changed to `0016` is not 16.
  const int = integer.length <= 2 ? integer.replace(/^0+(?=\d)/, '') : integer;
  const frac = fraction.replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

/** Every number unit in a plain text, in order. */
export function numberUnits(text: string, language: string, readings = true): NumberUnit[] {
  const c = convention(language);
  const units: NumberUnit[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isDigit(text[i]) || isDigit(text[i - 1])) {
      i++;
      continue;
    }
    const start = i;
    let { parts, end } = readNumber(text, i, c);
    // Digits inside a capitalised name (`W3C`, `B2B`) count nothing: capitals on both sides.
    if (isCapital(text[start - 1]) && isCapital(text[start + digits(text, start).length])) {
      i = start + digits(text, start).length;
      continue;
    }
    // Joined numbers: `5-3`, `5–3`, `5:3`, `38 - 17`, `3:45.12`, `15/08/2024` (spaced on both sides or neither).
    for (;;) {
      // French times: `11 h 00`.
      if (/^\s?h\s?\d\d(?!\d)/u.test(text.slice(end, end + 6)) && /\s/u.test(text[end] ?? '') && /\s/u.test(text[end + 2] ?? '')) {
        parts = [...parts, canonical(text.slice(end + 3, end + 5))];
        end += 5;
        continue;
      }
      const spaced = text[end] === ' ' && JOINERS.includes(text[end + 1] ?? '') && text[end + 2] === ' ';
      const tight = JOINERS.includes(text[end] ?? '') && isDigit(text[end + 1]);
      if (!spaced && !tight) break;
      const next = end + (spaced ? 3 : 1);
      if (!isDigit(text[next])) break;
      const more = readNumber(text, next, c);
      parts = [...parts, ...more.parts];
      end = more.end;
    }
    const unit: NumberUnit = { text: text.slice(start, end), parts, index: start };
    const alt = readings ? otherReading(unit, language, text.slice(end, end + 14)) : undefined;
    if (alt) unit.alt = alt;
    units.push(unit);
    i = end;
  }
  return units;
}

/** The other convention's reading of an ambiguous number (`1,127` / `1.127`), or a time's whole hour (`6:00` → 6). */
function otherReading(unit: NumberUnit, language: string, after = ''): string[] | undefined {
  // A year or decade written in full or short: `de jaren 1930` = `los años 30`, `2019` = `SS19`.
  if (/^(19|20)\d\d$/.test(unit.text)) return [String(Number(unit.text.slice(2)))];
  // A year range written short: `1950-53` = `1950 tot 1953`.
  const range = /^((19|20)\d\d)[-–](\d\d)$/.exec(unit.text);
  if (range) return [range[1]!, `${range[2]}${range[3]}`];
  // A whole hour: `19 h 00`, `13.00`.
  if (/^\d{1,2}(\s?h\s?|[:.])00$/u.test(unit.text)) return [unit.parts[0]!];
  // An English-style decimal in a decimal-comma text: `ERA van 2.53`.
  if (unit.parts.length === 2 && /^\d+\.\d{2}$/.test(unit.text) && !DECIMAL_POINT.has(primary(language))) return [unit.text];
  // Billions in languages that count them in thousands of millions: `2 miljard` = `2000 millones`.
  if (unit.parts.length === 1 && BILLION.test(after)) return [String(Math.round(Number(unit.parts[0]) * 1000 * 1000) / 1000)];
  if (unit.parts.length === 2 && /^0+$/.test(unit.text.split(/[:.]/).at(-1) ?? '') && /^\d{1,2}[:.]0+$/.test(unit.text)) return [unit.parts[0]!];
  if (!/\d[.,]\d{3}(?!\d)/.test(unit.text)) return undefined;
  const other = DECIMAL_POINT.has(primary(language)) ? 'nl' : 'en';
  const again = numberUnits(unit.text, other, false);
  return again.length === 1 ? again[0]!.parts : undefined;
}
