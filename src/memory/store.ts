/**
 * The translation-memory contract. SQLite implements it today; a PostgreSQL
 * store for teams implements the same methods, so callers never change.
 * All methods are async for that reason, even where SQLite answers at once.
 */

/** Workflow status, lowest to highest. */
export const STATUSES = ['machine', 'translated', 'reviewed', 'final'] as const;
export type Status = (typeof STATUSES)[number];

export const statusRank = (status: Status): number => STATUSES.indexOf(status);

/** One stored translation of one source segment into one language. */
export interface MemoryEntry {
  segmentId: string;
  sourceLanguage: string;
  targetLanguage: string;
  /** Tagged source text. */
  source: string;
  /** Tagged target text. */
  target: string;
  /** `engine:<name>`, `human` or `import:<file>`. */
  origin: string;
  status: Status;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
  /** Article paths where the segment occurs (filled by `entries`; lookups skip it for speed). */
  articles?: string[];
  /** The target this one replaced when a person replaced a machine translation. */
  previousTarget?: string;
  previousOrigin?: string;
  /** Glossary violations recorded when the target was stored. */
  violations?: string[];
}

export interface MemoryWrite {
  /** Defaults to the id computed from source language and source. */
  segmentId?: string;
  sourceLanguage: string;
  targetLanguage: string;
  source: string;
  target: string;
  origin: string;
  status: Status;
  /** Where the segment occurs, recorded alongside. */
  article?: string;
  /** Glossary violations found in this target, stored with it (empty: none). */
  violations?: string[];
  /**
   * History carried by a copy between memories (`tolk tm copy`): every article
   * the segment occurs in, the target it replaced and the original times.
   * A write that replaces a machine target by a person's keeps that target as
   * previous, whatever it carries.
   */
  articles?: readonly string[];
  previousTarget?: string;
  previousOrigin?: string;
  createdAt?: string;
  updatedAt?: string;
}

export interface WriteResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Writes refused by a rule, e.g. a machine translation over a human one. */
  skipped: Array<{ segmentId: string; targetLanguage: string; reason: string }>;
}

export interface FuzzyMatch {
  /** 0-100, token edit distance: 100 * (maxLen - distance) / maxLen. */
  score: number;
  segmentId: string;
  source: string;
  target: string;
  origin: string;
  status: Status;
}

export interface FuzzyOptions {
  sourceLanguage: string;
  targetLanguage: string;
  /** @default 5 */
  limit?: number;
  /** Minimum score. @default 75 */
  threshold?: number;
}

export interface MemoryStats {
  units: number;
  pairs: Array<{
    sourceLanguage: string;
    targetLanguage: string;
    units: number;
    byOrigin: Record<string, number>;
    byStatus: Record<string, number>;
  }>;
}

export interface MemoryStore {
  /** Exact matches by segment id for one target language. */
  lookup(segmentIds: readonly string[], targetLanguage: string): Promise<Map<string, MemoryEntry>>;
  /**
   * Exact match by text when ids differ only by tag numbering; the returned
   * entry's target is renumbered to the given source's tags.
   */
  lookupText(source: string, sourceLanguage: string, targetLanguage: string): Promise<MemoryEntry | undefined>;
  /**
   * `lookupText` for many sources in one call (one round trip on a networked
   * store): the found entries keyed by the source as given, targets renumbered
   * to its tags. Among several stored sources with the same text, the highest
   * status wins, then the most recently updated.
   */
  lookupTexts(sources: readonly string[], sourceLanguage: string, targetLanguage: string): Promise<Map<string, MemoryEntry>>;
  /** Best fuzzy matches, highest score first. */
  fuzzy(source: string, options: FuzzyOptions): Promise<FuzzyMatch[]>;
  /** Applies writes in one transaction, obeying the status rules. */
  write(writes: readonly MemoryWrite[]): Promise<WriteResult>;
  /**
   * A hint, never required: translations of these sources will be written
   * soon (a worker says so while the engine works). A networked store does
   * now what depends on the sources alone, so the write after the answer
   * waits for less: PostgreSQL stores the sources and their fuzzy index, and
   * the write is then the translations and where they occur. No read answers
   * differently until a translation is written; a failure here is the
   * write's to report.
   */
  prepare?(sources: ReadonlyArray<Pick<MemoryWrite, 'sourceLanguage' | 'source' | 'segmentId'>>): Promise<void>;
  /**
   * Applies a stream of writes as one all-or-nothing transaction (imports):
   * an error from the stream rolls everything back.
   */
  writeAll(writes: AsyncIterable<MemoryWrite>): Promise<WriteResult>;
  /** Every entry, optionally for one target language, in a stable order. */
  entries(filter?: { targetLanguage?: string; sourceLanguage?: string }): AsyncIterable<MemoryEntry>;
  stats(): Promise<MemoryStats>;
  close(): Promise<void>;
}
