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
  const had = statusRank(existing.status);
  const wants = statusRank(write.status);
  if (wants === 0 && had > 0) {
    return { action: 'skip', reason: `a machine translation never overwrites a ${existing.status} one (${existing.origin})` };
  }
  if (wants < had) return { action: 'skip', reason: `would lower the status from ${existing.status} to ${write.status}` };
  return { action: 'update', keepPrevious: had === 0 && wants > 0 && existing.target !== write.target };
}
