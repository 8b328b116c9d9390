import { retagToSource, segmentArticle, segmentUnits, type SegmentedArticle, type Unit } from '../markdown/index.js';
import type { Provenance } from './provenance.js';

/** One translated segment of a localized article, paired with its source segment. */
export interface AlignedSegment {
  source: Unit;
  /** The localized text, tags numbered as in the source. */
  target: string;
  /** The text hash recorded when tolk wrote it. */
  recordedHash: string;
  /** Line in the localized article. */
  line: number;
}

export interface Alignment {
  segments: AlignedSegment[];
  /** Recorded segments whose source no longer exists (the source changed since). */
  stale: number;
  /** Translated segments whose markup no longer matches the source's (a link or code removed or added by hand). */
  damaged: Array<{ line: number; segment: string }>;
  /** Why the article could not be aligned to its record, when it could not. */
  unaligned?: string;
}

/**
 * Pairs a localized article's translated segments with the source's, by
 * structure, through the article's own record: the n-th segment of the
 * localized article is the n-th recorded one, which names its source
 * segment. Nothing is guessed: when the counts differ the article is
 * reported unaligned.
 */
export interface AlignInput {
  source: SegmentedArticle;
  localizedText: string;
  localizedFile: string;
  provenance: Provenance;
  targetLanguage: string;
  frontMatterFields: readonly string[];
}

export function alignLocalized(input: AlignInput): Alignment {
  const localized = segmentArticle(input.localizedText, {
    sourceLanguage: input.targetLanguage,
    frontMatterFields: input.frontMatterFields,
    file: input.localizedFile,
  });
  const localizedUnits = segmentUnits(localized);
  const records = input.provenance.segments;
  if (localizedUnits.length !== records.length) {
    return { segments: [], stale: 0, damaged: [], unaligned: `the article has ${localizedUnits.length} segments but its record lists ${records.length}` };
  }
  const sourceUnits = new Map(segmentUnits(input.source).map((u) => [u.segment.id.slice(0, records[0]?.id.length ?? 12), u]));
  const alignment: Alignment = { segments: [], stale: 0, damaged: [] };
  records.forEach((record, i) => {
    if (!record.textHash) return;
    const source = sourceUnits.get(record.id);
    if (!source) {
      alignment.stale++;
      return;
    }
    const unit = localizedUnits[i]!;
    const target = retagToSource(unit, input.localizedText, source, input.source.text);
    if (target !== undefined) alignment.segments.push({ source, target, recordedHash: record.textHash, line: unit.segment.line });
    else alignment.damaged.push({ line: unit.segment.line, segment: source.segment.id });
  });
  return alignment;
}
