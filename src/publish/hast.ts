import type { Element, ElementContent, Properties, Root, RootContent } from 'hast';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';

type Child = ElementContent | string | undefined | false;

/**
 * A hast element. Strings become text nodes, which the serializer always
 * escapes: the page chrome is built from text only, so a UI string or a
 * front-matter value can never become markup.
 */
export function h(tagName: string, properties: Properties = {}, children: Child[] = []): Element {
  return {
    type: 'element',
    tagName,
    properties,
    children: children.filter((c): c is ElementContent | string => c !== undefined && c !== false).map((c) => (typeof c === 'string' ? { type: 'text', value: c } : c)),
  };
}

/** Children on lines of their own, so an exported page reads (and diffs) well; whitespace between these blocks renders as nothing. */
export function lines(children: Child[]): Child[] {
  const present = children.filter((c) => c !== undefined && c !== false);
  return ['\n', ...present.flatMap((c) => [c, '\n'])];
}

/** A whole document: `<!doctype html>` and the `<html>` element. */
export function documentRoot(html: Element): Root {
  const children: RootContent[] = [{ type: 'doctype' }, html];
  return { type: 'root', children };
}

const stringifier = unified().use(rehypeStringify);

export function toHtml(tree: Root): string {
  return `${stringifier.stringify(tree)}\n`;
}

/** The text of a hast tree, as a reader sees it. */
export function textOf(node: Root | ElementContent): string {
  if (node.type === 'text') return node.value;
  if ('children' in node) return node.children.map((c) => textOf(c as ElementContent)).join('');
  return '';
}
