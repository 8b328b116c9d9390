/**
 * tolk as a library: what a CMS hook or a build script calls. Everything here
 * takes a loaded `Project` (see `loadProject`) and returns its result; nothing
 * writes to the terminal or exits the process. The CLI is built on the same
 * functions.
 *
 * ```js
 * import { loadProject, translate, check } from 'tolk';
 * const project = await loadProject({ root: '/srv/newsroom' });
 * const summary = await translate(project, { to: ['af'], engine: 'apertium' });
 * const { exitCode } = await check(project);
 * ```
 */
export { loadProject, defineConfig, type Project, type TolkConfig, type TolkConfigInput } from './config/index.js';
export { translate, translateStrings, type TranslateRunOptions, type TranslateArticlesRunOptions } from './api/translate.js';
export { check, exportSite } from './api/check.js';
export { syncExport, syncExportOmegat, syncImport, syncEdits, type SyncExportOptions } from './api/sync.js';
export { openMemory } from './memory/index.js';
export { segmentArticle, type Segment, type SegmentedArticle, type SegmentOptions } from './markdown/index.js';
export { initProject, type InitOptions, type InitResult } from './api/init.js';
export { TolkError, ConfigError, InputError, UsageError } from './core/errors.js';
export type { Diagnostic } from './core/diagnostic.js';
export type { TranslateSummary, StringsSummary, FailedSegment, LanguageSummary } from './pipeline/index.js';
export type { CheckResult, CheckOptions, LanguageReport } from './check/index.js';
export type { ExportOptions, ExportResult } from './publish/index.js';
export type { ExportReport, ImportReport, ImportFile, LanguageStatus, SyncMarkdownReport } from './sync/index.js';

/**
 * Plug-in contracts: an engine, a memory store, a job queue (plain-data
 * `EngineJob` in, `EngineResult` out, so jobs can run in another process).
 * **Experimental** until 1.0.
 */
export type { Engine, EngineContext, EngineLimits, EngineTranslation, TranslateRequest } from './engines/index.js';
export type { MemoryStore, MemoryEntry, MemoryWrite, WriteResult, FuzzyMatch, FuzzyOptions, MemoryStats, Status } from './memory/index.js';
export type { JobQueue, QueueLimits, EngineJob, EngineResult, SegmentResult, EngineProfile, RetryPolicy } from './queue/index.js';
export { createLocalQueue, runJob } from './queue/index.js';
