import type { Root } from 'mdast';

type AnyNode = { type: string; children?: AnyNode[]; [key: string]: unknown };

/** Nodes whose children are phrasing content: translators may reorder it (tags move within a sentence). */
const INLINE_PARENTS = new Set(['paragraph', 'heading', 'tableCell']);

/**
 * The parts of a tree a translation must never change: node types and
 * nesting, link and image targets, code, raw HTML, heading depth, list and
 * table layout. Text, alt, titles and front-matter values are left out, and
 * the order of inline markup within a block does not count.
 */
export function treeShape(tree: Root): string {
  return shape(tree as unknown as AnyNode, 0, false);
}

function shape(node: AnyNode, depth: number, inline: boolean): string {
  const keep: unknown[] = [node.type];
  for (const key of ['depth', 'ordered', 'start', 'spread', 'checked', 'url', 'lang', 'meta', 'identifier', 'align'] as const) {
    if (node[key] !== undefined && node[key] !== null) keep.push(node[key]);
  }
  if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html' || node.type === 'toml') keep.push(node.value);
  const childrenInline = inline || INLINE_PARENTS.has(node.type);
  const children = (node.children ?? [])
    .filter((child) => child.type !== 'text' && child.type !== 'yaml')
    .map((child) => shape(child, depth + 1, childrenInline));
  if (childrenInline) children.sort();
  return [`${depth}:${JSON.stringify(keep)}`, ...children].join('\n');
}
