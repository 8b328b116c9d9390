import type { Diagnostic } from '../core/diagnostic.js';
import type { Violation } from '../glossary/index.js';
import type { Status } from '../memory/index.js';
import type { QueueCounts } from '../queue/index.js';

/** What a run counted, per language and in total. */
export interface RunCounts {
  segments: number;
  unique: number;
  tmExact: number;
  /** Of `tmExact`: context-exact ("101 %") matches, the same translation between the same neighbours as when it was written. */
  tmContext: number;
  tmFuzzy: number;
  engineSegments: number;
  engineRequests: number;
  engineCharacters: number;
}

export interface LanguageSummary extends RunCounts {
  engine: string;
  failed: number;
  written: number;
  /** Words the engine marked unknown, per segment (Apertium). */
  unknownWords: Record<string, string[]>;
  /** Glossary violations in the translations used for this language. */
  glossaryViolations: number;
  /** QA findings (src/qa) in the translations used for this language. */
  qaFindings: number;
}

export interface GlossaryFinding extends Violation {
  language: string;
  segment: string;
  source: string;
  /** `machine` translations with violations are kept out of articles under `enforcement: "error"`. */
  status: Status;
}

/** A QA finding on a translation the run used: the diagnostic plus where it is. */
export interface QaRunFinding extends Diagnostic {
  language: string;
  segment: string;
  source: string;
  target: string;
  /** `machine` translations with an error finding are kept out of articles under `qa.enforcement: "error"`. */
  status: Status;
}

export interface FailedSegment {
  language: string;
  segment: string;
  source: string;
  reason: string;
}

export interface TranslateSummary extends RunCounts {
  failed: FailedSegment[];
  /** Glossary violations found in the translations used (engine, memory or human). */
  violations: GlossaryFinding[];
  /** QA findings in the translations used (engine, memory or human), accepted ones (`qa.accept`) left out. */
  qa: QaRunFinding[];
  written: string[];
  /** Localized articles skipped because they are complete and built from the current source. */
  upToDate: number;
  /** Translations read back from localized articles (fresh clone, hand edits). */
  harvested: number;
  interrupted: boolean;
  languages: Record<string, LanguageSummary>;
  diagnostics: Diagnostic[];
  /** With a remote queue (`queue.url`): its jobs, every producer's and worker's, when the run ended. */
  queue?: QueueCounts;
}

/** A run's counters before anything happened. */
export const noCounts = (): RunCounts => ({ segments: 0, unique: 0, tmExact: 0, tmContext: 0, tmFuzzy: 0, engineSegments: 0, engineRequests: 0, engineCharacters: 0 });

const COUNTS = Object.keys(noCounts()) as Array<keyof RunCounts>;

/** `into` plus `more`, counter by counter. */
export function addCounts(into: RunCounts, more: Partial<RunCounts>): void {
  for (const key of COUNTS) into[key] += more[key] ?? 0;
}

/**
 * What one language's part of one chunk returns: its counters and findings.
 * The run sums these; no phase writes into a shared summary.
 */
export interface ChunkResult {
  language: string;
  counts: Partial<RunCounts>;
  failed: FailedSegment[];
  violations: GlossaryFinding[];
  qa: QaRunFinding[];
  unknownWords: Array<[string, string[]]>;
  diagnostics: Diagnostic[];
  /** Localized articles written (display paths). */
  written: string[];
}

export const emptyChunk = (language: string): ChunkResult => ({ language, counts: {}, failed: [], violations: [], qa: [], unknownWords: [], diagnostics: [], written: [] });

/** Adds one chunk's result to the run's summary. */
export function mergeChunk(summary: TranslateSummary, result: ChunkResult): void {
  const lang = summary.languages[result.language]!;
  addCounts(lang, result.counts);
  lang.failed += result.failed.length;
  lang.written += result.written.length;
  lang.glossaryViolations += result.violations.length;
  lang.qaFindings += result.qa.length;
  for (const [id, words] of result.unknownWords) lang.unknownWords[id] = words;
  append(summary.failed, result.failed);
  append(summary.violations, result.violations);
  append(summary.qa, result.qa);
  append(summary.diagnostics, result.diagnostics);
  append(summary.written, result.written);
}

/** `push(...items)` without the argument limit a large list would hit. */
function append<T>(into: T[], items: readonly T[]): void {
  for (const item of items) into.push(item);
}
