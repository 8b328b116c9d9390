import type { XliffNote } from '../exchange/index.js';
import { isAllowed, isForbidden, matchText, type TermMatcher } from '../glossary/index.js';
import type { FuzzyMatch } from '../memory/index.js';
import type { Project } from '../config/index.js';
import { checkQa } from '../qa/index.js';
import type { Occurrence } from './segment-index.js';
import type { IndexedString } from './string-index.js';

/** Why a unit is in the file: what the memory holds for its segment. */
export type ExportReason = 'untranslated' | 'fuzzy' | 'stale' | 'machine' | 'translated' | 'reviewed' | 'final';

const REASONS: Record<ExportReason, string> = {
  untranslated: 'not translated yet',
  fuzzy: 'not translated yet; the memory has similar sentences (see the tm notes)',
  stale: 'the source sentence changed since this article was translated; the earlier translation is among the tm notes',
  machine: 'machine-translated: the machine translation is offered as a match (take it and correct it, or translate anew)',
  translated: 'translated by a person',
  reviewed: 'reviewed',
  final: 'final',
};

/** At most this many locations are listed per unit; a sentence used in every article would drown the rest. */
const MAX_LOCATIONS = 5;

export function locationNotes(occurrences: readonly Occurrence[]): XliffNote[] {
  const notes: XliffNote[] = occurrences
    .slice(0, MAX_LOCATIONS)
    .map((o) => ({ category: 'location', text: `${o.article}:${o.line} (${o.kind}, segment ${o.position} of ${o.of})` }));
  if (occurrences.length > MAX_LOCATIONS) notes.push({ category: 'location', text: `and ${occurrences.length - MAX_LOCATIONS} more places` });
  return notes;
}

/**
 * Which keys a UI string is for, and for a plural form which number stands
 * for `{{count}}`: the translator keeps it as a number, tolk turns it back.
 */
export function keyNotes(string: IndexedString): XliffNote[] {
  const notes: XliffNote[] = string.keys.slice(0, MAX_LOCATIONS).map((k) => ({
    category: 'location',
    text: `${k.display} key "${k.key}"${k.category ? ` (plural form "${k.category}")` : ''}`,
  }));
  if (string.keys.length > MAX_LOCATIONS) notes.push({ category: 'location', text: `and ${string.keys.length - MAX_LOCATIONS} more keys` });
  if (string.sample !== undefined) {
    notes.push({
      category: 'tolk',
      text: `the number ${string.sample} stands for {{count}}: translate the sentence for that number and keep ${string.sample} as digits${string.countOptional ? ' (or spell it out: this form is for that number only)' : ''}`,
    });
  }
  return notes;
}

export function reasonNote(reason: ExportReason): XliffNote {
  return { category: 'tolk', text: REASONS[reason] };
}

/** Said on a context-exact unit (see `contextExactIds`). */
export function contextNote(): XliffNote {
  return { category: 'tolk', text: 'context match (101 %): this translation was written for this sentence between the same sentences before and after it' };
}

/** `87% (human, translated): <source> → <target>`, best first. */
export function fuzzyNotes(matches: readonly FuzzyMatch[]): XliffNote[] {
  return matches.map((m) => ({ category: 'tm', text: `${m.score}% (${m.origin}, ${m.status}): ${m.source} → ${m.target}`, priority: 2 }));
}

/**
 * The glossary entries whose source terms occur in the segment, with the
 * translations the glossary requires: `"gewichtheffen" → "gewigoptel"`, the
 * admitted alternatives, the forbidden ones, and names that keep their form.
 */
export function glossaryNotes(source: string, sourceTerms: TermMatcher, language: string): XliffNote[] {
  const notes: XliffNote[] = [];
  const seen = new Set<string>();
  for (const occurrence of sourceTerms.find(matchText(source))) {
    const { concept } = occurrence;
    if (seen.has(concept.id)) continue;
    seen.add(concept.id);
    const terms = concept.terms[language] ?? [];
    const allowed = terms.filter(isAllowed).map((t) => `"${t.text}"`);
    const forbidden = terms.filter(isForbidden).map((t) => `"${t.text}"`);
    let text: string;
    if (concept.dnt) text = `"${occurrence.text}" is a name: keep it as ${allowed[0] ?? `"${occurrence.text}"`}`;
    else if (allowed.length) text = `"${occurrence.text}" → ${allowed[0]}${allowed.length > 1 ? ` (also ${allowed.slice(1).join(', ')})` : ''}`;
    else continue;
    if (forbidden.length) text += `; not ${forbidden.join(', ')}`;
    notes.push({ category: 'glossary', text });
  }
  return notes;
}

/**
 * What the QA rules find in the translation the unit carries (`number-mismatch:
 * numbers differ: "5-3" in the source, "3-5" in the translation`), so the
 * translator sees it where it is fixed. Accepted findings (`qa.accept`) are left out.
 */
export function qaNotes(project: Project, source: string, target: string | undefined, language: string, segment: string): XliffNote[] {
  if (target === undefined) return [];
  return checkQa(source, target, { source: project.config.sourceLanguage, target: language }, project.config.qa, segment).map((f) => ({
    category: 'qa',
    text: `${f.severity} ${f.rule}: ${f.message}`,
    priority: f.severity === 'error' ? 1 : 2,
  }));
}
