import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import rehypeSanitize, { defaultSchema } from 'rehype-sanitize';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

/** Where the sanitizer moves every `id` and `name`, so article text can never clobber a global of the page. */
const CLOBBER_PREFIX = defaultSchema.clobberPrefix ?? 'user-content-';

export interface BodyOptions {
  /** Heading of the footnotes section, in the page's language. @default remark-rehype's "Footnotes" */
  footnoteLabel?: string;
  /** Label of a footnote's back link, given the reference's number (1-based). @default remark-rehype's "Back to reference 1" */
  footnoteBackLabel?: (reference: number) => string;
}

/**
 * An article body (mdast) as sanitized HTML (hast). A translation can come
 * from an engine, a memory file or a person, so nothing in it is trusted:
 * raw HTML in Markdown is dropped by remark-rehype, and rehype-sanitize's
 * GitHub schema then removes what Markdown alone can express (a
 * `javascript:` link or image URL, unknown attributes set through node data)
 * and prefixes ids. `lang` and `dir`, which mark untranslated text, are in
 * that schema.
 */
export async function renderBody(tree: MdastRoot, options: BodyOptions = {}): Promise<HastRoot> {
  const processor = unified()
    .use(remarkRehype, {
      // The sanitizer adds the prefix to ids; remark-rehype adding it as well would double it.
      clobberPrefix: '',
      ...(options.footnoteLabel ? { footnoteLabel: options.footnoteLabel } : {}),
      ...(options.footnoteBackLabel ? { footnoteBackLabel: (index: number) => options.footnoteBackLabel!(index + 1) } : {}),
    })
    .use(rehypeSanitize, defaultSchema)
    .use(() => prefixFragmentLinks);
  return (await processor.run(structuredClone(tree))) as HastRoot;
}

/** In-page links (`#fn-1`) follow their targets' prefixed ids (`#user-content-fn-1`), so footnotes keep working. */
function prefixFragmentLinks(tree: HastRoot): void {
  const visit = (node: HastRoot | ElementContent) => {
    if (node.type === 'element') {
      const href = (node as Element).properties.href;
      if (typeof href === 'string' && href.startsWith('#') && href.length > 1 && !href.startsWith(`#${CLOBBER_PREFIX}`)) {
        (node as Element).properties.href = `#${CLOBBER_PREFIX}${href.slice(1)}`;
      }
    }
    if ('children' in node) for (const child of node.children) visit(child as ElementContent);
  };
  visit(tree);
}
