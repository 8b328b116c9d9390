import { plainText } from '../../tagged/index.js';

/** The words a fuzzy query and the word table index: letters and digits, lower-cased, each once. */
export function queryWords(source: string): string[] {
  return [...new Set(plainText(source).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])];
}

/** A segment id as the bytea the tables key on. */
export function idBytes(id: string): Buffer {
  return Buffer.from(id, 'hex');
}

/** A length in fuzzy tokens as the postings keep it (a smallint; longer texts count as the longest). */
export function tokenCount(tokens: number): number {
  return Math.min(tokens, 32_767);
}
