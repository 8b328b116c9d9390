import type { Diagnostic } from '../core/diagnostic.js';
import type { Project } from '../config/index.js';
import { articleSubjects, checkTranslation, ScopedGlossary, storedViolation, violationDiagnostic, type Glossary, type Violation, type ViolationPlace, type SubjectFields } from '../glossary/index.js';
import type { ArticleWork } from '../pipeline/index.js';

export interface GlossaryContext {
  glossary: Glossary;
  enforcement: 'warning' | 'error';
  /** Config `glossary.subjects`: a unit or edit of an article is checked against its article's subjects' entries. */
  subjects?: SubjectFields;
}

/**
 * The subjects of each source article (front matter `subject`, else `glossary.defaultSubject`), by its path under
 * `articles/<sourceLanguage>/` or its display path; undefined for anything else (a UI string: every entry applies).
 */
export function subjectsByArticle(project: Project, work: readonly ArticleWork[]): (article: string) => string[] | undefined {
  const byName = new Map<string, string[]>();
  for (const item of work) {
    const subjects = articleSubjects(item.article.frontMatter?.data, project.config.glossary.defaultSubject);
    byName.set(item.path, subjects).set(item.display, subjects);
  }
  return (article) => byName.get(article);
}

/** Checks new translations against the glossary, as `tolk glossary check` reports hand edits. */
export class GlossaryChecker {
  readonly #context: GlossaryContext | undefined;
  readonly #scoped: ScopedGlossary | undefined;
  readonly #sourceLanguage: string;

  constructor(sourceLanguage: string, context?: GlossaryContext) {
    this.#sourceLanguage = sourceLanguage;
    this.#context = context;
    this.#scoped = context && new ScopedGlossary(context.glossary, context.subjects);
  }

  /** `subjects`: those of the article the translation is for (see `subjectsByArticle`); absent: every entry. */
  violations(source: string, target: string, language: string, subjects?: readonly string[]): Violation[] {
    if (!this.#scoped) return [];
    const terms = this.#scoped.matchers(subjects);
    return checkTranslation(source, target, terms(this.#sourceLanguage), terms(language));
  }

  /** The memory's form of violations, stored with the translation. */
  static stored(violations: readonly Violation[]): string[] {
    return violations.map(storedViolation);
  }

  /** One finding per violation; a missing term is an error only under `enforcement: "error"`. */
  findings(violations: readonly Violation[], where: ViolationPlace): Diagnostic[] {
    const enforcement = this.#context?.enforcement ?? 'warning';
    return violations.map((v) => violationDiagnostic(v, enforcement, where));
  }
}
