import { isAlias, isMap, parseDocument, visit, type Document } from 'yaml';
import { InputError, LimitError } from '../core/errors.js';
import { limitsWith, type Limits } from '../core/limits.js';
import { positionAt } from '../core/read-text.js';

/**
 * The one reader of an article's leading YAML front-matter block. The
 * Markdown parser (which gets the block from remark-frontmatter), the export
 * (which reads it before rendering anything) and the `tolk:` record reader all
 * find and parse the block here, so they agree on where it is, what it says
 * and which line an error is on.
 */

/** A leading `---` block (after an optional BOM); group 1 is the YAML between the fences. */
const BLOCK = /^\uFEFF?---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?---[ \t]*(?:\r?\n|$)/;

/** Where the leading block is, before any YAML is parsed. */
export interface FrontMatterLocation {
  /** The YAML text between the fences. */
  yaml: string;
  /** Offset of the YAML text in the article. */
  contentStart: number;
  /** Offset just after the closing fence's line: the body starts here. */
  bodyStart: number;
}

/** The leading `---` block, or undefined when there is none (TOML front matter included: tolk reads no data from it). */
export function findFrontMatter(text: string): FrontMatterLocation | undefined {
  const match = BLOCK.exec(text);
  if (!match) return undefined;
  return { yaml: match[1] ?? '', contentStart: text.indexOf('\n') + 1, bodyStart: match[0].length };
}

/** An article's leading YAML block: where it is, and what it says. */
export interface FrontMatterBlock extends FrontMatterLocation {
  data: Record<string, unknown>;
  document: Document;
  /** The line break the article uses, to write a block back the same way. */
  eol: string;
}

/**
 * Reads the leading `---` block without parsing the Markdown. Undefined when
 * there is none; invalid YAML is an input error with the article's file and line.
 */
export function readFrontMatterBlock(text: string, file: string): FrontMatterBlock | undefined {
  const location = findFrontMatter(text);
  if (!location) return undefined;
  const { document, data } = parseFrontMatterYaml(text, location.yaml, location.contentStart, file);
  return { ...location, data, document, eol: text.includes('\r\n') ? '\r\n' : '\n' };
}

/**
 * Parses front-matter YAML found at `contentStart` in the article `text`. A
 * YAML error, a block that is no mapping, or an alias bomb is an input error
 * with the article's file and the line counted from the top of the article.
 */
export function parseFrontMatterYaml(text: string, yamlText: string, contentStart: number, file: string): { document: Document; data: Record<string, unknown> } {
  const document = parseDocument(yamlText, { prettyErrors: false, uniqueKeys: true });
  const problem = document.errors[0];
  if (problem) {
    const message = problem.message.split('\n')[0]!;
    const line = positionAt(text, contentStart + errorOffset(yamlText, message, problem.pos[0])).line;
    throw new InputError(`invalid YAML front matter: ${message}`, { file, line });
  }
  if (document.contents !== null && !isMap(document.contents)) {
    throw new InputError('front matter must be a YAML mapping (key: value lines)', { file, line: positionAt(text, contentStart).line });
  }
  const data = (yamlData(document, file, (offset) => positionAt(text, contentStart + offset).line) ?? {}) as Record<string, unknown>;
  return { document, data };
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
