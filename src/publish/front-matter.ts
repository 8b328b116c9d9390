import { parseDocument } from 'yaml';
import type { FrontMatterBlock } from '../markdown/index.js';

/**
 * The article with its front matter replaced by `data` applied to the block:
 * `null` removes a key, anything else sets it. Other keys keep their text
 * (comments, flow lists), and the body keeps every byte.
 */
export function withFrontMatter(text: string, block: FrontMatterBlock | undefined, values: Record<string, unknown>): string {
  const document = block ? block.document.clone() : parseDocument('');
  for (const [key, value] of Object.entries(values)) {
    if (value === null) {
      // An article without front matter has no collection to delete from (yaml throws rather than do nothing).
      if (document.has(key)) document.delete(key);
    } else document.set(key, value);
  }
  const eol = block?.eol ?? (text.includes('\r\n') ? '\r\n' : '\n');
  const yamlText = document.toString({ lineWidth: 0, flowCollectionPadding: false }).replace(/\n$/, '').replace(/\n/g, eol);
  const body = block ? text.slice(block.bodyStart) : `${eol}${text}`;
  return `---${eol}${yamlText}${eol}---${eol}${body}`;
}
