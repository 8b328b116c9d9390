/** Translator sync: XLIFF out and in (articles and UI strings), hand edits in localized Markdown back into the memory, and where each language stands. */
export { exportXliff, type ExportOptions, type ExportReport } from './export.js';
export { exportOmegatProject, omegatTargetFiles, type OmegatExportOptions, type OmegatExportReport } from './omegat-project.js';
export { importXliff, type ImportFile, type ImportOptions, type ImportReport, type ImportedFile } from './import.js';
export { syncMarkdown, type SyncMarkdownOptions, type SyncMarkdownReport, type StoreEditsResult } from './sync-markdown.js';
export { type EditScan, type FindEditsInput, type MarkdownEdit } from './markdown-edits.js';
export { indexSegments, type SegmentIndex } from './segment-index.js';
export { syncStatus, type LanguageStatus, type StatusCounts } from './status.js';
export { matchLanguage } from './languages.js';
export type { ExportReason } from './unit-notes.js';
export type { GlossaryContext } from './glossary-findings.js';
