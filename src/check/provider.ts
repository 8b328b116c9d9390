import type { Project } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostic.js';

/** What a finding provider is told about the run. */
export interface CheckContext {
  project: Project;
  /** Target languages in scope (`--lang`); a provider reports for these only. */
  languages: readonly string[];
  signal?: AbortSignal;
}

/**
 * A source of findings `tolk check` adds to its own (strings and articles):
 * the glossary's, later others'. Findings carry `language` so `--lang` and
 * the per-language grouping apply to them too; a provider that cannot run
 * throws (ConfigError, InputError → exit 2).
 */
export type FindingProvider = (context: CheckContext) => Promise<Diagnostic[]>;
