import { statusRank, type MemoryWrite, type Status } from './store.js';

export type WriteDecision =
  | { action: 'insert' }
  | { action: 'unchanged' }
  | { action: 'update'; keepPrevious: boolean }
  | { action: 'skip'; reason: string };

export interface ExistingUnit {
  target: string;
  status: Status;
  origin: string;
}

/**
 * The one rule every peer tool's users ask for, in one place: a machine
 * translation never overwrites a human one, and no write lowers a status.
 * When a person replaces a machine translation, the old target is kept.
 */
export function decideWrite(existing: ExistingUnit | undefined, write: MemoryWrite): WriteDecision {
  if (!existing) return { action: 'insert' };
  if (existing.target === write.target && existing.status === write.status) return { action: 'unchanged' };
  const reason = refusal(existing, write.status);
  if (reason) return { action: 'skip', reason };
  return { action: 'update', keepPrevious: statusRank(existing.status) === 0 && statusRank(write.status) > 0 && existing.target !== write.target };
}

/**
 * Why the status rules refuse a write of `status` over `existing` (undefined: they allow it). Bulk writes,
 * which decide inside one SQL statement, ask this for the reason of each write the statement left alone.
 */
export function refusal(existing: Pick<ExistingUnit, 'status' | 'origin'>, status: Status): string | undefined {
  const had = statusRank(existing.status);
  const wants = statusRank(status);
  if (wants === 0 && had > 0) return `a machine translation never overwrites a ${existing.status} one (${existing.origin})`;
  if (wants < had) return `would lower the status from ${existing.status} to ${status}`;
  return undefined;
}
