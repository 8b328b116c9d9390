import { plainText } from '../tagged/index.js';
import type { TermMatcher } from './match.js';
import { isAllowed, isForbidden, type Concept } from './model.js';

export type GlossaryRule = 'glossary-missing' | 'glossary-forbidden' | 'dnt-changed';

export interface Violation {
  rule: GlossaryRule;
  /** The source term as it stands in the segment. */
  term: string;
  /** The target term(s) the glossary allows. */
  expected: string;
  /** What the translation has instead, when known. */
  found?: string;
  concept: string;
}

/** Text of a tagged string with tags as spaces, so words on either side of a tag stay apart. */
export function matchText(tagged: string): string {
  return plainText(tagged.replace(/<\/?\d+\/?>/g, (tag) => `${tag} `)).replace(/\s+/g, ' ');
}

/**
 * Checks one translation against the glossary: every source term needs an
 * allowed target term of the same concept, a name marked do-not-translate
 * must keep its form, and forbidden (deprecated, superseded) terms must not
 * appear. Presence is checked, not counts: word order and pronouns vary.
 */
export function checkTranslation(source: string, target: string, sourceMatcher: TermMatcher, targetMatcher: TermMatcher): Violation[] {
  const language = targetMatcher.language;
  const inSource = sourceMatcher.find(matchText(source));
  const inTarget = targetMatcher.find(matchText(target));
  const violations: Violation[] = [];
  const allowedIn = (concept: Concept) => inTarget.some((o) => o.concept === concept && isAllowed(o.term));
  const expectedFor = (concept: Concept) =>
    (concept.terms[language] ?? []).filter(isAllowed).map((t) => t.text);
  const seen = new Set<Concept>();
  for (const occurrence of inSource) {
    const { concept } = occurrence;
    if (seen.has(concept)) continue;
    seen.add(concept);
    const expected = expectedFor(concept);
    if (concept.dnt) {
      const forms = expected.length ? expected : [occurrence.text];
      if (!allowedIn(concept) && !forms.some((form) => matchText(target).includes(form))) {
        violations.push({ rule: 'dnt-changed', term: occurrence.text, expected: forms.join(' | '), concept: concept.id });
      }
    } else if (expected.length && !allowedIn(concept)) {
      const wrong = inTarget.find((o) => o.concept === concept);
      violations.push({
        rule: 'glossary-missing',
        term: occurrence.text,
        expected: expected.join(' | '),
        ...(wrong ? { found: wrong.text } : {}),
        concept: concept.id,
      });
    }
  }
  for (const occurrence of inTarget) {
    if (!isForbidden(occurrence.term)) continue;
    const preferred = expectedFor(occurrence.concept);
    violations.push({
      rule: 'glossary-forbidden',
      term: inSource.find((o) => o.concept === occurrence.concept)?.text ?? occurrence.concept.terms[sourceMatcher.language]?.[0]?.text ?? occurrence.text,
      expected: preferred.join(' | ') || '(none)',
      found: occurrence.text,
      concept: occurrence.concept.id,
    });
  }
  return violations;
}

/** How a violation counts: a missing term is an error only under `enforcement: "error"`; forbidden terms and changed names always are. */
export function violationSeverity(v: Violation, enforcement: 'warning' | 'error'): 'error' | 'warning' {
  return v.rule === 'glossary-missing' && enforcement === 'warning' ? 'warning' : 'error';
}

/** The sentence every report uses for a violation. */
export function violationMessage(v: Violation): string {
  if (v.rule === 'dnt-changed') return `the name "${v.term}" must stay "${v.expected}"`;
  if (v.rule === 'glossary-forbidden') return `"${v.found}" is a forbidden translation of "${v.term}"; use "${v.expected}"`;
  return `"${v.term}" must be translated as "${v.expected}"${v.found ? ` (found "${v.found}")` : ''}`;
}

/** The compact form stored with a translation in the memory. */
export function storedViolation(v: Violation): string {
  return `${v.rule}: ${v.term} → ${v.expected}${v.found ? ` (found ${v.found})` : ''}`;
}
