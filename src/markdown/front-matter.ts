import type { Literal, Yaml } from 'mdast';
import { isAlias, isMap, isScalar, parseDocument, stringify, visit, type Document } from 'yaml';
import { InputError, LimitError } from '../core/errors.js';
import { limitsWith, type Limits } from '../core/limits.js';
import { positionAt } from '../core/read-text.js';

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
 * Reads YAML front matter. A YAML error is an input error with the article's
 * file and the line counted from the top of the article, not of the block.
 */
export function readFrontMatter(text: string, node: Yaml, file: string, translate: readonly string[]): FrontMatter {
  const blockStart = node.position!.start.offset!;
  const contentStart = text.indexOf(node.value, blockStart + 3);
  const base = contentStart === -1 ? blockStart : contentStart;
  const document = parseDocument(node.value, { prettyErrors: false, uniqueKeys: true });
  const problem = document.errors[0];
  if (problem) {
    const message = problem.message.split('\n')[0]!;
    const line = positionAt(text, base + errorOffset(node.value, message, problem.pos[0])).line;
    throw new InputError(`invalid YAML front matter: ${message}`, { file, line });
  }
  const contents = document.contents;
  if (contents !== null && !isMap(contents)) {
    throw new InputError('front matter must be a YAML mapping (key: value lines)', { file, line: positionAt(text, base).line });
  }
  const fields: FrontMatterField[] = [];
  for (const pair of contents?.items ?? []) {
    const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
    if (!key || !translate.includes(key)) continue;
    const value = pair.value;
    if (isScalar(value) && typeof value.value === 'string' && value.range && value.value.trim()) {
      fields.push({ key, value: value.value, start: base + value.range[0], end: base + valueEnd(node.value, value.range) });
    }
  }
  const data = (yamlData(document, file, (offset) => positionAt(text, base + offset).line) ?? {}) as Record<string, unknown>;
  return { data, fields, contentStart: base, contentEnd: base + node.value.length };
}

/**
 * A YAML document's data with the `yaml` package's own guard against alias
 * bombs (`maxAliasCount`) set to `limits.yamlAliases`; going over it is an
 * input error at the line of the first alias, not a ReferenceError.
 */
export function yamlData(document: Document, file: string, lineAt: (offset: number) => number, limits?: Partial<Limits>): unknown {
  const max = limitsWith(limits).yamlAliases;
  try {
    return document.toJS({ maxAliasCount: max });
  } catch (error) {
    if (!(error instanceof ReferenceError) || !/alias/i.test(error.message)) throw error;
    let first: number | undefined;
    visit(document, (_, node) => {
      if (!isAlias(node)) return undefined;
      first = node.range?.[0];
      return visit.BREAK;
    });
    throw new LimitError(`front matter uses too many YAML aliases (over ${max} expanded)`, 'yamlAliases', { file, line: lineAt(first ?? 0) });
  }
}

/**
 * Where to point for a YAML error. yaml reports a missing closing quote where
 * the quote was expected, at the end of the block; the line to fix is the one
 * with the opening quote: the last one not escaped (`\"`, `''`) before that.
 */
function errorOffset(yamlText: string, message: string, at: number): number {
  const quote = /^Missing closing (["'])quote/.exec(message)?.[1];
  if (!quote) return at;
  for (let i = Math.min(at, yamlText.length) - 1; i >= 0; i--) {
    if (yamlText[i] !== quote) continue;
    let run = 1; // a run of quotes or of backslashes before one: pairs are escapes
    const escape = quote === '"' ? '\\' : "'";
    while (yamlText[i - run] === escape) run++;
    if (quote === "'") i -= run - 1;
    if (run % 2 === 1) return i;
  }
  return at;
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
  const block = /^---[ \t]*\r?\n(?:[\s\S]*?\r?\n)?---[ \t]*(?=\r?\n|$)/.exec(text);
  if (block) return updateBlock(block[0], values, eol) + text.slice(block[0].length);
  if (/^\+\+\+[ \t]*\r?\n/.test(text)) return text; // TOML front matter is left alone
  return `---${eol}${setFrontMatterKeys('', values, eol)}${eol}---${eol}${eol}${text}`;
}
