import { retagToSource, segmentArticle, segmentUnits, type SegmentedArticle, type Unit } from '../markdown/index.js';
import { shortId, textHash, type Provenance } from './provenance.js';

/** One segment of a localized article, paired with its source segment. */
export interface AlignedSegment {
  source: Unit;
  /** The localized text, tags numbered as in the source. */
  target: string;
  /** The text hash recorded when tolk wrote it; undefined where tolk left the source text (no translation then). */
  recordedHash?: string;
  /** The text differs from what tolk wrote (from the source text, where it wrote no translation): a person changed it. */
  edited: boolean;
  /** Line in the localized article. */
  line: number;
}

export interface Alignment {
  /** Every segment whose markup still matches its source's, translated or not. */
  segments: AlignedSegment[];
  /** Recorded segments whose source no longer exists (the source changed since); `edited` when a person changed the text too. */
  stale: Array<{ line: number; edited: boolean }>;
  /** Segments whose markup no longer matches the source's (a link or code removed or added by hand). */
  damaged: Array<{ line: number; segment: string; edited: boolean }>;
  /** Why the article could not be aligned to its record, when it could not. */
  unaligned?: string;
}

export interface AlignInput {
  source: SegmentedArticle;
  localizedText: string;
  localizedFile: string;
  provenance: Provenance;
  targetLanguage: string;
  frontMatterFields: readonly string[];
}

/**
 * Pairs a localized article's segments with the source's, by structure,
 * through the article's own record: the n-th segment of the localized
 * article is the n-th recorded one, which names its source segment and the
 * hash of the text tolk wrote there. Nothing is guessed: when the counts
 * differ the article is reported unaligned. The pipeline's harvest, `tolk
 * sync` and `tolk check` all read localized articles through this.
 */
export function alignLocalized(input: AlignInput): Alignment {
  const localized = segmentArticle(input.localizedText, {
    sourceLanguage: input.targetLanguage,
    frontMatterFields: input.frontMatterFields,
    file: input.localizedFile,
  });
  const localizedUnits = segmentUnits(localized);
  const records = input.provenance.segments;
  if (localizedUnits.length !== records.length) {
    return { segments: [], stale: [], damaged: [], unaligned: `the article has ${localizedUnits.length} segments but its record lists ${records.length}` };
  }
  const sourceUnits = new Map(segmentUnits(input.source).map((u) => [shortId(u.segment.id), u]));
  const alignment: Alignment = { segments: [], stale: [], damaged: [] };
  records.forEach((record, i) => {
    const unit = localizedUnits[i]!;
    const line = unit.segment.line;
    const source = sourceUnits.get(record.id);
    if (!source) {
      // The source changed since: unedited text is merely stale, an edit has no source segment to belong to.
      if (record.textHash) alignment.stale.push({ line, edited: textHash(unit.segment.source) !== record.textHash });
      return;
    }
    const expected = record.textHash ?? textHash(source.segment.source);
    const target = retagToSource(unit, input.localizedText, source, input.source.text);
    if (target === undefined) {
      const edited = textHash(unit.segment.source) !== expected || unit.tags.size !== source.tags.size;
      alignment.damaged.push({ line, segment: source.segment.id, edited });
      return;
    }
    alignment.segments.push({
      source,
      target,
      ...(record.textHash ? { recordedHash: record.textHash } : {}),
      edited: textHash(target) !== expected,
      line,
    });
  });
  return alignment;
}
