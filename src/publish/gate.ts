import { completeness, type Provenance } from '../localized/index.js';

/** How much of the current source a localized article covers. */
export interface Coverage {
  /** 0–100, rounded down: 100 means nothing is left. */
  complete: number;
  /** Segment occurrences of the current source. */
  total: number;
  /** Of those, the ones the article has a translation for. */
  translated: number;
  /** False for an article without a `tolk:` record (written by hand), which is trusted as complete, as `tolk check` does. */
  tracked: boolean;
  /** True when the record was built from the current source. */
  fresh: boolean;
}

/**
 * Coverage of an article against the current source, counted the way `tolk
 * check` counts it: a record naming the current source's hash describes the
 * source exactly; an older record counts the current source's segment
 * occurrences it has a translation for (a segment whose text changed has a
 * new id, so it counts as untranslated).
 *
 * `sourceIds`: the current source's segment ids in document order, shortened
 * like the record's (12 hex digits); asked for only when the record does not
 * describe the current source, since it means parsing the source.
 */
export function measure(record: Provenance | undefined, sourceHash: string, sourceIds: () => readonly string[]): Coverage {
  if (!record) {
    const total = sourceIds().length;
    return { complete: 100, total, translated: total, tracked: false, fresh: false };
  }
  if (record.sourceHash === sourceHash) {
    const translated = record.segments.filter((s) => s.textHash).length;
    return { complete: completeness(record.segments), total: record.segments.length, translated, tracked: true, fresh: true };
  }
  const done = new Set(record.segments.filter((s) => s.textHash).map((s) => s.id));
  const ids = sourceIds();
  const translated = ids.filter((id) => done.has(id)).length;
  const complete = ids.length === 0 ? 100 : Math.floor((100 * translated) / ids.length);
  return { complete, total: ids.length, translated, tracked: true, fresh: false };
}

/** The gate: po4a's `--keep`, a percentage an article must reach to be published. */
export function passes(coverage: Pick<Coverage, 'complete'>, minComplete: number): boolean {
  return coverage.complete >= minComplete;
}
