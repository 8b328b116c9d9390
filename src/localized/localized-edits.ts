import type { Diagnostic } from '../core/diagnostic.js';
import type { Alignment } from './align-localized.js';

/** A segment of a localized article (or a value of a locale file) that a person changed after tolk wrote it. */
export interface MarkdownEdit {
  language: string;
  /** The localized article or locale file (display path) and the segment's (key's) line in it. */
  file: string;
  line: number;
  /** The source article (display path), or the source locale file and key (`locales/nl/common.json#nav.home`). */
  article: string;
  segmentId: string;
  /** Tagged source text. */
  source: string;
  /** The localized text, tags numbered as in the source. */
  target: string;
  /** `edited`: a translation tolk wrote was changed; `translated`: a segment tolk left in the source language was translated by hand. */
  kind: 'edited' | 'translated';
}

export interface EditScan {
  edits: MarkdownEdit[];
  /** What could not be read back, one finding per article or segment; nothing is guessed. */
  problems: Diagnostic[];
}

/**
 * The hand edits in one aligned localized article, and every change that
 * cannot be matched to its source, reported rather than guessed: segments
 * added or removed (`edit-unaligned`), markup changed inside a segment
 * (`edit-markup`), an edit to a segment whose source has changed since
 * (`edit-stale`). A segment tolk left untranslated and a person translated
 * counts as an edit too.
 */
export function localizedEdits(alignment: Alignment, at: { language: string; localizedFile: string; article: string }): EditScan {
  const scan: EditScan = { edits: [], problems: [] };
  const problem = (rule: string, message: string, line?: number) =>
    scan.problems.push({ severity: 'warning', rule, message, file: at.localizedFile, language: at.language, ...(line ? { line } : {}) });
  if (alignment.unaligned) {
    problem(
      'edit-unaligned',
      `${alignment.unaligned.replace(/^the article /, '')}: a paragraph, heading, list item or field was added or removed, ` +
        'so its hand edits cannot be matched to the source; nothing was read from it',
    );
    return scan;
  }
  for (const stale of alignment.stale) {
    if (stale.edited) problem('edit-stale', 'edited, but its source segment has changed since the article was built; run `tolk translate`, then edit again', stale.line);
  }
  for (const damage of alignment.damaged) {
    if (damage.edited) problem('edit-markup', "its markup (links, emphasis, code) no longer matches the source segment's, so the edit cannot be read back", damage.line);
  }
  for (const segment of alignment.segments) {
    if (!segment.edited) continue;
    scan.edits.push({
      language: at.language,
      file: at.localizedFile,
      line: segment.line,
      article: at.article,
      segmentId: segment.source.segment.id,
      source: segment.source.segment.source,
      target: segment.target,
      kind: segment.recordedHash ? 'edited' : 'translated',
    });
  }
  // Problems in the order of the article, as a translator reads it.
  scan.problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  return scan;
}
