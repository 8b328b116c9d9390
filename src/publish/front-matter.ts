import { isMap, parseDocument, type Document } from 'yaml';
import { InputError } from '../core/errors.js';
import { positionAt } from '../core/read-text.js';
import { yamlData } from '../markdown/index.js';

/** An article's leading YAML block: where it is, and what it says. */
export interface FrontMatterBlock {
  data: Record<string, unknown>;
  document: Document;
  /** Offset just after the closing fence's line: the body starts here. */
  bodyStart: number;
  /** The line break the article uses, to write a block back the same way. */
  eol: string;
}

const BLOCK = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

/**
 * Reads the leading `---` YAML block without parsing the Markdown, so the
 * export can decide what to publish (gate, slugs, titles for the indexes)
 * before it renders anything. Undefined when there is none (TOML front matter
 * included: tolk reads no data from it); invalid YAML is an input error with
 * the article's file and line.
 */
export function readFrontMatterBlock(text: string, file: string): FrontMatterBlock | undefined {
  const match = BLOCK.exec(text);
  if (!match) return undefined;
  const yamlText = match[1] ?? '';
  const document = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true });
  const problem = document.errors[0];
  if (problem) {
    const contentStart = text.indexOf('\n') + 1;
    throw new InputError(`invalid YAML front matter: ${problem.message.split('\n')[0]}`, {
      file,
      line: positionAt(text, contentStart + problem.pos[0]).line,
    });
  }
  if (document.contents !== null && !isMap(document.contents)) {
    throw new InputError('front matter must be a YAML mapping (key: value lines)', { file, line: 2 });
  }
  const data = (yamlData(document, file, (offset) => positionAt(text, text.indexOf('\n') + 1 + offset).line) ?? {}) as Record<string, unknown>;
  return { data, document, bodyStart: match[0].length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

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
