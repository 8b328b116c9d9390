import type { QaRule } from '../rule.js';

/**
 * Words of a text's own: not numbers, not names. Any capitalised word may be
 * a name (`Ajax`, `PSV`, a heading's `Kazachstan`), so only lower-case words
 * count: `Real Madrid - Ajax` left as it is has none.
 */
export function ownWords(text: string): string[] {
  const words = text.match(/[\p{L}\p{M}][\p{L}\p{M}'’-]*/gu) ?? [];
  return words.filter((w) => w.length >= 2 && w[0] === w[0]!.toLowerCase() && w[0] !== w[0]!.toUpperCase());
}

export const untranslated: QaRule = {
  name: 'untranslated',
  severity: 'warning',
  description: 'the translation equals the source and has three or more words of its own (not names or numbers)',
  check(source, target) {
    const norm = (t: string) => t.replace(/\s+/g, ' ').trim();
    if (norm(source) !== norm(target)) return [];
    const own = ownWords(target);
    if (own.length < 3) return [];
    return [{ severity: 'warning', rule: 'untranslated', message: `the translation is the source text unchanged ("${norm(target).slice(0, 60)}")` }];
  },
};
