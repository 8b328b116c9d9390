import type { Project } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { checkQa } from '../qa/index.js';
import { localizedArticles } from './localized-articles.js';

/**
 * QA findings for the localized articles on disk, each at its article, line
 * and language, with the segment, its source and its translation: every
 * translated segment (tolk's or a person's) is aligned to its source through
 * the article's record and run through the QA rules. Source text tolk left
 * in place is no translation and is not checked.
 */
export async function qaArticleFindings(project: Project, languages: readonly string[]): Promise<Diagnostic[]> {
  const sourceLanguage = project.config.sourceLanguage;
  const findings: Diagnostic[] = [];
  for await (const { language, file, translated } of localizedArticles(project, languages)) {
    for (const segment of translated) {
      const id = segment.source.segment.id;
      for (const f of checkQa(segment.source.segment.source, segment.target, { source: sourceLanguage, target: language }, project.config.qa, id)) {
        findings.push({ ...f, language, file, line: segment.line, key: id.slice(0, 12), segment: id, source: segment.source.segment.source, target: segment.target });
      }
    }
  }
  return findings;
}

/** `tolk check`'s QA pass over the localized articles of the languages in scope. */
export const qaProvider = async ({ project, languages }: { project: Project; languages: readonly string[] }): Promise<Diagnostic[]> =>
  qaArticleFindings(project, languages.filter((l) => project.config.articleLanguages.includes(l)));
