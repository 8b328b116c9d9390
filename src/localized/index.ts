/**
 * Localized articles as tolk writes and reads them: the `tolk:` record in
 * their front matter, aligning a localized article with its source, and the
 * one reader of a translator's hand edits. Below `pipeline/`, `check/`,
 * `publish/` and `sync/`, which all read what this folder defines.
 */
export { readProvenance, completeness, textHash, shortId, recordSegments, localizedArticle, untouchedSinceWritten, readFreshness, type Provenance, type SegmentRecord } from './provenance.js';
export { harvestLocalized, type Harvest } from './harvest.js';
export { alignLocalized, type AlignedSegment, type Alignment, type AlignInput } from './align-localized.js';
export { localizedEdits, type EditScan, type MarkdownEdit } from './localized-edits.js';
export { withoutConflicts, type EditAt } from './edit-conflicts.js';
export { contextExactIds } from './context-match.js';
