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
      fills.set(next++, fill);
      at = occurrence.end;
    }
    out.push({ type: 'text', value: token.value.slice(at) });
  }
  return { tagged: serialize(out.filter((t) => t.type !== 'text' || t.value !== '')), fills, ...(inflected.size ? { inflected } : {}) };
}

/**
 * Puts the target terms where the engine returned their tags, in place of
 * what it wrote between them — unless that is the term itself, inflected
 * (`inflected`), which stays.
 */
export function restoreTerms(translated: string, fills: Map<number, string>, inflected?: Protected['inflected']): string {
  if (fills.size === 0) return translated;
  const out: Token[] = [];
  let inside: { id: number; tokens: Token[] } | undefined;
  for (const t of tokenize(translated)) {
    if (inside !== undefined) {
      if (t.type === 'close' && t.id === inside.id) {
        const written = serialize(inside.tokens);
        out.push(...(inflected?.get(inside.id)?.(written) ? inside.tokens : [{ type: 'text' as const, value: fills.get(inside.id)! }]));
        inside = undefined;
      } else inside.tokens.push(t);
      continue;
    }
    if (t.type === 'open' && fills.has(t.id)) inside = { id: t.id, tokens: [] };
    else if (t.type === 'void' && fills.has(t.id)) out.push({ type: 'text', value: fills.get(t.id)! });
    else out.push(t);
  }
  if (inside) out.push({ type: 'text', value: fills.get(inside.id)! });
  return serialize(out);
}

/** A sentence-initial source term keeps its capital in the target ("Gewichtheffen" → "Gewigoptel"). */
function matchCase(target: string, source: string): string {
  const first = source.charAt(0);
  return first !== first.toLowerCase() && target.charAt(0) === target.charAt(0).toLowerCase()
    ? target.charAt(0).toUpperCase() + target.slice(1)
    : target;
}
