import { checkTranslation, glossaryHints, protectTerms, ScopedGlossary, type Glossary, type GlossaryHint, type Protected, type SubjectFields, type Violation } from '../glossary/index.js';
import type { EngineProfile } from '../queue/index.js';

export interface GlossarySettings {
  glossary: Glossary;
  enforcement: 'warning' | 'error';
  /** False: check translations without protecting terms first, to see what the engine does alone. @default true */
  protect?: boolean;
  /** Config `glossary.subjects`: entries whose subject is listed apply only in articles of that subject. @default {} */
  subjects?: SubjectFields;
}

/**
 * The glossary for one language of a run: what travels to the engine, and what is checked after. `subjects` are
 * the subjects of the article a segment is translated for (see `articleSubjects`); absent: every entry applies.
 */
export interface GlossaryPhase {
  /** What goes to the engine for a segment: names (and, for engines without glossary support, terms) as placeholders. */
  protect(source: string, subjects?: readonly string[]): Protected;
  /** Glossary entries for a batch, for engines that take them (`glossary: 'hints'`). */
  hints(segments: ReadonlyArray<{ source: string; subjects?: readonly string[] }>): GlossaryHint[] | undefined;
  /** Terms a translation gets wrong. */
  violations(source: string, target: string, subjects?: readonly string[]): Violation[];
}

const unprotected = (source: string): Protected => ({ tagged: source, fills: new Map() });

/** None without a glossary: nothing protected, nothing checked. Without an engine (a rebuild), checks only. */
export function glossaryPhase(settings: GlossarySettings | undefined, sourceLanguage: string, language: string, engine?: EngineProfile): GlossaryPhase | undefined {
  if (!settings) return undefined;
  const scoped = new ScopedGlossary(settings.glossary, settings.subjects);
  const protecting = settings.protect !== false;
  return {
    protect: (source, subjects) => (protecting ? protectTerms(source, scoped.matchers(subjects)(sourceLanguage), language, { terms: engine?.glossary !== 'hints' }) : unprotected(source)),
    hints: (segments) => {
      if (engine?.glossary !== 'hints' || !protecting) return undefined;
      const hints = new Map<string, GlossaryHint>();
      for (const { source, subjects } of segments) for (const hint of glossaryHints([source], scoped.matchers(subjects)(sourceLanguage), language)) hints.set(hint.source.toLowerCase(), hint);
      return [...hints.values()];
    },
    violations: (source, target, subjects) => {
      const terms = scoped.matchers(subjects);
      return checkTranslation(source, target, terms(sourceLanguage), terms(language));
    },
  };
}
