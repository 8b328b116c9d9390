import { serialize, tokenize, type Token } from '../tagged/index.js';
import type { TermMatcher } from './match.js';
import { isAllowed } from './model.js';

export interface Protected {
  /** The tagged source with protected terms wrapped in extra paired tags. */
  tagged: string;
  /** Tag id → the target text it stands for (escaped for a tagged string). */
  fills: Map<number, string>;
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
      fills.set(next++, fill);
      at = occurrence.end;
    }
    out.push({ type: 'text', value: token.value.slice(at) });
  }
  return { tagged: serialize(out.filter((t) => t.type !== 'text' || t.value !== '')), fills };
}

/** Puts the target terms where the engine returned their tags, in place of what it wrote between them. */
export function restoreTerms(translated: string, fills: Map<number, string>): string {
  if (fills.size === 0) return translated;
  const out: Token[] = [];
  let inside: number | undefined;
  for (const t of tokenize(translated)) {
    if (inside !== undefined) {
      if (t.type === 'close' && t.id === inside) inside = undefined;
      continue;
    }
    if (t.type === 'open' && fills.has(t.id)) {
      out.push({ type: 'text', value: fills.get(t.id)! });
      inside = t.id;
    } else if (t.type === 'void' && fills.has(t.id)) out.push({ type: 'text', value: fills.get(t.id)! });
    else out.push(t);
  }
  return serialize(out);
}

/** A sentence-initial source term keeps its capital in the target ("Gewichtheffen" → "Gewigoptel"). */
function matchCase(target: string, source: string): string {
  const first = source.charAt(0);
  return first !== first.toLowerCase() && target.charAt(0) === target.charAt(0).toLowerCase()
    ? target.charAt(0).toUpperCase() + target.slice(1)
    : target;
}
