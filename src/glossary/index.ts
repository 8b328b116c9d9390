/** Glossary stage: terminology files, term matching, protection before engines, checks after. */
export type { Concept, Glossary, Term, TermStatus } from './model.js';
export { isAllowed, isForbidden } from './model.js';
export { TermMatcher, matchers, type Occurrence } from './match.js';
export { checkTranslation, matchText, storedViolation, violationMessage, violationSeverity, type GlossaryRule, type Violation } from './check-translation.js';
export { violationDiagnostic, type ViolationPlace } from './violation-diagnostic.js';
export { protectTerms, restoreTerms, type Protected } from './protect.js';
export { glossaryHints, type GlossaryHint } from './hints.js';
export { loadGlossaries } from './load-glossaries.js';
export { articleSubjects, ScopedGlossary, type SubjectFields } from './subjects.js';
