import { serialize, type Token } from '../../tagged/index.js';
import type { ContentPart } from './inline-codes.js';
import type { Content } from './types.js';

const LITERAL_TAG = /<(\/?)(\d+)(\/?)>/g;

/**
 * Tags written as text (`<1>baan</1>`), as they come back from a PO file
 * through po2xliff, turned into codes keyed by their number.
 */
export function literalTagsToCodes(parts: readonly ContentPart[]): ContentPart[] {
  const out: ContentPart[] = [];
  for (const part of parts) {
    if (part.type !== 'text') {
      out.push(part);
      continue;
    }
    let last = 0;
    for (const match of part.text.matchAll(LITERAL_TAG)) {
      const [whole, close, id, slash] = match;
      if (close && slash) continue; // `</1/>` is no tag
      if (match.index > last) out.push({ type: 'text', text: part.text.slice(last, match.index) });
      out.push({ type: close ? 'close' : slash ? 'void' : 'open', key: id!, element: 'text' });
      last = match.index + whole.length;
    }
    if (last < part.text.length) out.push({ type: 'text', text: part.text.slice(last) });
  }
  return out;
}

/**
 * Tag numbers for the source's codes, by key in order of appearance. tolk's
 * own exports use the tag numbers as ids, so numeric keys keep their number
 * and the target's tags line up with the segment's; other keys are numbered
 * 1, 2, … as they come.
 */
export function numberSourceCodes(parts: readonly ContentPart[]): Map<string, number> {
  const keys: string[] = [];
  for (const part of parts) if ((part.type === 'open' || part.type === 'void') && !keys.includes(part.key)) keys.push(part.key);
  for (const part of parts) if (part.type === 'close' && !keys.includes(part.key)) keys.push(part.key);
  const numeric = keys.every((key) => /^[1-9]\d{0,5}$/.test(key));
  return new Map(keys.map((key, index) => [key, numeric ? Number(key) : index + 1]));
}

/**
 * The tagged string of some content, numbering codes through `ids` (the
 * source's). A code the source lacks gets a number past every source number,
 * so the tag check names it as unknown rather than mistaking it for another.
 * `names` collects number → the id as written, so messages name the file's ids.
 */
export function toTagged(parts: readonly ContentPart[], ids: ReadonlyMap<string, number>, names?: Map<number, string>): Content {
  const problem = parts.find((p) => p.type === 'problem');
  if (problem) return { problem: problem.message };
  const extra = new Map<string, number>();
  let next = Math.max(0, ...ids.values());
  const number = (key: string) => {
    const n = ids.get(key) ?? extra.get(key) ?? extra.set(key, ++next).get(key)!;
    names?.set(n, key);
    return n;
  };
  const tokens: Token[] = [];
  for (const part of parts) {
    if (part.type === 'text') {
      // Parsers turn literal CRLF into LF already; this catches `&#13;&#10;`.
      tokens.push({ type: 'text', value: part.text.replace(/\r\n?/g, '\n') });
    } else if (part.type !== 'problem') {
      tokens.push({ type: part.type, id: number(part.key) });
    }
  }
  return { tagged: serialize(tokens) };
}
