/**
 * How translated text is written back into Markdown without creating markup
 * the source did not have. Like mdast-util-to-markdown's `unsafe` table: data
 * with a reason per row. Over-escaping is harmless (a backslash before ASCII
 * punctuation renders as the character), under-escaping damages structure.
 */

/** Characters that can open inline constructs anywhere in text. */
const INLINE_UNSAFE: ReadonlyArray<[RegExp, string]> = [
  [/\\/g, '\\\\'], // escapes themselves
  [/([`*_[\]<~])/g, '\\$1'], // code, emphasis, links/images, autolinks/HTML, GFM strikethrough
  [/&(?=#?[0-9A-Za-z]+;)/g, '\\&'], // would read as a character reference
];

/** Constructs that only matter at the start of a line (after the container prefix). */
const LINE_START_UNSAFE: ReadonlyArray<[RegExp, string]> = [
  [/^[ \t]+/, ''], // indentation could make code or lazy-continuation changes
  [/^(#{1,6})(?=[ \t]|$)/, '\\$1'], // ATX heading
  [/^>/, '\\>'], // block quote
  [/^([-+=])/, '\\$1'], // bullet list, thematic break, setext underline
  [/^(\d{1,9})([.)])(?=[ \t]|$)/, '$1\\$2'], // ordered list
];

export type TextStyle =
  /** Paragraph-like: may span lines, each continuation line gets the container prefix. */
  | 'flow'
  /** ATX heading: one line; a trailing `#` would be read as a closing sequence. */
  | 'heading'
  /** GFM table cell: one line, `|` ends the cell. */
  | 'tableCell'
  /** Image alt inside `![…]`: one line. */
  | 'alt';

export interface EscapeContext {
  style: TextStyle;
  /** True when the text starts a line (start of the unit or after a line ending). */
  atLineStart: boolean;
  /** Container prefix for continuation lines (`> `, list indentation). */
  prefix: string;
  eol: string;
}

export function escapeInline(text: string, ctx: EscapeContext): string {
  const singleLine = ctx.style !== 'flow';
  const lines = (singleLine ? text.replace(/[ \t]*\r?\n[ \t]*/g, ' ') : text).split(/\r?\n/);
  return lines
    .map((line, i) => {
      let out = line;
      for (const [pattern, replacement] of INLINE_UNSAFE) out = out.replace(pattern, replacement);
      if (ctx.style === 'tableCell') out = out.replace(/\|/g, '\\|');
      if (i < lines.length - 1) out = out.replace(/[ \t]+$/, ''); // trailing spaces would make a hard break
      if (ctx.style === 'flow' && (i > 0 || ctx.atLineStart)) {
        for (const [pattern, replacement] of LINE_START_UNSAFE) out = out.replace(pattern, replacement);
      }
      return out;
    })
    .join(ctx.eol + ctx.prefix);
}

/** The end of an ATX heading: a final run of `#` after a space is a closing sequence. */
export function protectHeadingEnd(rendered: string): string {
  return rendered.replace(/(^|[ \t])(#+)([ \t]*)$/, (_, space: string, hashes: string, tail: string) => `${space}\\${hashes}${tail}`);
}

/** Link/image title between `"…"`, `'…'` or `(…)`: escape backslashes, the closing delimiter and references. */
export function escapeTitle(text: string, open: string): string {
  const close = open === '(' ? ')' : open;
  const delimiters = open === '(' ? /[()]/g : new RegExp(`\\${close}`, 'g');
  return text
    .replace(/\s+/g, ' ')
    .replace(/\\/g, '\\\\')
    .replace(delimiters, (d) => `\\${d}`)
    .replace(/&(?=#?[0-9A-Za-z]+;)/g, '\\&');
}
