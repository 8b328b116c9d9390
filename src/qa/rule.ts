import type { Diagnostic, Severity } from '../core/diagnostic.js';

/** The pair a translation is in: BCP 47 tags of its source and target. */
export interface QaLanguages {
  source: string;
  target: string;
}

/** What rules may be told beyond the two texts; every field has a default inside the rule. */
export interface QaOptions {
  /**
   * Target/source length ratio allowed per pair, `"nl-af"` or `"*"`:
   * `[min, max]`. @default the ranges in `rules/length.ts`
   */
  length?: Readonly<Record<string, readonly [number, number]>>;
}

/** A finding is the project's one diagnostic shape; a rule fills severity, rule, message and expected/actual. */
export type QaFinding = Diagnostic;

/**
 * One QA rule: a pure function of the source and target plain texts (tags
 * already turned into spaces) and the pair. A rule reports with its default
 * severity; the runner applies `qa.rules` overrides.
 */
export interface QaRule {
  name: string;
  severity: Severity;
  /** One line for the README and `--help`. */
  description: string;
  check(source: string, target: string, languages: QaLanguages, options: QaOptions): QaFinding[];
}

/** Primary language subtag in lower case: `pt-BR` → `pt`. */
export const primary = (tag: string): string => tag.toLowerCase().split('-')[0]!;
