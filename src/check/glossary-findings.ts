import type { Project } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { articleSubjects, checkTranslation, loadGlossaries, ScopedGlossary, violationDiagnostic, type Glossary } from '../glossary/index.js';
import { localizedArticles } from './localized-articles.js';

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
  // An article nobody touched since tolk wrote (and structure-checked) it has no tag damage to find.
  for await (const { language, file, source, alignment, translated } of localizedArticles(project, options.languages ?? project.config.articleLanguages, { skipUntouched: !scoped })) {
    for (const damage of alignment.damaged) {
      findings.push({
        severity: 'error',
        rule: 'tag-damage',
        language,
        file,
        line: damage.line,
        key: damage.segment.slice(0, 12),
        message: 'the markup of this segment (links, code, emphasis) no longer matches the source',
      });
    }
    if (alignment.unaligned) {
      findings.push({ severity: 'error', rule: 'tag-damage', language, file, message: `cannot be aligned to its source: ${alignment.unaligned}` });
    }
    if (!scoped) continue;
    const terms = scoped.matchers(articleSubjects(source.frontMatter?.data, project.config.glossary.defaultSubject));
    for (const segment of translated) {
      for (const v of checkTranslation(segment.source.segment.source, segment.target, terms(sourceLanguage), terms(language))) {
        findings.push(violationDiagnostic(v, options.enforcement, { language, file, line: segment.line, segment: segment.source.segment.id }));
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
