import { segmentId } from '../../tagged/index.js';
import type { MemoryWrite } from '../store.js';

/**
 * Writes applied per batch in key order. Segment ids are random bytes and both
 * tables are keyed by them, so writes in arrival order touch B-tree pages at
 * random (a large import spilled the page cache again and again); in key order
 * each page is visited once per batch. Large enough for that, small enough for
 * the batch itself to stay a few tens of MB.
 */
export const SORTED_BATCH = 25_000;

export interface PlannedBatch {
  writes: readonly MemoryWrite[];
  /** Each write's segment id (as given or computed), and the same as the 32 bytes the tables key on. */
  ids: string[];
  keys: Buffer[];
  /** Write indexes in key order; writes of one key keep their order (applied in order). */
  order: number[];
}

export function planBatch(writes: readonly MemoryWrite[]): PlannedBatch {
  const n = writes.length;
  const ids = new Array<string>(n);
  const keys = new Array<Buffer>(n);
  for (let i = 0; i < n; i++) {
    const write = writes[i]!;
    ids[i] = write.segmentId ?? segmentId(write.sourceLanguage, write.source);
    keys[i] = Buffer.from(ids[i]!, 'hex');
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => Buffer.compare(keys[a]!, keys[b]!) || a - b);
  return { writes, ids, keys, order };
}
