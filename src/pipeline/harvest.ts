import type { MemoryWrite } from '../memory/index.js';
import { alignLocalized, type AlignInput } from './align-localized.js';
import { textHash } from './provenance.js';

export interface Harvest {
  /** One write per aligned, translated segment; `edited` ones were changed by hand after tolk wrote them. */
  writes: Array<MemoryWrite & { edited: boolean }>;
  /** Segments whose source no longer exists (the source changed since). */
  stale: number;
  /** Why the article could not be aligned to its record, when it could not. */
  unaligned?: string;
}

export interface HarvestInput extends AlignInput {
  /** Source article path recorded with the writes. */
  article: string;
}

/**
 * Reads translations back out of a localized article. Hand edits are
 * recognised by their text hash and stored as human translations.
 */
export function harvestLocalized(input: HarvestInput): Harvest {
  const alignment = alignLocalized(input);
  return {
    stale: alignment.stale,
    ...(alignment.unaligned ? { unaligned: alignment.unaligned } : {}),
    writes: alignment.segments.map(({ source, target, recordedHash }) => {
      const edited = textHash(target) !== recordedHash;
      return {
        segmentId: source.segment.id,
        sourceLanguage: input.source.sourceLanguage,
        targetLanguage: input.targetLanguage,
        source: source.segment.source,
        target,
        origin: edited ? 'human' : `article:${input.localizedFile}`,
        status: edited ? 'translated' : 'machine',
        article: input.article,
        edited,
      };
    }),
  };
}
