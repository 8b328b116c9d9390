/** Pipeline stage: orchestrates segments → engines → reassembly → files. */
export { batches, translateArticles, type LanguageSummary, type TranslateOptions, type TranslateSummary } from './translate.js';
