/**
 * Which segment ids each language of a run has already dealt with, in one
 * map for all languages: an id is kept once with a bit per language, so a
 * run over twenty languages holds each id once rather than twenty times
 * (the one structure of a run that grows with the corpus).
 */
export class SeenSegments {
  readonly #bits = new Map<string, number | number[]>();

  has(id: string, language: number): boolean {
    const bits = this.#bits.get(id);
    if (bits === undefined) return false;
    const word = typeof bits === 'number' ? (language < 32 ? bits : 0) : (bits[language >> 5] ?? 0);
    return (word & (1 << (language & 31))) !== 0;
  }

  add(id: string, language: number): void {
    const bits = this.#bits.get(id);
    if (language < 32 && (bits === undefined || typeof bits === 'number')) {
      this.#bits.set(id, ((bits ?? 0) | (1 << language)) >>> 0);
      return;
    }
    const words = typeof bits === 'number' ? [bits] : (bits ?? []);
    while (words.length <= language >> 5) words.push(0);
    words[language >> 5] = (words[language >> 5]! | (1 << (language & 31))) >>> 0;
    this.#bits.set(id, words);
  }
}
