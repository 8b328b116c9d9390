import type { Literal, Node, Root, Yaml } from 'mdast';
import { LimitError } from '../core/errors.js';
import { limitsWith, type Limits } from '../core/limits.js';
import type { SegmentedArticle, TagPlan, Unit, UnitStyle } from './article.js';
import { keepTomlFrontMatter, readFrontMatterFields } from './front-matter.js';
import { blockRoles, inlineRoles, unitKind } from './node-roles.js';
import { parseMarkdown } from './parse.js';
import { treeShape } from './shape.js';
import { segmentId } from '../tagged/index.js';
import { escapeText } from '../tagged/index.js';

export interface SegmentOptions {
  sourceLanguage: string;
  /** Front-matter keys whose values are translated. */
  frontMatterFields?: readonly string[];
  /** Shown in errors. */
  file?: string;
  /** An already parsed tree of `text`, to avoid parsing twice. */
  tree?: Root;
  /** Structural limits for the parse (core/limits.ts). @default the project's */
  limits?: Partial<Limits>;
}

type AnyNode = Node & {
  children?: AnyNode[];
  value?: string;
  url?: string;
  title?: string | null;
  alt?: string | null;
  referenceType?: string;
};

const start = (n: Node) => n.position!.start.offset!;
const end = (n: Node) => n.position!.end.offset!;

/**
 * Splits an article into units. Units point into the original text; nothing
 * of the source is regenerated unless a translation replaces it, which is how
 * reassembly keeps every byte it does not translate.
 */
export function segmentArticle(text: string, options: SegmentOptions): SegmentedArticle {
  const file = options.file ?? '<input>';
  const tree = options.tree ?? parseMarkdown(text, { file, ...(options.limits && { limits: options.limits }) });
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const units: Unit[] = [];
  const lineOf = lineIndex(text);
  const makeSegment = (kind: string, source: string, at: number) => ({
    id: segmentId(options.sourceLanguage, source),
    kind,
    source,
    line: lineOf(at),
  });

  let frontMatter: SegmentedArticle['frontMatter'];

  /** Continuation prefix: block-quote markers kept, everything else on the first line's prefix becomes spaces. */
  const prefixAt = (offset: number): string => {
    const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
    return text.slice(lineStart, offset).replace(/[^>\t]/g, ' ');
  };

  const inlineUnit = (node: AnyNode, kind: string, style: UnitStyle): Unit | undefined => {
    const children = node.children ?? [];
    if (children.length === 0) return undefined;
    const tags = new Map<number, TagPlan>();
    const nested: Unit[] = [];
    let next = 1;
    let source = '';
    let hasText = false;
    const encode = (nodes: AnyNode[]) => {
      for (const child of nodes) {
        const role = inlineRoles[child.type] ?? 'void';
        if (role === 'text') {
          const value = unixLines(child.value ?? '');
          if (value.trim()) hasText = true;
          source += escapeText(value);
          continue;
        }
        const id = next++;
        const grand = child.children ?? [];
        const autolink = autolinkKind(child);
        if (role === 'paired' && grand.length > 0 && !autolink) {
          const close: [number, number] = [end(grand[grand.length - 1]!), end(child)];
          const label = referenceLabel(text, child, '[');
          tags.set(id, { kind: 'paired', nodeType: child.type, open: [start(child), start(grand[0]!)], close, ...(label ? { label } : {}) });
          if (child.type === 'link' && child.title) addTitle(child, close[0], close[1], nested);
          source += `<${id}>`;
          encode(grand);
          source += `</${id}>`;
        } else {
          const url = autolink === 'literal' ? { url: child.url! } : {};
          tags.set(id, { kind: 'void', nodeType: child.type, open: [start(child), end(child)], ...url });
          if (child.type === 'image' || child.type === 'imageReference') addImageText(child, nested);
          source += `<${id}/>`;
        }
      }
    };
    encode(children);
    const from = start(children[0]!);
    return {
      segment: makeSegment(kind, source, from),
      translatable: hasText,
      style,
      start: from,
      end: end(children[children.length - 1]!),
      prefix: prefixAt(from),
      tags,
      children: nested,
    };
  };

  /** A plain-text unit (alt, title) over a raw range. */
  const plainUnit = (kind: string, value: string, from: number, to: number, style: UnitStyle, quote?: string): Unit => ({
    segment: makeSegment(kind, escapeText(unixLines(value)), from),
    translatable: value.trim() !== '',
    style,
    start: from,
    end: to,
    prefix: '',
    tags: new Map(),
    children: [],
    ...(quote ? { quote } : {}),
  });

  const addTitle = (node: AnyNode, from: number, to: number, into: Unit[], kind = 'linkTitle') => {
    const range = findTitle(text, from, to, node.type !== 'definition');
    if (range && node.title) into.push(plainUnit(kind, node.title, range.start, range.end, 'title', range.quote));
  };

  const addImageText = (node: AnyNode, into: Unit[]) => {
    const altEnd = findLabelEnd(text, start(node) + 2, end(node));
    const label = referenceLabel(text, node, '![');
    if (node.alt && altEnd !== undefined) {
      const alt = plainUnit('imageAlt', node.alt, start(node) + 2, label ? end(node) : altEnd, 'alt');
      into.push(label ? { ...alt, label } : alt);
    }
    if (node.type === 'image' && node.title) addTitle(node, altEnd ?? start(node), end(node), into, 'imageTitle');
  };

  const walk = (node: AnyNode, parent: AnyNode | undefined) => {
    const role = blockRoles[node.type] ?? 'keep';
    switch (role) {
      case 'container':
        for (const child of node.children ?? []) walk(child, node);
        return;
      case 'unit': {
        const style: UnitStyle =
          node.type === 'tableCell' ? 'tableCell' : node.type === 'heading' && isAtx(text, node) ? 'heading' : 'flow';
        const unit = inlineUnit(node, unitKind(node.type, parent?.type), style);
        if (unit) units.push(unit);
        return;
      }
      case 'definition':
        if (node.title) addTitle(node, start(node), end(node), units);
        return;
      case 'frontmatter': {
        const fm =
          node.type === 'toml'
            ? keepTomlFrontMatter(text, node as Literal)
            : readFrontMatterFields(text, node as Yaml, file, options.frontMatterFields ?? []);
        frontMatter = { data: fm.data, contentStart: fm.contentStart, contentEnd: fm.contentEnd, blockStart: start(node), blockEnd: end(node) };
        for (const field of fm.fields) {
          units.push(plainUnit(`frontmatter:${field.key}`, field.value, field.start, field.end, 'yaml'));
        }
        return;
      }
      case 'keep':
        return;
    }
  };
  walk(tree as AnyNode, undefined);
  units.sort((a, b) => a.start - b.start);

  const segments: SegmentedArticle['segments'] = [];
  const collect = (list: Unit[]) => {
    for (const unit of list) {
      if (unit.translatable) segments.push(unit.segment);
      collect(unit.children);
    }
  };
  collect(units);
  const { markdownBlocks } = limitsWith(options.limits);
  if (segments.length > markdownBlocks) {
    // The pre-scan counts blocks; a table row or a run of images can hold more segments than it sees.
    throw new LimitError(`more than ${markdownBlocks} segments in one article`, 'markdownBlocks', { file, line: segments[markdownBlocks]!.line });
  }
  return { file, sourceLanguage: options.sourceLanguage, text, eol, units, segments, shape: treeShape(tree), ...(frontMatter ? { frontMatter } : {}) };
}

