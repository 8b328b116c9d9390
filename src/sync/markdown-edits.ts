import type { Project } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { InputError } from '../core/errors.js';
import { retagToSource, segmentArticle, segmentUnits, type SegmentedArticle } from '../markdown/index.js';
import { shortId, textHash, type ArticleWork, type Provenance } from '../pipeline/index.js';
import { displayPath } from '../project/index.js';

/** A segment of a localized article that a person changed after tolk wrote it. */
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

export interface FindEditsInput {
  source: SegmentedArticle;
  localizedText: string;
  localizedFile: string;
  provenance: Provenance;
  language: string;
  frontMatterFields: readonly string[];
}

/**
 * Finds hand edits in one localized article by structure, through its
 * `tolk:` record: the n-th segment of the localized article is the n-th
 * recorded one, which names its source segment and the hash of the text
 * tolk wrote there. Unlike the pipeline's harvest (which reads back what it
 * can and passes over the rest), every segment that changed but cannot be
 * matched to its source is reported: a paragraph added or removed, markup
 * changed inside a segment, an edit to a segment whose source has changed
 * since. A segment tolk left untranslated and a person translated counts as
 * an edit too.
 */
export function findEdits(input: FindEditsInput): EditScan {
  const { source, provenance, language } = input;
  const scan: EditScan = { edits: [], problems: [] };
  const problem = (rule: string, message: string, line?: number) =>
    scan.problems.push({ severity: 'warning', rule, message, file: input.localizedFile, language, ...(line ? { line } : {}) });
  const localized = segmentArticle(input.localizedText, {
    sourceLanguage: language,
    frontMatterFields: input.frontMatterFields,
    file: input.localizedFile,
  });
  const units = segmentUnits(localized);
  const records = provenance.segments;
  if (units.length !== records.length) {
    problem(
      'edit-unaligned',
      `has ${units.length} segments but its record lists ${records.length}: a paragraph, heading, list item or field was added or removed, ` +
        'so its hand edits cannot be matched to the source; nothing was read from it',
    );
    return scan;
  }
  const sourceUnits = new Map(segmentUnits(source).map((u) => [shortId(u.segment.id), u]));
  records.forEach((record, index) => {
    const unit = units[index]!;
    const sourceUnit = sourceUnits.get(record.id);
    const written = record.textHash;
    if (!sourceUnit) {
      // The source changed since: unedited text is merely stale, an edit has no source segment to belong to.
      if (written && textHash(unit.segment.source) !== written) {
        problem('edit-stale', `edited, but its source segment has changed since the article was built; run \`tolk translate\`, then edit again`, unit.segment.line);
      }
      return;
    }
    const expected = written ?? textHash(sourceUnit.segment.source);
    const target = retagToSource(unit, input.localizedText, sourceUnit, source.text);
    if (target === undefined) {
      if (textHash(unit.segment.source) !== expected || unit.tags.size !== sourceUnit.tags.size) {
        problem('edit-markup', 'its markup (links, emphasis, code) no longer matches the source segment\'s, so the edit cannot be read back', unit.segment.line);
      }
      return;
    }
    if (textHash(target) === expected) return;
    scan.edits.push({
      language,
      file: input.localizedFile,
      line: unit.segment.line,
      article: source.file,
      segmentId: sourceUnit.segment.id,
      source: sourceUnit.segment.source,
      target,
      kind: written ? 'edited' : 'translated',
    });
  });
  return scan;
}

/** Hand edits in every localized article of `work` tolk wrote; articles it did not write are reported once. */
export function findAllEdits(project: Project, work: readonly ArticleWork[], languages: ReadonlySet<string>): EditScan {
  const all: EditScan = { edits: [], problems: [] };
  for (const item of work) {
    for (const target of item.targets) {
      if (!languages.has(target.language) || !target.existing) continue;
      const file = displayPath(project, target.file);
      if (!target.existing.provenance) {
        all.problems.push({
          severity: 'warning',
          rule: 'edit-untracked',
          message: 'has no readable tolk: record (not written by tolk, or its front matter is broken), so its text cannot be matched to the source; nothing was read from it',
          file,
          language: target.language,
        });
        continue;
      }
      let scan: EditScan;
      try {
        scan = findEdits({
          source: item.article,
          localizedText: target.existing.text,
          localizedFile: file,
          provenance: target.existing.provenance,
          language: target.language,
          frontMatterFields: project.config.frontMatter.translate,
        });
      } catch (error) {
        // A translator's broken front matter stops only this article, not the sync of all others.
        if (!(error instanceof InputError)) throw error;
        scan = {
          edits: [],
          problems: [{ severity: 'warning', rule: 'edit-unreadable', message: `cannot be read (${error.message}); nothing was read from it`, file, language: target.language, ...(error.location.line ? { line: error.location.line } : {}) }],
        };
      }
      all.edits.push(...scan.edits);
      all.problems.push(...scan.problems);
    }
  }
  return all;
}
