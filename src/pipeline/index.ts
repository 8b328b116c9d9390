/** Pipeline stage: plan → harvest → memory → engine queue → memory → reassembly → files. */
export { translateArticles, type FailedSegment, type LanguageSummary, type RunCounts, type RunOptions, type TranslateOptions, type TranslateSummary } from './translate.js';
export { planRun, type Plan, type ArticleWork } from './plan.js';
export { translateStrings, type StringsSummary, type TranslateStringsOptions } from './translate-strings.js';
export { rebuildArticles, type RebuildOptions, type RebuildResult } from './rebuild.js';
export { lookupTranslations, type Known } from './memory-phase.js';
export { answerWrites, checksFingerprint, type CheckSettings } from './answer-writes.js';
