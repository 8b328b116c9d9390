import type { Literal, Yaml } from 'mdast';
import { isMap, isScalar, parseDocument, stringify } from 'yaml';
import { findFrontMatter, parseFrontMatterYaml } from './front-matter-block.js';

/** A translatable front-matter value and where its YAML scalar sits in the article text. */
export interface FrontMatterField {
  key: string;
  value: string;
  /** Absolute offsets of the scalar (quotes included) in the article text. */
  start: number;
  end: number;
}

export interface FrontMatter {
  data: Record<string, unknown>;
  fields: FrontMatterField[];
  /** Absolute offsets of the YAML text between the fences. */
  contentStart: number;
  contentEnd: number;
}

/**
 * The translatable fields of the YAML front matter remark-frontmatter found
 * (`node`), read through the one block reader (front-matter-block.ts), with
 * the offsets of each field's scalar in the article text.
 */
export function readFrontMatterFields(text: string, node: Yaml, file: string, translate: readonly string[]): FrontMatter {
  const blockStart = node.position!.start.offset!;
  const contentStart = text.indexOf(node.value, blockStart + 3);
  const base = contentStart === -1 ? blockStart : contentStart;
  const { document, data } = parseFrontMatterYaml(text, node.value, base, file);
  const fields: FrontMatterField[] = [];
  for (const pair of isMap(document.contents) ? document.contents.items : []) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (!key || !translate.includes(key)) continue;
    const value = pair.value;
    if (isScalar(value) && typeof value.value === 'string' && value.range && value.value.trim()) {
      fields.push({ key, value: value.value, start: base + value.range[0], end: base + valueEnd(node.value, value.range) });
    }
  }
  return { data, fields, contentStart: base, contentEnd: base + node.value.length };
}

/** TOML front matter is kept as it is: tolk reads no data or fields from it and sets no keys in it. */
export function keepTomlFrontMatter(text: string, node: Literal): FrontMatter {
  const contentStart = text.indexOf(node.value, node.position!.start.offset! + 3);
  return { data: {}, fields: [], contentStart, contentEnd: contentStart + node.value.length };
}

/**
 * End of a YAML value without the line break a block scalar or block
 * collection ends with: that break belongs to the next key's line.
 */
function valueEnd(yamlText: string, range: readonly [number, number, number]): number {
  let end = range[1];
  while (end > range[0] && /\s/.test(yamlText[end - 1]!)) end--;
  return end;
}

/** A YAML scalar for a translated value: double-quoted JSON is valid YAML and needs no further escaping. */
export function yamlScalar(value: string): string {
  return JSON.stringify(value);
}

/**
 * Sets top-level keys in a front-matter block, editing only those keys' lines
 * so every other field keeps its bytes. Returns the new YAML text.
 */
export function setFrontMatterKeys(yamlText: string, values: Record<string, unknown>, eol: string): string {
  const document = parseDocument(yamlText);
  const map = isMap(document.contents) ? document.contents : undefined;
  let out = yamlText;
  const appended: string[] = [];
  // Replace from the end so earlier offsets stay valid.
  const edits: Array<{ start: number; end: number; text: string }> = [];
  for (const [key, value] of Object.entries(values)) {
    const rendered = stringify({ [key]: value }, { lineWidth: 0 }).replace(/\n$/, '').replace(/\n/g, eol);
    const pair = map?.items.find((p) => isScalar(p.key) && p.key.value === key);
    const keyRange = pair && isScalar(pair.key) ? pair.key.range : undefined;
    const valueRange = pair && (pair.value as { range?: [number, number, number] } | null)?.range;
    if (keyRange && (valueRange || pair?.value === null)) {
      edits.push({ start: keyRange[0], end: valueRange ? valueEnd(yamlText, valueRange) : keyRange[1] + 1, text: rendered });
    } else appended.push(rendered);
  }
  for (const edit of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, edit.start) + edit.text + out.slice(edit.end);
  if (appended.length) out = (out.length && !out.endsWith('\n') ? out + eol : out) + appended.join(eol);
  return out;
}

/** Sets keys inside a rendered `---` block, leaving its fences and other lines as they are. */
export function updateBlock(block: string, values: Record<string, unknown>, eol: string): string {
  const open = /^(---|\+\+\+)[ \t]*\r?\n/.exec(block);
  const close = /\r?\n(---|\+\+\+)[ \t]*$/.exec(block);
  if (!open || !close || open[1] !== '---') return block; // TOML front matter is left alone
  const yamlText = block.slice(open[0].length, Math.max(open[0].length, close.index));
  return open[0] + setFrontMatterKeys(yamlText, values, eol) + block.slice(close.index);
}

/**
 * Sets keys in an article's leading YAML front matter (creating the block
 * when there is none), leaving every other byte of the article as it is.
 */
export function setArticleFrontMatter(text: string, values: Record<string, unknown>): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const found = findFrontMatter(text);
  if (found) {
    // The block up to its closing fence; the line break after the fence stays with the body.
    const fenceEnd = text.slice(0, found.bodyStart).replace(/\r?\n$/, '').length;
    return updateBlock(text.slice(0, fenceEnd), values, eol) + text.slice(fenceEnd);
  }
  if (/^\+\+\+[ \t]*\r?\n/.test(text)) return text; // TOML front matter is left alone
  return `---${eol}${setFrontMatterKeys('', values, eol)}${eol}---${eol}${eol}${text}`;
}
