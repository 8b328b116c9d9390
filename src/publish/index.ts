/** Publish stage: localized articles that pass the completeness gate, as Markdown, HTML pages and JSON. */
export { exportArticles } from './export.js';
/** The page-chrome keys the export reads from `locales/<lang>/common.json` (`tolk init` writes a starter). */
export { CHROME_KEYS } from './chrome.js';
export {
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportOptions,
  type ExportResult,
  type ExportedArticle,
  type HeldBackArticle,
  type HoldReason,
} from './options.js';
export type { ArticleJson, IndexJson } from './json.js';
export type { Coverage } from './gate.js';
