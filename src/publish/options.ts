/** Types of the publisher export: what `exportArticles` takes and returns. */
import type { Project } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { Logger } from '../core/logger.js';

export const EXPORT_FORMATS = ['md', 'html', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  project: Project;
  /** Directory everything is written into (absolute, or relative to the process's cwd); nothing is written outside it. */
  out: string;
  /**
   * Languages to export. The source language is always exported too: it is
   * every article's `x-default` and belongs in every hreflang set.
   * @default the project's `articleLanguages`
   */
  languages?: readonly string[];
  /** @default ['md', 'html', 'json'] */
  formats?: readonly ExportFormat[];
  /**
   * The gate: an article is exported in a language only when its translation
   * is at least this complete (0–100), like po4a's `--keep`.
   * @default 80
   */
  minComplete?: number;
  /**
   * Absolute URL the output directory will be served from (`https://example.org/news/`).
   * With it, hreflang and canonical links are absolute as search engines want them;
   * without it they are relative, so the export also works opened from disk.
   */
  baseUrl?: string;
  logger?: Logger;
  signal?: AbortSignal;
}

/** Why an article was not exported in a language. */
export type HoldReason =
  /** There is no localized article. */
  | 'missing'
  /** The localized article is less complete than `minComplete`. */
  | 'incomplete';

export interface ExportedArticle {
  /** Source article, `<sourceLanguage>/<path>`. */
  source: string;
  lang: string;
  slug: string;
  /** 0–100 against the current source. */
  complete: number;
  /** Files written, relative to `out`, with `/`. */
  files: string[];
}

export interface HeldBackArticle {
  source: string;
  lang: string;
  complete: number;
  reason: HoldReason;
  /** Files an earlier export had written for it, removed now (relative to `out`). */
  removed: string[];
}

export interface ExportResult {
  /** The output directory, absolute. */
  out: string;
  formats: ExportFormat[];
  minComplete: number;
  /** Languages looked at, source first. */
  languages: string[];
  exported: ExportedArticle[];
  heldBack: HeldBackArticle[];
  /** Index files written (relative to `out`). */
  indexes: string[];
  /** Warnings: UI strings missing for a language, articles without a tolk record... */
  diagnostics: Diagnostic[];
  /** The signal stopped the export between two articles: the indexes were not rewritten and nothing was removed. */
  interrupted: boolean;
}
