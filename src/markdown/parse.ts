import type { Nodes, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified, type Processor } from 'unified';
import { LimitError } from '../core/errors.js';
import { checkBytes, limitsWith, type Limits } from '../core/limits.js';
import { placeLiteralAutolinks, rememberTextPositions } from './literal-autolinks.js';
import { prescanMarkdown } from './prescan.js';

export interface ParseOptions {
  /** Shown in errors. */
  file?: string;
  /** Structural limits (see core/limits.ts); the defaults where not given. */
  limits?: Partial<Limits>;
}

/** Nodes that count as a level of nesting in `limits.markdownDepth` (a list and its item are one level). */
const LEVELS = new Set(['blockquote', 'list', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'footnoteDefinition']);

/** The depth limit of the parse under way: parsing is synchronous, so one variable serves the shared processor. */
let depthLimit = Infinity;

/**
 * The exact nesting depth, measured without recursion as soon as the tree
 * is built and before any recursive walk (GFM's, ours) runs: the pre-scan
 * only estimates. Put first among the tree transforms.
 */
function limitTreeDepth(this: Processor): void {
  const extensions = (this.data().fromMarkdownExtensions ??= []);
  extensions.unshift({
    transforms: [
      (tree: Root) => {
        const stack: Array<[Nodes, number]> = [[tree, 0]];
        while (stack.length > 0) {
          const [node, depth] = stack.pop()!;
          const here = LEVELS.has(node.type) ? depth + 1 : depth;
          if (here > depthLimit) {
            throw new LimitError(`nesting deeper than ${depthLimit} levels of block quotes, lists, emphasis and links`, 'markdownDepth', {
              ...(node.position && { line: node.position.start.line }),
            });
          }
          if ('children' in node) for (const child of node.children) stack.push([child as Nodes, here]);
        }
      },
    ],
  });
}

/** One processor for the whole project: CommonMark + GFM + YAML/TOML front matter. */
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(rememberTextPositions)
  .use(limitTreeDepth)
  .use(remarkFrontmatter, ['yaml', 'toml']);

/**
 * The checks `parseMarkdown` makes before remark, on their own: a command
 * that writes several files (the export) runs them on every article first,
 * so a refused article leaves nothing half written. The shape first (it
 * names a line), then the size.
 */
export function checkMarkdownLimits(text: string, options: ParseOptions = {}): void {
  const file = options.file ?? '<input>';
  const limits = limitsWith(options.limits);
  prescanMarkdown(text, file, limits);
  // Three UTF-8 bytes at most per UTF-16 unit: count the bytes only when it could matter.
  if (text.length * 3 > limits.articleBytes) checkBytes(Buffer.byteLength(text), limits.articleBytes, 'articleBytes', file);
}

/**
 * Every node of the tree has a position (see literal-autolinks.ts). Before
 * remark sees the text, its size and shape are checked against the limits
 * (an InputError with file and line), so no article can overflow the stack
 * or keep the parser busy for minutes.
 */
export function parseMarkdown(text: string, options: ParseOptions = {}): Root {
  const file = options.file ?? '<input>';
  const limits = limitsWith(options.limits);
  checkMarkdownLimits(text, { file, limits });
  depthLimit = limits.markdownDepth;
  let tree: Root;
  try {
    tree = processor.parse(text);
  } catch (error) {
    // The tree check (above) does not know the file.
    if (error instanceof LimitError) error.location.file ??= file;
    throw error;
  } finally {
    depthLimit = Infinity;
  }
  placeLiteralAutolinks(tree, text);
  return tree;
}
