import { serialize, type Token } from '../../tagged/index.js';
import type { SegPart } from './inline-codes.js';

/** One inline code of a segment: a bpt/ept pair or a standalone element. */
interface Code {
  kind: 'paired' | 'void';
  i?: string;
  x?: string;
}

type Item = { type: 'text'; text: string } | { type: 'open' | 'close' | 'void'; code: number };

/** A segment whose codes are paired and known to nest. */
export interface PairedSeg {
  items: Item[];
  /** In order of appearance (a pair appears where it opens). */
  codes: Code[];
}

/**
 * Pairs each `<ept>` with its `<bpt>` (by `i`, else the innermost open one).
 * Returns a reason instead when the codes cannot become tags: an unmatched
 * half, or pairs that overlap, which tagged strings cannot nest.
 */
export function pairCodes(parts: readonly SegPart[]): PairedSeg | string {
  const items: Item[] = [];
  const codes: Code[] = [];
  const open: Array<{ code: number; i?: string }> = [];
  for (const part of parts) {
    if (part.type === 'text') {
      items.push({ type: 'text', text: part.text });
      continue;
    }
    const attrs = { ...(part.i !== undefined && { i: part.i }), ...(part.x !== undefined && { x: part.x }) };
    if (part.type === 'void') {
      items.push({ type: 'void', code: codes.push({ kind: 'void', ...attrs }) - 1 });
    } else if (part.type === 'open') {
      if (part.i !== undefined && open.some((o) => o.i === part.i)) return `two ${describe('bpt', part.i)} are open at once`;
      const code = codes.push({ kind: 'paired', ...attrs }) - 1;
      open.push({ code, ...(part.i !== undefined && { i: part.i }) });
      items.push({ type: 'open', code });
    } else {
      const top = open[open.length - 1];
      if (!top || (part.i !== undefined && top.i !== undefined && top.i !== part.i)) {
        const other = open.find((o) => o.i === part.i);
        return other && top
          ? `${describe('bpt', top.i)} and ${describe('bpt', other.i)} overlap`
          : `${describe('ept', part.i)} has no matching <bpt>`;
      }
      open.pop();
      items.push({ type: 'close', code: top.code });
    }
  }
  const unclosed = open[open.length - 1];
  if (unclosed) return `${describe('bpt', unclosed.i)} has no matching <ept>`;
  return { items, codes };
}

/** Source tags are numbered 1, 2, … in order of appearance. */
export function sourceTagIds(source: PairedSeg): number[] {
  return source.codes.map((_, index) => index + 1);
}

/**
 * Gives each target code the number of the source code it stands for: the
 * same `x` first (TMX's cross-variant id), then the same `i` for pairs (which
 * OmegaT, Okapi and tolk keep equal across variants), then order of
 * appearance. A code the source lacks gets a number past the source's, which
 * tag checks then report.
 */
export function targetTagIds(target: PairedSeg, source: PairedSeg): number[] {
  const ids: Array<number | undefined> = target.codes.map(() => undefined);
  const taken = new Set<number>();
  const claim = (index: number, matches: (candidate: Code) => boolean) => {
    const code = target.codes[index]!;
    const found = source.codes.findIndex((c, k) => !taken.has(k) && c.kind === code.kind && matches(c));
    if (found === -1) return;
    taken.add(found);
    ids[index] = found + 1;
  };
  target.codes.forEach((code, index) => code.x !== undefined && claim(index, (c) => c.x === code.x));
  target.codes.forEach(
    (code, index) => ids[index] === undefined && code.kind === 'paired' && code.i !== undefined && claim(index, (c) => c.i === code.i),
  );
  target.codes.forEach((_, index) => ids[index] === undefined && claim(index, () => true));
  let next = source.codes.length;
  return ids.map((id) => id ?? ++next);
}

/** The tagged string: text escaped, codes as `<n>…</n>` and `<n/>`. */
export function toTagged(seg: PairedSeg, ids: readonly number[]): string {
  const tokens: Token[] = seg.items.map((item) =>
    item.type === 'text'
      ? // Parsers turn literal CRLF into LF already; this catches `&#13;&#10;`.
        { type: 'text', value: item.text.replace(/\r\n?/g, '\n') }
      : { type: item.type, id: ids[item.code]! },
  );
  return serialize(tokens);
}

/** No words to translate: nothing but whitespace and codes. */
export function isBlank(seg: PairedSeg): boolean {
  return seg.items.every((item) => item.type !== 'text' || item.text.trim() === '');
}

function describe(element: 'bpt' | 'ept', i: string | undefined): string {
  return i === undefined ? `<${element}>` : `<${element} i="${i}">`;
}
