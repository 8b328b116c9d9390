import type { Diagnostic } from '../core/diagnostic.js';
import type { MemoryWrite } from '../memory/index.js';
import { alignLocalized, type AlignInput } from './align-localized.js';
import { localizedEdits } from './localized-edits.js';

export interface Harvest {
  /** One write per translated segment read back; `edited` ones were changed (or translated) by hand. */
  writes: Array<MemoryWrite & { edited: boolean; line: number }>;
  /** Hand changes that cannot be read back (unaligned article, changed markup, stale source), as `tolk sync` reports them. */
  problems: Diagnostic[];
}

export interface HarvestInput extends AlignInput {
  /** Source article path recorded with the writes. */
  article: string;
}

/**
 * Reads translations back out of a localized article, the way `tolk sync`
 * reads hand edits: what tolk wrote and nobody changed goes back as the
 * machine translation it was; what a person changed or translated is a
 * human translation; what cannot be matched to the source is reported.
 */
export function harvestLocalized(input: HarvestInput): Harvest {
  const alignment = alignLocalized(input);
  const { problems } = localizedEdits(alignment, { language: input.targetLanguage, localizedFile: input.localizedFile, article: input.article });
  const writes: Harvest['writes'] = [];
  for (const { source, target, recordedHash, edited, line } of alignment.segments) {
    if (!edited && !recordedHash) continue; // source text tolk left in place: no translation
    writes.push({
      segmentId: source.segment.id,
      sourceLanguage: input.source.sourceLanguage,
      targetLanguage: input.targetLanguage,
      source: source.segment.source,
      target,
      origin: edited ? 'human' : `article:${input.localizedFile}`,
      status: edited ? 'translated' : 'machine',
      article: input.article,
      edited,
      line,
    });
  }
  return { writes, problems };
}
