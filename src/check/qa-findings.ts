import type { Project } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { readText, readTextIfExistsSync } from '../core/read-text.js';
import { segmentArticle, type SegmentedArticle } from '../markdown/index.js';
import { alignLocalized, readProvenance } from '../localized/index.js';
import { displayPath, listSourceArticles, localizedPath, sourcePath } from '../project/index.js';
import { checkQa } from '../qa/index.js';

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
  for (const path of await listSourceArticles(project)) {
    const sourceFile = sourcePath(project, path);
    let source: SegmentedArticle | undefined;
    for (const language of languages) {
      const file = localizedPath(project, language, path);
      const display = displayPath(project, file);
      let text: string | undefined;
      try {
        text = readTextIfExistsSync(file, display);
      } catch {
        continue; // unreadable: `tolk check`'s article pass reports it
      }
      const provenance = text === undefined ? undefined : readProvenance(text);
      if (text === undefined || !provenance) continue;
      source ??= segmentArticle(await readText(sourceFile, displayPath(project, sourceFile)), {
        sourceLanguage,
        frontMatterFields: project.config.frontMatter.translate,
        file: displayPath(project, sourceFile),
      });
      const alignment = alignLocalized({ source, localizedText: text, localizedFile: display, provenance, targetLanguage: language, frontMatterFields: project.config.frontMatter.translate });
      for (const segment of alignment.segments.filter((s) => s.recordedHash || s.edited)) {
        const id = segment.source.segment.id;
        for (const f of checkQa(segment.source.segment.source, segment.target, { source: sourceLanguage, target: language }, project.config.qa, id)) {
          findings.push({ ...f, language, file: display, line: segment.line, key: id.slice(0, 12), segment: id, source: segment.source.segment.source, target: segment.target });
        }
      }
    }
  }
  return findings;
}

/** `tolk check`'s QA pass over the localized articles of the languages in scope. */
export const qaProvider = async ({ project, languages }: { project: Project; languages: readonly string[] }): Promise<Diagnostic[]> =>
  qaArticleFindings(project, languages.filter((l) => project.config.articleLanguages.includes(l)));
