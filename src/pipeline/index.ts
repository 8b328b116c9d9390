/** Pipeline stage: plan → harvest → memory → engine queue → memory → reassembly → files. */
export { translateArticles, type FailedSegment, type LanguageSummary, type RunCounts, type RunOptions, type TranslateOptions, type TranslateSummary } from './translate.js';
export { batches } from './batches.js';
export { createJobQueue, type JobQueue, type QueueLimits } from './job-queue.js';
export { withRetry, type RetryPolicy } from './retry.js';
export { readProvenance, completeness, textHash, shortId, recordSegments, provenanceValue, localizedArticle, untouchedSinceWritten, type Provenance, type SegmentRecord } from './provenance.js';
export { harvestLocalized, type Harvest } from './harvest.js';
export { planRun, type Plan, type ArticleWork } from './plan.js';
export { alignLocalized, type AlignedSegment, type Alignment, type AlignInput } from './align-localized.js';
export { localizedEdits, type EditScan, type MarkdownEdit } from './localized-edits.js';
export { translateStrings, type StringsSummary, type TranslateStringsOptions } from './translate-strings.js';
