import { matchers, type TermMatcher } from './match.js';
import type { Concept, Glossary } from './model.js';

/** Article subject → the glossary subject fields that belong to it (config `glossary.subjects`). */
export type SubjectFields = Readonly<Record<string, readonly string[]>>;

const key = (subject: string) => subject.trim().toLowerCase();

/**
 * The subjects an article declares: its front matter `subject` (one value or a
 * list), else the project's default, else none.
 */
export function articleSubjects(frontMatter: Readonly<Record<string, unknown>> | undefined, defaultSubject?: string): string[] {
  const declared = frontMatter?.subject;
  const values = (Array.isArray(declared) ? declared : [declared]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  if (values.length) return values.map(key);
  return defaultSubject ? [key(defaultSubject)] : [];
}

/**
 * One glossary as it applies to articles of each subject. An entry whose
 * subject field some article subject lists belongs to those subjects and is
 * used only in their articles ("heat" the race heat in sports, not in a
 * weather report); an entry whose subject no article subject lists (a place,
 * a name) or that has none is used everywhere. Without `subjects` (no article
 * to go by: UI strings, a translator's file) every entry is used.
 */
export class ScopedGlossary {
  readonly glossary: Glossary;
  /** Concept → the article subjects it belongs to; absent: it applies everywhere. */
  readonly #owners = new Map<Concept, Set<string>>();
  readonly #cache = new Map<string, (language: string) => TermMatcher>();

  constructor(glossary: Glossary, fields: SubjectFields = {}) {
    this.glossary = glossary;
    const ownersOf = new Map<string, Set<string>>();
    for (const [subject, list] of Object.entries(fields)) {
      for (const field of list) ownersOf.set(key(field), (ownersOf.get(key(field)) ?? new Set()).add(key(subject)));
    }
    for (const concept of glossary.concepts) {
      const owners = concept.subject === undefined ? undefined : ownersOf.get(key(concept.subject));
      if (owners) this.#owners.set(concept, owners);
    }
  }

  /** Whether an entry applies in an article of these subjects. */
  applies(concept: Concept, subjects: readonly string[] | undefined): boolean {
    const owners = this.#owners.get(concept);
    return !owners || subjects === undefined || subjects.some((s) => owners.has(key(s)));
  }

  /** Term matchers per language over the entries that apply in an article of these subjects (built once per set of subjects). */
  matchers(subjects?: readonly string[]): (language: string) => TermMatcher {
    // Nothing scoped: one set of matchers for every article.
    const id = subjects === undefined || this.#owners.size === 0 ? '*' : [...new Set(subjects.map(key))].sort().join('\n');
    let found = this.#cache.get(id);
    if (!found) this.#cache.set(id, (found = matchers(id === '*' ? this.glossary : { concepts: this.glossary.concepts.filter((c) => this.applies(c, subjects)) })));
    return found;
  }
}
