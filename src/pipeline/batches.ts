/** Splits [id, source] pairs into requests within an engine's segment and character limits. */
export function* batches<T extends [string, string]>(items: readonly T[], limits: { maxSegments: number; maxCharacters: number }): Generator<T[]> {
  let batch: T[] = [];
  let characters = 0;
  for (const item of items) {
    const size = item[1].length;
    if (batch.length && (batch.length >= limits.maxSegments || characters + size > limits.maxCharacters)) {
      yield batch;
      batch = [];
      characters = 0;
    }
    batch.push(item);
    characters += size;
  }
  if (batch.length) yield batch;
}
