import type { Root } from 'mdast';

type AnyNode = { type: string; children?: AnyNode[]; [key: string]: unknown };

/**
 * The parts of a tree a translation must never change: node types and
 * nesting, link and image targets, code, raw HTML, heading depth, list and
 * table layout. Text, alt, titles and front-matter values are left out.
 */
export function treeShape(tree: Root): string {
  const out: string[] = [];
  const visit = (node: AnyNode, depth: number) => {
    if (node.type === 'text' || node.type === 'yaml') return;
    const keep: unknown[] = [node.type];
    for (const key of ['depth', 'ordered', 'start', 'spread', 'checked', 'url', 'lang', 'meta', 'identifier', 'align'] as const) {
      if (node[key] !== undefined && node[key] !== null) keep.push(node[key]);
    }
    if (node.type === 'code' || node.type === 'inlineCode' || node.type === 'html' || node.type === 'toml') keep.push(node.value);
    out.push(`${depth}:${JSON.stringify(keep)}`);
    for (const child of node.children ?? []) visit(child, depth + 1);
  };
  visit(tree as unknown as AnyNode, 0);
  return out.join('\n');
}
