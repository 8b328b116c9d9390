import type { MemoryEntry, Status } from './store.js';

/** A stored unit as both stores' queries return it (their UNIT_COLUMNS), before it becomes a MemoryEntry. */
export interface UnitRow {
  segment_id: string;
  source_lang: string;
  target_lang: string;
  source: string;
  target: string;
  origin: string;
  status: Status;
  created_at: string;
  updated_at: string;
  previous_target: string | null;
  previous_origin: string | null;
  /** JSON array of stored findings. */
  violations: string | null;
  /** Occurrences, one per line; only listings select them (null: selected, none recorded). */
  articles?: string | null;
}

export function toEntry(row: UnitRow): MemoryEntry {
  // One object of one shape, optional fields assigned only when present (no spreads: this runs per unit listed).
  const entry: MemoryEntry = {
    segmentId: row.segment_id.toLowerCase(),
    sourceLanguage: row.source_lang,
    targetLanguage: row.target_lang,
    source: row.source,
    target: row.target,
    origin: row.origin,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.articles !== undefined) entry.articles = row.articles ? row.articles.split('\n') : [];
  if (row.previous_target !== null) entry.previousTarget = row.previous_target;
  if (row.previous_origin !== null) entry.previousOrigin = row.previous_origin;
  if (row.violations) entry.violations = JSON.parse(row.violations) as string[];
  return entry;
}
