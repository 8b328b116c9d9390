import type { Link, Nodes, Parent, Root, Text } from 'mdast';
import type { Processor } from 'unified';

type Position = NonNullable<Text['position']>;

/** Text nodes' positions before GFM splits them, per parent. */
const originals = new WeakMap<Parent, Position[]>();

/**
 * GFM finds some autolink literals only after parsing (after an unbalanced
 * `[`, an escape or a character reference, as in `[ www.x.com`) and splits
 * the text node into pieces without positions. The segmenter needs a source
 * range for every inline node: this plugin remembers the text nodes'
 * positions before that split, and `placeLiteralAutolinks` gives the pieces
 * theirs back. Use after remark-gfm (its transform is put in front of GFM's).
 */
export function rememberTextPositions(this: Processor): void {
  const extensions = (this.data().fromMarkdownExtensions ??= []);
  extensions.unshift({ transforms: [(tree: Root) => remember(tree)] });
}

function remember(node: Nodes): void {
  if (!('children' in node)) return;
  const texts = node.children.filter((child) => child.type === 'text' && child.position).map((child) => child.position!);
  if (texts.length) originals.set(node, texts);
  for (const child of node.children) remember(child);
}

/**
 * Positions the pieces of split text nodes: a link is found as its literal
 * text in the original node's source range, text pieces fill the gaps. A
 * literal whose source differs from its text (`foo\+@x.com`) cannot be
 * placed; its pieces become the original text node again, so sources and
 * outputs, parsed alike, still compare like with like.
 */
export function placeLiteralAutolinks(node: Nodes, text: string): void {
  if (!('children' in node)) return;
  const children = node.children as Nodes[];
  for (let i = 0; i < children.length; i++) {
    if (children[i]!.position) continue;
    let end = i;
    while (end < children.length && !children[end]!.position) end++;
    const after = i > 0 ? children[i - 1]!.position!.end.offset! : -1;
    const original = originals.get(node as Parent)?.find((p) => p.start.offset! >= after);
    if (!original) continue;
    const run = children.slice(i, end);
    if (!place(run, original, text)) {
      const merged: Text = { type: 'text', value: run.map(plain).join(''), position: original };
      children.splice(i, end - i, merged);
    }
  }
  for (const child of children) placeLiteralAutolinks(child, text);
}

/** Gives every node of a run a range inside `original`; false when a link's text is not found there. */
function place(run: Nodes[], original: Position, text: string): boolean {
  const ranges: Array<[number, number] | undefined> = run.map(() => undefined);
  let cursor = original.start.offset!;
  for (const [k, node] of run.entries()) {
    if (node.type !== 'link') continue;
    const value = plain(node);
    const at = text.indexOf(value, cursor);
    if (at === -1 || at + value.length > original.end.offset!) return false;
    ranges[k] = [at, at + value.length];
    cursor = at + value.length;
  }
  let from = original.start.offset!;
  run.forEach((node, k) => {
    const next = ranges.slice(k + 1).find((r) => r !== undefined);
    const [start, end] = ranges[k] ?? [from, next ? next[0] : original.end.offset!];
    node.position = { start: pointAt(text, original, start), end: pointAt(text, original, end) };
    if (node.type === 'link') for (const child of (node as Link).children) child.position = node.position;
    from = end;
  });
  return true;
}

/** Line and column of an offset, counted on from a known point before it. */
function pointAt(text: string, original: Position, offset: number) {
  let { line, column } = original.start;
  for (let k = original.start.offset!; k < offset; k++) {
    if (text[k] === '\n') [line, column] = [line + 1, 1];
    else column++;
  }
  return { line, column, offset };
}

function plain(node: Nodes): string {
  if ('value' in node) return node.value;
  return 'children' in node ? (node.children as Nodes[]).map(plain).join('') : '';
}
