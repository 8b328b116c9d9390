import { checkTranslation, glossaryHints, matchers, protectTerms, type Glossary, type GlossaryHint, type Protected, type Violation } from '../glossary/index.js';
import type { EngineProfile } from '../queue/index.js';

export interface GlossarySettings {
  glossary: Glossary;
  enforcement: 'warning' | 'error';
  /** False: check translations without protecting terms first, to see what the engine does alone. @default true */
  protect?: boolean;
}

/** The glossary for one language of a run: what travels to the engine, and what is checked after. */
export interface GlossaryPhase {
  /** What goes to the engine for a segment: names (and, for engines without glossary support, terms) as placeholders. */
  protect(source: string): Protected;
  /** Glossary entries for a batch, for engines that take them (`glossary: 'hints'`). */
  hints(sources: string[]): GlossaryHint[] | undefined;
  /** Terms a translation gets wrong. */
  violations(source: string, target: string): Violation[];
}

const unprotected = (source: string): Protected => ({ tagged: source, fills: new Map() });

/** None without a glossary: nothing protected, nothing checked. Without an engine (a rebuild), checks only. */
export function glossaryPhase(settings: GlossarySettings | undefined, sourceLanguage: string, language: string, engine?: EngineProfile): GlossaryPhase | undefined {
  if (!settings) return undefined;
  const terms = matchers(settings.glossary);
  const sourceTerms = terms(sourceLanguage);
  const targetTerms = terms(language);
  const protecting = settings.protect !== false;
  return {
    protect: (source) => (protecting ? protectTerms(source, sourceTerms, language, { terms: engine?.glossary !== 'hints' }) : unprotected(source)),
    hints: (sources) => (engine?.glossary === 'hints' && protecting ? glossaryHints(sources, sourceTerms, language) : undefined),
    violations: (source, target) => checkTranslation(source, target, sourceTerms, targetTerms),
  };
}
