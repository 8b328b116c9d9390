import { hash } from 'node:crypto';
import { normalizeSource } from '../tagged/index.js';

/**
 * Key for exact matches that ignore tag numbering: the same sentence whose
 * tags another tool numbered differently (`<3>…</3>` for `<1>…</1>`).
 */
export function textKey(tagged: string): string {
  return normalizeSource(tagged)
    .replace(/<(\d+)>/g, '<#>')
    .replace(/<\/(\d+)>/g, '</#>')
    .replace(/<(\d+)\/>/g, '<#/>');
}

/** 48 bits of the key's sha256, as a safe integer for an index. */
export function textKeyHash(tagged: string): number {
  return hash('sha256', textKey(tagged), 'buffer').readUIntBE(0, 6);
}

/** Tag ids in order of first appearance. */
function tagOrder(tagged: string): number[] {
  const seen: number[] = [];
  for (const m of tagged.matchAll(/<(\d+)\/?>/g)) {
    const id = Number(m[1]);
    if (!seen.includes(id)) seen.push(id);
  }
  return seen;
}

/**
 * Rewrites `target`'s tag numbers from `fromSource`'s numbering to
 * `toSource`'s, pairing tags by position (the keys are equal, so the
 * sequences line up).
 */
export function renumberTags(target: string, fromSource: string, toSource: string): string {
  const from = tagOrder(fromSource);
  const to = tagOrder(toSource);
  const map = new Map(from.map((id, i) => [id, to[i] ?? id]));
  return target.replace(/<(\/?)(\d+)(\/?)>/g, (whole, close: string, id: string, slash: string) =>
    map.has(Number(id)) ? `<${close}${map.get(Number(id))}${slash}>` : whole,
  );
}
