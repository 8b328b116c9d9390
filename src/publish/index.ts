/** Publish stage: localized articles that pass the completeness gate, as Markdown, HTML pages and JSON. */
export { exportArticles, DEFAULT_MIN_COMPLETE } from './export.js';
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
export { measure, passes, type Coverage } from './gate.js';
export { checkSlug } from './slug.js';
export { directionOf } from './language.js';
