import type { Diagnostic } from '../core/diagnostic.js';
import { checkTranslation, matchers, storedViolation, violationDiagnostic, type Glossary, type Violation, type ViolationPlace, type SubjectFields } from '../glossary/index.js';

export interface GlossaryContext {
  glossary: Glossary;
  enforcement: 'warning' | 'error';
  /** Config `glossary.subjects`, for the articles rebuilt after an import (imported units themselves are checked against every entry). */
  subjects?: SubjectFields;
}

/** Checks new translations against the glossary, as `tolk glossary check` reports hand edits. */
export class GlossaryChecker {
  readonly #context: GlossaryContext | undefined;
  readonly #terms: ReturnType<typeof matchers> | undefined;
  readonly #sourceLanguage: string;

  constructor(sourceLanguage: string, context?: GlossaryContext) {
    this.#sourceLanguage = sourceLanguage;
    this.#context = context;
    this.#terms = context && matchers(context.glossary);
  }

  violations(source: string, target: string, language: string): Violation[] {
    if (!this.#terms) return [];
    return checkTranslation(source, target, this.#terms(this.#sourceLanguage), this.#terms(language));
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
