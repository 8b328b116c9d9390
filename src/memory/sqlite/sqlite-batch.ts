import type { Statement } from 'better-sqlite3';
import { plainText, segmentId } from '../../tagged/index.js';
import type { MemoryWrite, Status, WriteResult } from '../store.js';
import { textKeyHash } from '../text-key.js';
import { decideWrite } from '../write-rules.js';

/** The store's prepared statements, by name. */
export type Statements = Record<string, Statement>;

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

function planBatch(writes: readonly MemoryWrite[]): PlannedBatch {
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

/**
 * One batch in key order (see `SORTED_BATCH`): sources looked up and inserted, then units decided and
 * written, each in key order. New sources are numbered, and indexed for fuzzy search, in arrival
 * order, so listings keep the order a memory was filled in; refusals are reported in arrival order.
 */
export function applyBatch(stmt: Statements, writes: readonly MemoryWrite[], result: WriteResult, tx: { nextNum: number }): void {
  if (writes.length === 0) return;
  const { ids, keys, order } = planBatch(writes);
  const now = new Date().toISOString();
  const nums = new Map<string, number>();
  const firstOf = new Map<string, number>();
  const lower = ids.map((id) => id.toLowerCase());
  for (const i of order) {
    const id = lower[i]!;
    if (nums.has(id) || firstOf.has(id)) continue;
    const row = stmt.sourceRow!.get(keys[i]) as { num: number } | undefined;
    if (row) nums.set(id, row.num);
    else firstOf.set(id, i);
  }
  const fresh: number[] = [];
  for (let i = 0; i < writes.length; i++) {
    if (firstOf.get(lower[i]!) !== i) continue;
    nums.set(lower[i]!, tx.nextNum++);
    fresh.push(i);
  }
  for (const i of order) {
    if (firstOf.get(lower[i]!) === i) stmt.insertSource!.run(keys[i], nums.get(lower[i]!), writes[i]!.sourceLanguage, writes[i]!.source, textKeyHash(writes[i]!.source));
  }
  for (const i of fresh) stmt.insertWords!.run(nums.get(lower[i]!), plainText(writes[i]!.source));
  const skipped: Array<[number, WriteResult['skipped'][number]]> = [];
  for (const i of order) {
    // A source this batch inserted has no units before its first write: no lookup (most of an import).
    const reason = applyWrite(stmt, writes[i]!, keys[i]!, nums.get(lower[i]!)!, firstOf.get(lower[i]!) === i, now, result);
    if (reason) skipped.push([i, { segmentId: ids[i]!, targetLanguage: writes[i]!.targetLanguage, reason }]);
  }
  skipped.sort((a, b) => a[0] - b[0]);
  for (const [, skip] of skipped) result.skipped.push(skip);
}

/** One write of a unit whose source is stored as `num`; returns why the status rules refused it, if they did. */
function applyWrite(stmt: Statements, write: MemoryWrite, key: Buffer, num: number, isNew: boolean, now: string, result: WriteResult): string | undefined {
  if (write.article) stmt.occurrence!.run(num, write.article);
  for (const article of write.articles ?? []) stmt.occurrence!.run(num, article);
  const existing = isNew
    ? undefined
    : (stmt.unit!.get(key, write.targetLanguage) as { target: string; status: Status; origin: string } | undefined);
  const decision = decideWrite(existing, write);
  switch (decision.action) {
    case 'insert':
      stmt.insertUnit!.run(
        key,
        write.targetLanguage,
        write.target,
        write.origin,
        write.status,
        write.createdAt ?? now,
        write.updatedAt ?? now,
        violationsJson(write),
        write.previousTarget ?? null,
        write.previousOrigin ?? null,
      );
      result.inserted++;
      return;
    case 'unchanged':
      result.unchanged++;
      return;
    case 'skip':
      return decision.reason;
    case 'update': {
      const values = [write.target, write.origin, write.status, write.updatedAt ?? now, violationsJson(write)];
      if (decision.keepPrevious) stmt.updateUnitKeep!.run(...values, key, write.targetLanguage);
      else if (write.previousTarget !== undefined) {
        stmt.updateUnitHistory!.run(...values, write.previousTarget, write.previousOrigin ?? null, key, write.targetLanguage);
      } else stmt.updateUnit!.run(...values, key, write.targetLanguage);
      result.updated++;
    }
  }
}

const violationsJson = (write: MemoryWrite): string | null => (write.violations?.length ? JSON.stringify(write.violations) : null);
