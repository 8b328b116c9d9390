/** `1 error`, `2 errors`: counts read as sentences in every format. */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
