/**
 * How translated text is written back into Markdown without creating markup
 * the source did not have. Like mdast-util-to-markdown's `unsafe` table: data
 * with a reason per row. Over-escaping is harmless (a backslash before ASCII
 * punctuation renders as the character), under-escaping damages structure.
 */

type Replacement = string | ((match: string) => string);
type Rule = readonly [RegExp, Replacement];

/** A character written as a numeric character reference: whitespace a parser would drop, a letter next to a delimiter. */
export const reference = (c: string) => `&#${c.codePointAt(0)};`;

/** Characters that can open inline constructs anywhere in text. */
const INLINE_UNSAFE: readonly Rule[] = [
  [/\\/g, '\\\\'], // escapes themselves
  [/([`*_[\]<~])/g, '\\$1'], // code, emphasis, links/images, autolinks/HTML, GFM strikethrough
  [/&(?=#?[0-9A-Za-z]+;)/g, '\\&'], // would read as a character reference
  // GFM autolink literals (mdast-util-gfm-autolink-literal's unsafe rows): an address in text stays text
  [/(?<=[+\-.\w])@(?=[-.\w])/g, '\\@'], // email
  [/(?<=[Ww])\.(?=[-.\w])/g, '\\.'], // www.
  [/(?<=[ps]):(?=\/)/g, '\\:'], // http:// and https://
];

/** Just before markup: `!` followed by a link's `[` would make it an image. */
const BEFORE_MARKUP_UNSAFE: readonly Rule[] = [[/!$/, '\\!']];

/** Just after markup: `[x]` or `[^1]` followed by `(` or `:` would make a link or a definition. */
const AFTER_MARKUP_UNSAFE: readonly Rule[] = [[/^([(:])/, '\\$1']];

/**
 * Whitespace at the start of a line (or of a heading or cell) is stripped by
 * parsers or read as indentation. Spaces are dropped (indentation, engine
 * noise); anything else (tab, no-break space, a newline) is text: a reference.
 */
const LINE_START_SPACE: readonly Rule[] = [
  [/^ +/, ''],
  [/^\s/u, reference],
];

/** The same at the end of a line: two spaces would also make a hard break. */
const LINE_END_SPACE: readonly Rule[] = [
  [/ +$/, ''],
  [/\s$/u, reference],
];

/** Constructs that only matter at the start of a line (after the container prefix). */
const BLOCK_START_UNSAFE: readonly Rule[] = [
  [/^(#{1,6})(?=[ \t]|$)/, '\\$1'], // ATX heading
  [/^>/, '\\>'], // block quote
  [/^([-+=])/, '\\$1'], // bullet list, thematic break, setext underline
  [/^(\d{1,9})([.)])(?=[ \t]|$)/, '$1\\$2'], // ordered list
  [/^([|:])/, '\\$1'], // GFM table delimiter row
];

export type TextStyle =
  /** Paragraph-like: may span lines, each continuation line gets the container prefix. */
  | 'flow'
  /** ATX heading: one line; a trailing `#` would be read as a closing sequence. */
  | 'heading'
  /** GFM table cell: one line, `|` ends the cell. */
  | 'tableCell'
  /** Image alt inside `![…]`: one line, edge whitespace is part of the alt. */
  | 'alt';

export interface EscapeContext {
  style: TextStyle;
  /** True when the text starts a line (start of the unit or after a line ending). */
  atLineStart: boolean;
  /** True when nothing of the unit follows the text; otherwise markup does. */
  atUnitEnd: boolean;
  /** Container prefix for continuation lines (`> `, list indentation). */
  prefix: string;
  eol: string;
}

export function escapeInline(text: string, ctx: EscapeContext): string {
  if (ctx.style !== 'flow') return escapeLine(text.replace(/[ \t]*(?:\r\n?|\n)[ \t]*/g, ' '), ctx.style, ctx.atLineStart, ctx.atUnitEnd);
  const lines = flowLines(text, ctx);
  return lines
    .map((line, i) => escapeLine(line, 'flow', i > 0 || ctx.atLineStart, i < lines.length - 1 || ctx.atUnitEnd))
    .join(ctx.eol + ctx.prefix);
}

/**
 * Splits flow text at the newlines that can be line endings: those with
 * content on both sides. An empty line would end the paragraph (or start or
 * end the unit with a line break), so other newlines stay inside a line.
 */
function flowLines(text: string, ctx: EscapeContext): string[] {
  const raw = text.split(/\r\n?|\n/);
  const lines = [raw[0]!];
  raw.slice(1).forEach((line, i) => {
    const before = lines.length > 1 || ctx.atLineStart ? hasContent(lines[lines.length - 1]!) : true;
    const after = hasContent(line) || (i === raw.length - 2 && !ctx.atUnitEnd);
    if (before && after) lines.push(line);
    else lines[lines.length - 1] += '\n' + line;
  });
  return lines;
}

/** Spaces are all a parser (or LINE_START_SPACE) removes from a line; anything else shows. */
const hasContent = (line: string) => /[^ ]/.test(line);

function escapeLine(line: string, style: TextStyle, atStart: boolean, atEnd: boolean): string {
  let out = apply(line, INLINE_UNSAFE);
  if (style === 'tableCell') out = out.replace(/\|/g, '\\|');
  const edges = style !== 'alt';
  if (!atStart) out = apply(out, AFTER_MARKUP_UNSAFE);
  if (edges && atStart) out = apply(out, LINE_START_SPACE);
  if (style === 'flow' && atStart) out = apply(out, BLOCK_START_UNSAFE);
  out = atEnd ? (edges ? apply(out, LINE_END_SPACE) : out) : apply(out, BEFORE_MARKUP_UNSAFE);
  return out.replace(/\r\n?|\n/g, reference); // newlines that cannot be line endings
}

function apply(text: string, rules: readonly Rule[]): string {
  let out = text;
  for (const [pattern, replacement] of rules) {
    out = typeof replacement === 'string' ? out.replace(pattern, replacement) : out.replace(pattern, replacement);
  }
  return out;
}

/** What a delimiter run sees on one side; a unit's edge counts as whitespace. */
function flank(c: string | undefined): 'space' | 'punctuation' | 'other' {
  if (c === undefined || /\s/u.test(c)) return 'space';
  return /[\p{P}\p{S}]/u.test(c) ? 'punctuation' : 'other';
}

/**
 * Emphasis and strikethrough delimiters only open or close between the right
 * characters (CommonMark's flanking rules): `x)*y` cannot close and `a_b_`
 * cannot open. When a translation puts a letter where punctuation (or
 * whitespace) is needed, says which neighbour to write as a character
 * reference, whose `&` and `;` count as punctuation.
 */
export function flankingFix(delimiter: string, before: string | undefined, after: string | undefined, opening: boolean) {
  const [inner, outer] = opening ? [after, before] : [before, after];
  if (flank(outer) !== 'other') return undefined;
  if (flank(inner) !== 'punctuation' && delimiter !== '_') return undefined; // `*` and `~` work inside words
  return opening ? 'before' : 'after';
}

/** What may come just before a GFM literal autolink, by kind (as micromark-extension-gfm-autolink-literal checks). */
const LITERAL_AUTOLINK_START: ReadonlyArray<[kind: RegExp, before: RegExp]> = [
  [/^www\./i, /[\s(*_[\]~]/u],
  [/^https?:\/\//i, /[^A-Za-z]/],
  [/@/, /[^/+\-.\w]/], // email: no address character
];

/**
 * A GFM literal autolink (`www.x.com`, `https://x.com`, `a@b.com`) is only
 * found after certain characters and ends at whitespace, maybe after
 * trailing punctuation. Where translated text touches it otherwise, it would
 * lose or swallow characters, so it is written as an explicit link.
 */
export function literalAutolink(raw: string, url: string, before: string | undefined, after: string): string {
  const allowed = LITERAL_AUTOLINK_START.find(([kind]) => kind.test(raw))?.[1];
  const starts = before === undefined || allowed?.test(before) === true;
  const ends = /^[?!.,:*_~'")]*(?:\s|$)/u.test(after);
  return starts && ends ? raw : `[${raw.replace(/[[\]\\]/g, '\\$&')}](<${url}>)`;
}

/** The end of an ATX heading: a final run of `#` after a space is a closing sequence. */
export function protectHeadingEnd(rendered: string): string {
  return rendered.replace(/(^|[ \t])(#+)([ \t]*)$/, (_, space: string, hashes: string, tail: string) => `${space}\\${hashes}${tail}`);
}

/**
 * Link/image title between `"…"`, `'…'` or `(…)`: escape backslashes, the
 * closing delimiter and references; line endings become references, as a
 * title cannot hold a blank line or a container's continuation prefix.
 */
export function escapeTitle(text: string, open: string): string {
  const close = open === '(' ? ')' : open;
  const delimiters = open === '(' ? /[()]/g : new RegExp(`\\${close}`, 'g');
  return text
    .replace(/\\/g, '\\\\')
    .replace(delimiters, (d) => `\\${d}`)
    .replace(/&(?=#?[0-9A-Za-z]+;)/g, '\\&')
    .replace(/\r\n?|\n/g, '&#10;');
}