/** 1-based line of an offset, by binary search over line starts: articles have many segments. */
function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let [low, high] = [0, starts.length - 1];
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
}

/** Sources use `\n` whatever the article's line endings, so engines and memories see one text. */
const unixLines = (value: string) => value.replace(/\r\n?/g, '\n');

/** `<https://x>` and GFM literals like `www.x.com`: the text is the address, so nothing to translate. */
function autolinkKind(node: AnyNode): 'bracketed' | 'literal' | undefined {
  if (node.type !== 'link') return undefined;
  const only = node.children?.length === 1 ? node.children[0] : undefined;
  if (only?.type !== 'text') return undefined;
  if (start(only) === start(node) + 1 && end(only) === end(node) - 1) return 'bracketed';
  if (start(only) === start(node) && end(only) === end(node)) return 'literal';
  return undefined;
}

/** Raw label of a shortcut (`[x]`) or collapsed (`[x][]`) reference: the text between its brackets. */
function referenceLabel(text: string, node: AnyNode, opening: string): string | undefined {
  const closing = node.referenceType === 'shortcut' ? ']' : node.referenceType === 'collapsed' ? '][]' : undefined;
  return closing && text.slice(start(node) + opening.length, end(node) - closing.length);
}

function isAtx(text: string, node: Node): boolean {
  return /^#/.test(text.slice(start(node), start(node) + 1)) || /^ {0,3}#/.test(text.slice(start(node), end(node)));
}

/**
 * End offset of a link label that starts at `from` (just after `![`):
 * brackets nest, backslash escapes and code spans hide brackets.
 */
function findLabelEnd(text: string, from: number, limit: number): number | undefined {
  let depth = 0;
  for (let i = from; i < limit; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '`') {
      const run = /^`+/.exec(text.slice(i, limit))![0];
      const close = text.indexOf(run, i + run.length);
      if (close !== -1 && close < limit) i = close + run.length - 1;
      else i += run.length - 1;
    } else if (c === '[') depth++;
    else if (c === ']') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}

/**
 * The raw title inside `](url "title")` or a definition `[x]: url 'title'`:
 * it ends the definition, or comes just before an inline link's `)`. Scanning
 * back, the first unescaped opening delimiter is the title's: a title holds
 * its own delimiter only escaped.
 */
function findTitle(text: string, from: number, to: number, inline: boolean): { start: number; end: number; quote: string } | undefined {
  const lastVisible = (before: number) => {
    let i = before - 1;
    while (i > from && /\s/.test(text[i]!)) i--;
    return i;
  };
  const close = inline ? lastVisible(lastVisible(to)) : lastVisible(to);
  const opening = ({ '"': '"', "'": "'", ')': '(' } as Record<string, string>)[text[close]!];
  if (!opening || isEscaped(text, close)) return undefined;
  for (let k = close - 1; k > from; k--) {
    if (text[k] === opening && !isEscaped(text, k)) return { start: k + 1, end: close, quote: opening };
  }
  return undefined;
}

function isEscaped(text: string, at: number): boolean {
  let slashes = 0;
  for (let k = at - 1; k >= 0 && text[k] === '\\'; k--) slashes++;
  return slashes % 2 === 1;
}
