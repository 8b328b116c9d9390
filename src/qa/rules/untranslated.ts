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
    if (!sameText(source, target)) return [];
    const norm = (t: string) => t.replace(/\s+/g, ' ').trim();
    const own = ownWords(target);
    if (own.length < 3) return [];
    return [{ severity: 'warning', rule: 'untranslated', message: `the translation is the source text unchanged ("${norm(target).slice(0, 60)}")` }];
  },
};

/** Equal but for whitespace, read from the start and left at the first difference (most translations differ early). */
function sameText(a: string, b: string): boolean {
  let i = 0;
  let j = 0;
  const space = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\u00a0';
  while (space(a[i])) i++;
  while (space(b[j])) j++;
  for (;;) {
    if (i >= a.length || j >= b.length) {
      while (space(a[i])) i++;
      while (space(b[j])) j++;
      return i >= a.length && j >= b.length;
    }
    if (space(a[i]) || space(b[j])) {
      if (!(space(a[i]) && space(b[j]))) return false;
      while (space(a[i])) i++;
      while (space(b[j])) j++;
      continue;
    }
    if (a[i] !== b[j]) return false;
    i++;
    j++;
  }
}
