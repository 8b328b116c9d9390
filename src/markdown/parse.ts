import type { Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { placeLiteralAutolinks, rememberTextPositions } from './literal-autolinks.js';

/** One processor for the whole project: CommonMark + GFM + YAML/TOML front matter. */
const processor = unified()
  .use(remarkParse)
  .use(remarkGfm)
  .use(rememberTextPositions)
  .use(remarkFrontmatter, ['yaml', 'toml']);

/** Every node of the tree has a position (see literal-autolinks.ts). */
export function parseMarkdown(text: string): Root {
  const tree = processor.parse(text);
  placeLiteralAutolinks(tree, text);
  return tree;
}
