import { retagToSource, segmentArticle, segmentUnits, type SegmentedArticle } from '../markdown/index.js';
import type { MemoryWrite } from '../memory/index.js';
import { textHash, type Provenance } from './provenance.js';

export interface Harvest {
  /** One write per aligned, translated segment; `edited` ones were changed by hand after tolk wrote them. */
  writes: Array<MemoryWrite & { edited: boolean }>;
  /** Segments whose source no longer exists (the source changed since). */
  stale: number;
  /** Why the article could not be aligned to its record, when it could not. */
  unaligned?: string;
}

export interface HarvestInput {
  source: SegmentedArticle;
  localizedText: string;
  localizedFile: string;
  provenance: Provenance;
  targetLanguage: string;
  frontMatterFields: readonly string[];
  /** Source article path recorded with the writes. */
  article: string;
}

/**
 * Reads translations back out of a localized article, aligned to the source
 * by structure through the article's own record: each occurrence in order
 * names its source segment. Hand edits are recognised by their text hash.
 * Nothing is guessed: an article whose structure no longer matches its
 * record is reported as unaligned and yields nothing.
 */
export function harvestLocalized(input: HarvestInput): Harvest {
  const localized = segmentArticle(input.localizedText, {
    sourceLanguage: input.targetLanguage,
    frontMatterFields: input.frontMatterFields,
    file: input.localizedFile,
  });
  const localizedUnits = segmentUnits(localized);
  const records = input.provenance.segments;
  if (localizedUnits.length !== records.length) {
    return { writes: [], stale: 0, unaligned: `the article has ${localizedUnits.length} segments but its record lists ${records.length}` };
  }
  const sourceUnits = new Map(segmentUnits(input.source).map((u) => [u.segment.id.slice(0, records[0]?.id.length ?? 12), u]));
  const harvest: Harvest = { writes: [], stale: 0 };
  records.forEach((record, i) => {
    if (!record.textHash) return;
    const source = sourceUnits.get(record.id);
    if (!source) {
      harvest.stale++;
      return;
    }
    const unit = localizedUnits[i]!;
    const target = retagToSource(unit, input.localizedText, source, input.source.text);
    if (target === undefined) return;
    const edited = textHash(target) !== record.textHash;
    harvest.writes.push({
      segmentId: source.segment.id,
      sourceLanguage: input.source.sourceLanguage,
      targetLanguage: input.targetLanguage,
      source: source.segment.source,
      target,
      origin: edited ? 'human' : `article:${input.localizedFile}`,
      status: edited ? 'translated' : 'machine',
      article: input.article,
      edited,
    });
  });
  return harvest;
}
