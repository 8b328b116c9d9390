import type { Project } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { readText, readTextIfExistsSync } from '../core/read-text.js';
import { articleSubjects, checkTranslation, loadGlossaries, ScopedGlossary, violationDiagnostic, type Glossary } from '../glossary/index.js';
import { segmentArticle, type SegmentedArticle } from '../markdown/index.js';
import { alignLocalized, readProvenance, untouchedSinceWritten } from '../localized/index.js';
import { displayPath, listSourceArticles, localizedPath, sourcePath } from '../project/index.js';

export interface GlossaryCheckOptions {
  project: Project;
  /** Without a glossary only the structure of each localized segment is checked (tag damage). */
  glossary?: Glossary;
  /** Only these target languages. @default config articleLanguages */
  languages?: string[];
  /** `error`: a missing term is an error too; `warning`: missing terms warn, forbidden terms and changed names are errors. */
  enforcement: 'warning' | 'error';
}

/**
 * Glossary findings for the localized articles on disk, so hand edits are
 * checked too: each translated segment is aligned to its source through the
 * article's record and checked like a fresh translation, against the entries
 * of the article's subjects (config `glossary.subjects`).
 */
export async function glossaryFindings(options: GlossaryCheckOptions): Promise<Diagnostic[]> {
  const { project, glossary } = options;
  const scoped = glossary ? new ScopedGlossary(glossary, project.config.glossary.subjects) : undefined;
  const sourceLanguage = project.config.sourceLanguage;
  const findings: Diagnostic[] = [];
  for (const path of await listSourceArticles(project)) {
    const sourceFile = sourcePath(project, path);
    // Parsed only when a localized copy needs aligning: most are untouched since tolk wrote them.
    let source: SegmentedArticle | undefined;
    const parsedSource = async () =>
      (source ??= segmentArticle(await readText(sourceFile, displayPath(project, sourceFile)), {
        sourceLanguage,
        frontMatterFields: project.config.frontMatter.translate,
        file: displayPath(project, sourceFile),
      }));
    for (const language of options.languages ?? project.config.articleLanguages) {
      const file = localizedPath(project, language, path);
      const display = displayPath(project, file);
      let text: string | undefined;
      try {
        text = readTextIfExistsSync(file, display);
      } catch {
        continue; // unreadable: `tolk check`'s article pass reports it
      }
      if (text === undefined) continue;
      // An article nobody touched since tolk wrote (and structure-checked) it has no tag damage to find.
      if (!scoped && untouchedSinceWritten(text)) continue;
      const provenance = readProvenance(text);
      if (!provenance) continue;
      const alignment = alignLocalized({
        source: await parsedSource(),
        localizedText: text,
        localizedFile: display,
        provenance,
        targetLanguage: language,
        frontMatterFields: project.config.frontMatter.translate,
      });
      for (const damage of alignment.damaged) {
        findings.push({
          severity: 'error',
          rule: 'tag-damage',
          language,
          file: display,
          line: damage.line,
          key: damage.segment.slice(0, 12),
          message: 'the markup of this segment (links, code, emphasis) no longer matches the source',
        });
      }
      if (alignment.unaligned) {
        findings.push({ severity: 'error', rule: 'tag-damage', language, file: display, message: `cannot be aligned to its source: ${alignment.unaligned}` });
      }
      if (!scoped) continue;
      const terms = scoped.matchers(articleSubjects((await parsedSource()).frontMatter?.data, project.config.glossary.defaultSubject));
      // Source text tolk left in place is no translation to check; a person's translation of it is.
      for (const segment of alignment.segments.filter((s) => s.recordedHash || s.edited)) {
        for (const v of checkTranslation(segment.source.segment.source, segment.target, terms(sourceLanguage), terms(language))) {
          findings.push(violationDiagnostic(v, options.enforcement, { language, file: display, line: segment.line, segment: segment.source.segment.id }));
        }
      }
    }
  }
  return findings;
}

/** `tolk check`'s pass over localized segments: tag damage always, glossary violations when the project has a glossary. */
export const glossaryProvider = async ({ project, languages }: { project: Project; languages: readonly string[] }): Promise<Diagnostic[]> => {
  const glossary = project.config.glossaries.length ? await loadGlossaries(project.root, project.config.glossaries) : undefined;
  return glossaryFindings({
    project,
    ...(glossary ? { glossary } : {}),
    enforcement: project.config.glossary.enforcement,
    languages: languages.filter((l) => project.config.articleLanguages.includes(l)),
  });
};
