import { primary, type QaRule } from '../rule.js';

/** The first letter of a text, skipping quotes, brackets, numbers and marks that open it. */
function firstLetter(text: string): { letter: string; at: number } | undefined {
  const m = /[\p{L}]/u.exec(text);
  return m ? { letter: m[0], at: m.index } : undefined;
}

const isUpper = (c: string) => c !== c.toLowerCase() && c === c.toUpperCase();
const isLower = (c: string) => c !== c.toUpperCase() && c === c.toLowerCase();

/**
 * Afrikaans never capitalises the article `'n`: a sentence that opens with it
 * capitalises the next word (`'n Deurbraak vir Kazakstan`).
 */
function sentenceStart(target: string, language: string): { letter: string; word: string } | undefined {
  const text = target.trimStart();
  if (primary(language) === 'af') {
    const n = /^['’]n\s+([\p{L}][\p{L}\p{M}'’-]*)/u.exec(text);
    if (n) return { letter: n[1]![0]!, word: `'n ${n[1]}` };
  }
  const first = firstLetter(text);
  if (!first) return undefined;
  return { letter: first.letter, word: /^[\p{L}\p{M}'’-]+/u.exec(text.slice(first.at))![0] };
}

export const capitalization: QaRule = {
  name: 'capitalization',
  severity: 'warning',
  description: 'the source starts with a capital and the translation does not (Afrikaans: the word after `\'n`)',
  check(source, target, languages) {
    const s = firstLetter(source.trimStart());
    // Only a sentence-like start: the first character (after opening punctuation) is the capital letter.
    if (!s || !isUpper(s.letter) || /[\p{N}]/u.test(source.trimStart().slice(0, s.at))) return [];
    const t = sentenceStart(target, languages.target);
    if (!t || !isLower(t.letter)) return [];
    return [{ severity: 'warning', rule: 'capitalization', message: `the source starts with a capital, the translation with "${t.word}"`, actual: t.word }];
  },
};
