/**
 * Splits [id, source] pairs into requests within an engine's segment and
 * character limits. With `group`, a request also ends where the group changes
 * (engines that read an article's context get one article per request).
 */
export function* batches<T extends [string, string]>(
  items: readonly T[],
  limits: { maxSegments: number; maxCharacters: number },
  group?: (id: string) => string,
): Generator<T[]> {
  let batch: T[] = [];
  let characters = 0;
  let key: string | undefined;
  for (const item of items) {
    const size = item[1].length;
    const itemKey = group?.(item[0]);
    if (batch.length && (batch.length >= limits.maxSegments || characters + size > limits.maxCharacters || itemKey !== key)) {
      yield batch;
      batch = [];
      characters = 0;
    }
    batch.push(item);
    characters += size;
    key = itemKey;
  }
  if (batch.length) yield batch;
}
