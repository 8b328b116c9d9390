import { plainText, serialize, tokenize, type Token } from '../tagged/index.js';
import type { TermMatcher } from './match.js';
import { isAllowed } from './model.js';
import { stemmerFor } from './stem.js';

export interface Protected {
  /** The tagged source with protected terms wrapped in extra paired tags. */
  tagged: string;
  /** Tag id → the target text it stands for (escaped for a tagged string). */
  fills: Map<number, string>;
  /**
   * Tag id → whether what the engine wrote inside is an allowed target term, inflected as the sentence needs
   * ("equipos" for "teams" where the glossary says "equipo"): then it stays. Absent: the fill always replaces it.
   */
  inflected?: Map<number, (inside: string) => boolean>;
  /**
   * Tag ids of terms a lowercase word follows in the source, in the same sentence: a capital the engine puts on
   * the word after the term ("Mi medalla de oro</1> Es Robbie") is the tag's boundary, not a sentence's.
   */
  lowercaseAfter?: Set<number>;
}

/**
 * Before an engine without glossary support (Apertium): names marked
 * do-not-translate, and with `terms` every term that has a preferred target,
 * are wrapped in extra paired tags the engine passes through; `restore` puts
 * the target term in place of whatever the engine wrote inside. The term stays
 * in the text the engine reads, so the words around it agree with it and keep
 * their order ("la serie de terremotos", Afrikaans "die span" for "het team"):
 * an empty placeholder measured lower chrF on NTREX (Apertium lost gender and
 * number across it and capitalised the next word).
 */
export function protectTerms(tagged: string, matcher: TermMatcher, targetLanguage: string, options: { terms: boolean }): Protected {
  const tokens = tokenize(tagged);
  let next = Math.max(0, ...tokens.map((t) => (t.type === 'text' ? 0 : t.id))) + 1;
  const fills = new Map<number, string>();
  const inflected = new Map<number, (inside: string) => boolean>();
  const lowercaseAfter = new Set<number>();
  // Not where nouns are capitalised (German, Luxembourgish): a capital after a term may be the noun's own.
  const lowerFollows = !NOUN_CAPITALS.has(targetLanguage.toLowerCase().split('-')[0]!);
  const stem = stemmerFor(targetLanguage);
  const stems = (text: string) => (text.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []).map(stem).join(' ');
  const out: Token[] = [];
  for (const token of tokens) {
    if (token.type !== 'text') {
      out.push(token);
      continue;
    }
    let at = 0;
    for (const occurrence of matcher.find(token.value)) {
      const { concept } = occurrence;
      const preferred = (concept.terms[targetLanguage] ?? []).find(isAllowed)?.text;
      if (!concept.dnt && (!options.terms || !preferred)) continue;
      const fill = matchCase(preferred ?? occurrence.text, occurrence.text);
      out.push({ type: 'text', value: token.value.slice(at, occurrence.start) });
      out.push({ type: 'open', id: next }, { type: 'text', value: occurrence.text }, { type: 'close', id: next });
      // Names keep their one form; a term may come back inflected if its stems are an allowed term's.
      const allowed = concept.dnt ? [] : (concept.terms[targetLanguage] ?? []).filter(isAllowed).map((t) => stems(t.text));
      // A plural -s the stemmer leaves (Afrikaans has none: "medaljes") is let go, as the matcher does.
      const singular = (text: string) => text.replace(/(?<=[\p{L}]{4})(?:'s|’s|s)(?![\p{L}])/gu, '');
      if (allowed.length) inflected.set(next, (inside) => [stems(plainText(inside)), stems(singular(plainText(inside)))].some((x) => allowed.includes(x)));
      if (lowerFollows && /^\s+\p{Ll}/u.test(token.value.slice(occurrence.end))) lowercaseAfter.add(next);
      fills.set(next++, fill);
      at = occurrence.end;
    }
    out.push({ type: 'text', value: token.value.slice(at) });
  }
  return {
    tagged: serialize(out.filter((t) => t.type !== 'text' || t.value !== '')),
    fills,
    ...(inflected.size ? { inflected } : {}),
    ...(lowercaseAfter.size ? { lowercaseAfter } : {}),
  };
}

/**
 * Puts the target terms where the engine returned their tags, in place of
 * what it wrote between them — unless that is the term itself, inflected
 * (`inflected`), which stays, in the case of the term's fill (Apertium reads
 * a tag around several words as a boundary and capitalises what follows it:
 * "un Medalla de oro", "medalla de oro Es"; `lowercaseAfter` undoes that for
 * the word after a term the source continues in lowercase).
 */
export function restoreTerms(translated: string, fills: Map<number, string>, inflected?: Protected['inflected'], lowercaseAfter?: Set<number>): string {
  if (fills.size === 0) return translated;
  const out: Token[] = [];
  let inside: { id: number; tokens: Token[] } | undefined;
  let lowerNext = false;
  for (const t of tokenize(translated)) {
    if (inside !== undefined) {
      if (t.type === 'close' && t.id === inside.id) {
        const written = serialize(inside.tokens);
        const fill = fills.get(inside.id)!;
        const kept = inflected?.get(inside.id)?.(written) ? inside.tokens : [{ type: 'text' as const, value: fill }];
        // An inflected term keeps the fill's lowercase start: the source had it.
        if (kept !== inside.tokens || !startsLower(fill)) out.push(...kept);
        else out.push(...kept.map((k, i) => (i === 0 && k.type === 'text' ? { ...k, value: lowerCapital(k.value, /^/) } : k)));
        lowerNext = lowercaseAfter?.has(inside.id) ?? false;
        inside = undefined;
      } else inside.tokens.push(t);
      continue;
    }
    if (lowerNext && t.type === 'text') {
      out.push({ ...t, value: lowerCapital(t.value, /^\s+/) });
      lowerNext = false;
      continue;
    }
    lowerNext = false;
    if (t.type === 'open' && fills.has(t.id)) inside = { id: t.id, tokens: [] };
    else if (t.type === 'void' && fills.has(t.id)) out.push({ type: 'text', value: fills.get(t.id)! });
    else out.push(t);
  }
  if (inside) out.push({ type: 'text', value: fills.get(inside.id)! });
  return serialize(out);
}

const NOUN_CAPITALS = new Set(['de', 'lb']);
const startsLower = (text: string) => /^\p{Ll}/u.test(text);

/** A capitalised word (not an acronym) right after `lead` in lowercase: "Es" → "es", "ITV" stays. */
function lowerCapital(text: string, lead: RegExp): string {
  const at = lead.exec(text);
  if (!at || at.index !== 0) return text;
  const start = at[0].length;
  return /^\p{Lu}\p{Ll}/u.test(text.slice(start)) ? text.slice(0, start) + text.charAt(start).toLowerCase() + text.slice(start + 1) : text;
}

/** A sentence-initial source term keeps its capital in the target ("Gewichtheffen" → "Gewigoptel"). */
function matchCase(target: string, source: string): string {
  const first = source.charAt(0);
  return first !== first.toLowerCase() && target.charAt(0) === target.charAt(0).toLowerCase()
    ? target.charAt(0).toUpperCase() + target.slice(1)
    : target;
}
