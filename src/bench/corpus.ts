import { seededRandom } from './random.js';

/**
 * Deterministic text for benchmarks, grown from the words of the sample
 * article: a 20,000-word vocabulary with a Zipf-like spread, so common words
 * are common and memories have realistic candidate lists.
 */
const BASE = `de het een van in op met voor olympische spelen kazachstan parijs medaille gouden zilveren bronzen atleten
sport wielrennen boksen judo zwemmen turnen schieten atletiek land succes prestatie investering talent ploeg renners
wedstrijd finale podium record trainer team ervaring toekomst steun resultaat gewichtheffen ploegenachtervolging
vrouwen mannen strategische infrastructuur faciliteiten programma internationale samenwerking kracht natie geest`
  .split(/\s+/)
  .filter(Boolean);

export class SentenceGenerator {
  readonly #random: () => number;
  readonly #vocabulary: string[];

  constructor(seed = 2024, vocabularySize = 20_000) {
    this.#random = seededRandom(seed);
    const syllables = ['ka', 'ze', 'ro', 'mi', 'tu', 'len', 'ber', 'gen', 'sta', 'vo', 'ri', 'den'];
    this.#vocabulary = Array.from({ length: vocabularySize }, (_, i) => {
      if (i < BASE.length) return BASE[i]!;
      let word = BASE[i % BASE.length]!.slice(0, 3);
      for (let n = i; n > 0; n = Math.floor(n / syllables.length)) word += syllables[n % syllables.length];
      return word;
    });
  }

  /** A word; low indices (the article's words) are far more frequent. */
  word(): string {
    return this.#vocabulary[Math.floor(this.#random() ** 3 * this.#vocabulary.length)]!;
  }

  /** A sentence of 8-25 words. */
  sentence(): string {
    const length = 8 + Math.floor(this.#random() * 18);
    const words = Array.from({ length }, () => this.word());
    words[0] = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
    return `${words.join(' ')}.`;
  }

  /** A copy of `sentence` with `edits` words replaced: a fuzzy-match query. */
  vary(sentence: string, edits: number): string {
    const words = sentence.slice(0, -1).split(' ');
    for (let i = 0; i < edits; i++) words[1 + Math.floor(this.#random() * (words.length - 1))] = this.word();
    return `${words.join(' ')}.`;
  }

  int(max: number): number {
    return Math.floor(this.#random() * max);
  }
}
