import type { Segment } from '../markdown/index.js';
import { shortId, textHash, type SegmentRecord } from './provenance.js';

/** Where a segment stands: the ids (12 hex digits) of the segments before and after it, `^`/`$` at the article's ends. */
const neighbours = (ids: readonly string[], i: number): string => `${ids[i - 1] ?? '^'} ${ids[i]} ${ids[i + 1] ?? '$'}`;

/**
 * Context-exact ("101 %") matches, as OmegaT and Phrase count them: segments
 * whose translation is the one the localized article's `tolk:` record says
 * was written for them **between the same neighbours**. The record lists the
 * article's segments in document order with a hash of each translation as
 * written, so it tells, without the memory storing neighbours, that this
 * translation stood after the same sentence and before the same sentence in
 * this very article. A match that is only exact (same sentence, other
 * neighbours or another translation) is not context-exact.
 *
 * @param segments the source article's segments now, in document order
 * @param record the localized article's record (segments as they were written), if it has one
 * @param translationOf the translation that would be used now
 */
export function contextExactIds(segments: readonly Segment[], record: readonly SegmentRecord[] | undefined, translationOf: (id: string) => string | undefined): Set<string> {
  const exact = new Set<string>();
  if (!record?.length) return exact;
  const recordedIds = record.map((r) => r.id);
  const written = new Map<string, string>();
  record.forEach((r, i) => {
    if (r.textHash) written.set(neighbours(recordedIds, i), r.textHash);
  });
  const ids = segments.map((s) => shortId(s.id));
  segments.forEach((segment, i) => {
    const hash = written.get(neighbours(ids, i));
    if (hash === undefined) return;
    const translation = translationOf(segment.id);
    if (translation !== undefined && textHash(translation) === hash) exact.add(segment.id);
  });
  return exact;
}
