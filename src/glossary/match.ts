import { type Concept, type Glossary, type Term } from './model.js';
import { stemmerFor } from './stem.js';

/** A word of a text with its place. */
interface Word {
  text: string;
  stem: string;
  /** Stem without a plural -s, for the languages whose stemmer leaves it (see `pluralS`). */
  bare?: string;
  start: number;
  end: number;
}

/** One place where a glossary term occurs in a text. */
export interface Occurrence {
  concept: Concept;
  term: Term;
  /** The text as it stands, e.g. "het Gewichtheffen" → "Gewichtheffen". */
  text: string;
  start: number;
  end: number;
}

interface Entry {
  concept: Concept;
  term: Term;
  stems: string[];
  /** Names (do-not-translate) match their exact form, case included. */
  exact?: string[];
  /** A noun's words: a text word shorter than the term's (`bron` for `brons`, `trek` for `trekken`) is another word that stems alike. */
  minLengths?: number[];
  /** A proper noun's words written with a capital need one in the text (`Spelen`, not `spelen` or `speels`). */
  capitals?: boolean[];
}

/** The infinitive marker: a noun term written like an infinitive (`trekken`, the snatch) right after it is the verb (`uit te trekken`). */
const INFINITIVE_MARKER: Record<string, string> = { nl: 'te', af: 'te', de: 'zu' };

const isNoun = (term: Term) => term.partOfSpeech === 'noun' || term.partOfSpeech === 'properNoun';
const startsUpper = (word: string) => word[0] !== word[0]!.toLowerCase();

const WORD = /[\p{L}\p{M}\p{N}]+(?:[-'’][\p{L}\p{M}\p{N}]+)*/gu;

/**
 * Languages with an -s plural the stemmer may leave: Snowball's Dutch keeps it
 * after a vowel ("medailles"), and Afrikaans has no stemmer at all ("medaljes").
 */
const PLURAL_S = new Set(['nl', 'af', 'en', 'de', 'fr', 'es', 'pt', 'it']);

/**
 * Finds glossary terms in text of one language. Words are compared by stem
 * (Snowball where the language has one), case-insensitively, except names
 * marked do-not-translate, which match exactly. Multi-word terms match
 * across any whitespace, line breaks included. Matching is by whole words:
 * a term inside a longer compound ("gewichtheffen" in
 * "gewichtheffenwedstrijd") is not an occurrence of that term — a compound
 * is translated as a unit, so it needs its own entry. The longest term wins
 * where terms overlap.
 */
export class TermMatcher {
  readonly language: string;
  readonly #stem: (word: string) => string;
  readonly #pluralS: boolean;
  readonly #infinitiveMarker: string | undefined;
  readonly #byFirstStem = new Map<string, Entry[]>();

  constructor(glossary: Glossary, language: string) {
    this.language = language;
    this.#stem = stemmerFor(language);
    this.#pluralS = PLURAL_S.has(language.toLowerCase().split('-')[0]!);
    this.#infinitiveMarker = INFINITIVE_MARKER[language.toLowerCase().split('-')[0]!];
    for (const concept of glossary.concepts) {
      for (const term of concept.terms[language] ?? []) {
        const words = [...term.text.matchAll(WORD)].map((m) => m[0]);
        if (words.length === 0) continue;
        const entry: Entry = {
          concept,
          term,
          stems: words.map(this.#stem),
          ...(concept.dnt ? { exact: words } : {}),
          // Only where nouns inflect by adding (Russian `команд` is `команда`'s genitive plural).
          ...(isNoun(term) && this.#pluralS ? { minLengths: words.map((w) => w.length) } : {}),
          ...(term.partOfSpeech === 'properNoun' ? { capitals: words.map(startsUpper) } : {}),
        };
        const list = this.#byFirstStem.get(entry.stems[0]!) ?? [];
        list.push(entry);
        this.#byFirstStem.set(entry.stems[0]!, list);
      }
    }
    for (const list of this.#byFirstStem.values()) list.sort((a, b) => b.stems.length - a.stems.length);
  }

  /** Occurrences in `text`, in order, never overlapping. */
  find(text: string): Occurrence[] {
    const words: Word[] = [];
    for (const m of text.matchAll(WORD)) {
      const word: Word = { text: m[0], stem: this.#stem(m[0]), start: m.index, end: m.index + m[0].length };
      const singular = this.#pluralS && m[0].length > 4 ? /^(.*?)(?:'s|’s|s)$/i.exec(m[0])?.[1] : undefined;
      if (singular) word.bare = this.#stem(singular);
      words.push(word);
    }
    const found: Occurrence[] = [];
    for (let i = 0; i < words.length; ) {
      const match = this.#matchAt(words, i, text);
      if (match) {
        found.push(match.occurrence);
        i += match.length;
      } else i++;
    }
    return found;
  }

  #matchAt(words: Word[], i: number, text: string): { occurrence: Occurrence; length: number } | undefined {
    const first = words[i]!;
    const candidates = [...(this.#byFirstStem.get(first.stem) ?? []), ...(first.bare ? (this.#byFirstStem.get(first.bare) ?? []) : [])];
    for (const entry of candidates.sort((a, b) => b.stems.length - a.stems.length)) {
      const n = entry.stems.length;
      if (i + n > words.length) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const word = words[i + k]!;
        ok = entry.exact ? word.text === entry.exact[k] : word.stem === entry.stems[k] || word.bare === entry.stems[k];
        if (ok && entry.minLengths && word.text.length < entry.minLengths[k]!) ok = false;
        if (ok && entry.capitals?.[k] && !startsUpper(word.text)) ok = false;
        // Words of one term are separated by whitespace only, not by punctuation.
        if (ok && k > 0 && !/^\s+$/.test(text.slice(words[i + k - 1]!.end, word.start))) ok = false;
      }
      if (!ok) continue;
      if (entry.minLengths && n === 1 && this.#infinitiveMarker && words[i - 1]?.text.toLowerCase() === this.#infinitiveMarker) continue;
      const start = words[i]!.start;
      const end = words[i + n - 1]!.end;
      return { occurrence: { concept: entry.concept, term: entry.term, text: text.slice(start, end), start, end }, length: n };
    }
    return undefined;
  }
}

/** Matchers per language, built once per glossary. */
export function matchers(glossary: Glossary): (language: string) => TermMatcher {
  const cache = new Map<string, TermMatcher>();
  return (language) => {
    let matcher = cache.get(language);
    if (!matcher) cache.set(language, (matcher = new TermMatcher(glossary, language)));
    return matcher;
  };
}


