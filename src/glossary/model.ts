/**
 * A terminology glossary as tolk uses it, whatever file it came from
 * (TBX-Basic or CSV): concepts with terms per language and a status per term.
 */

/** TBX-Basic administrative status; `deprecated` and `superseded` terms are forbidden in translations. */
export type TermStatus = 'preferred' | 'admitted' | 'deprecated' | 'superseded';

export interface Term {
  text: string;
  status: TermStatus;
  /** TBX `partOfSpeech` (`noun`, `properNoun`, `verb`…), when the glossary gives it: nouns do not match shorter verb forms. */
  partOfSpeech?: string;
}

export interface Concept {
  /** `termEntry/@id`, or `<file>:<line>` for CSV rows. */
  id: string;
  /** Where the concept is defined, for messages. */
  file: string;
  line?: number;
  subject?: string;
  note?: string;
  /** Do not translate: a name that keeps its form (per language, the preferred term gives the form to use). */
  dnt: boolean;
  /** Terms by BCP 47 language (normalized casing), preferred first. */
  terms: Record<string, Term[]>;
}

export interface Glossary {
  concepts: Concept[];
}

export const isForbidden = (term: Term): boolean => term.status === 'deprecated' || term.status === 'superseded';
export const isAllowed = (term: Term): boolean => term.status === 'preferred' || term.status === 'admitted';
