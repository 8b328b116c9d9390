export type { EditScan, MarkdownEdit } from '../localized/index.js';
import type { Project } from '../config/index.js';
import { InputError } from '../core/errors.js';
import type { SegmentedArticle } from '../markdown/index.js';
import { type ArticleWork } from '../pipeline/index.js';
import { alignLocalized, localizedEdits, type EditScan, type Provenance } from '../localized/index.js';
import { displayPath } from '../project/index.js';

/**
 * Hand edits in one localized article by structure, through its `tolk:`
 * record (see `alignLocalized`); every change that cannot be matched to its
 * source is reported (see `localizedEdits`).
 */
export function findEdits(input: FindEditsInput): EditScan {
  const alignment = alignLocalized({ ...input, targetLanguage: input.language });
  return localizedEdits(alignment, { language: input.language, localizedFile: input.localizedFile, article: input.source.file });
}

export interface FindEditsInput {
  source: SegmentedArticle;
  localizedText: string;
  localizedFile: string;
  provenance: Provenance;
  language: string;
  frontMatterFields: readonly string[];
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
