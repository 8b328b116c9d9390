/**
 * A language's completeness, 0–100: every required string key (plural forms
 * by the language's own rules) and every segment occurrence of every source
 * article is one unit; a unit is done when the key is present and not empty,
 * or the segment has a translation made from the current source text.
 * Rounded down, so 100 means nothing at all is left.
 */
export function completePercent(parts: ReadonlyArray<{ done: number; total: number }>): number {
  let done = 0;
  let total = 0;
  for (const part of parts) {
    done += part.done;
    total += part.total;
  }
  return total === 0 ? 100 : Math.floor((100 * done) / total);
}
