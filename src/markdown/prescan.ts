import { LimitError } from '../core/errors.js';
import type { Limits } from '../core/limits.js';

type MarkdownLimits = Pick<Limits, 'markdownDepth' | 'markdownBlocks' | 'markdownQuotes'>;

const SPACE = 0x20;
const TAB = 0x09;
const NEWLINE = 0x0a;
const CR = 0x0d;
const GT = 0x3e;
const BACKSLASH = 0x5c;
const BACKTICK = 0x60;
const TILDE = 0x7e;
const STAR = 0x2a;
const UNDERSCORE = 0x5f;
const DASH = 0x2d;
const PLUS = 0x2b;
const HASH = 0x23;
const PIPE = 0x7c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

const isSpace = (c: number) => c === SPACE || c === TAB || c === NEWLINE || c === CR || Number.isNaN(c);
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** ASCII punctuation, as CommonMark's flanking rules use it (other Unicode punctuation counts as a letter here: the bound stays safe). */
const isPunct = (c: number) => (c >= 0x21 && c <= 0x2f) || (c >= 0x3a && c <= 0x40) || (c >= 0x5b && c <= 0x60) || (c >= 0x7b && c <= 0x7e);

/**
 * A linear pass over an article before remark parses it, refusing the
 * shapes that make parsing (or the recursive walks after it) blow up:
 * nesting deeper than `markdownDepth` levels (block quotes, lists, emphasis
 * and links, in any mix), more than `markdownBlocks` blocks, more than
 * `markdownQuotes` block quotes. It reads the way CommonMark does only
 * roughly — container markers at a line's start, list items by indentation,
 * delimiter runs by the flanking rules, code spans and fenced code skipped —
 * and errs on the side of counting more, never on the side of a hang: the
 * exact tree depth is checked again after parsing (see parse.ts). Costs a
 * small fraction of the parse (the bench measures it).
 */
export function prescanMarkdown(text: string, file: string, limits: MarkdownLimits): void {
  const { markdownDepth, markdownBlocks, markdownQuotes } = limits;
  const n = text.length;
  let pos = frontMatterEnd(text);
  let line = pos === 0 ? 1 : countLines(text, pos);
  /** Content columns of the open list items (a marker at or past the last one nests inside it). */
  const items: number[] = [];
  let previousQuotes = 0;
  let previousBlank = true;
  let blocks = 0;
  let quotes = 0;
  /** Emphasis and link levels open in the current paragraph. */
  let inline = 0;
  let brackets = 0;
  /** Inside fenced code: the fence's character and length. */
  let fence: { char: number; length: number } | undefined;
  const fail = (message: string, limit: keyof MarkdownLimits) => {
    throw new LimitError(message, limit, { file, line });
  };

  while (pos <= n) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = n;
    // Container markers: `>` and list markers, in any order, after any indentation.
    let i = pos;
    let lineQuotes = 0;
    let markers = 0;
    let column = 0;
    let firstMarkerColumn = -1;
    const markerColumns: number[] = [];
    for (;;) {
      while (i < end && (text.charCodeAt(i) === SPACE || text.charCodeAt(i) === TAB)) {
        column = text.charCodeAt(i) === TAB ? column + 4 - (column % 4) : column + 1;
        i++;
      }
      const c = text.charCodeAt(i);
      if (c === GT && !fence) {
        lineQuotes++;
        i++;
        column++;
        continue;
      }
      const width = fence ? 0 : listMarkerWidth(text, i, end);
      if (width > 0) {
        if (firstMarkerColumn === -1) firstMarkerColumn = column;
        markers++;
        i += width;
        column += width;
        markerColumns.push(column);
        continue;
      }
      break;
    }
    const blank = i >= end || isBlankFrom(text, i, end);

    if (fence) {
      if (closesFence(text, i, end, fence)) fence = undefined;
      pos = end + 1;
      line++;
      previousBlank = false;
      continue;
    }
    if (blank && lineQuotes === 0 && markers === 0) {
      previousBlank = true;
      previousQuotes = 0;
      inline = 0;
      brackets = 0;
      pos = end + 1;
      line++;
      continue;
    }

    // Block depth: quotes on this line plus the list items it sits in.
    if (lineQuotes !== previousQuotes) items.length = 0;
    if (markers > 0) {
      while (items.length > 0 && items[items.length - 1]! > firstMarkerColumn) items.pop();
      for (const content of markerColumns) items.push(content);
    } else if (previousBlank) {
      // A paragraph after a blank line continues only the items it is indented into (a lazy line cannot follow a blank one).
      while (items.length > 0 && items[items.length - 1]! > column) items.pop();
    }
    const blockDepth = lineQuotes + items.length;
    if (blockDepth > markdownDepth) fail(`nesting deeper than ${markdownDepth} levels of block quotes and lists`, 'markdownDepth');

    if (lineQuotes > previousQuotes) {
      quotes += lineQuotes - previousQuotes;
      if (quotes > markdownQuotes) fail(`more than ${markdownQuotes} block quotes in one article`, 'markdownQuotes');
    }
    const c = text.charCodeAt(i);
    const startsBlock = previousBlank || markers > 0 || lineQuotes > previousQuotes || c === HASH;
    if (startsBlock) {
      blocks++;
      if (blocks > markdownBlocks) fail(`more than ${markdownBlocks} blocks (paragraphs, headings, list items, quotes, table cells) in one article`, 'markdownBlocks');
      if (c === HASH || markers > 0) {
        inline = 0;
        brackets = 0;
      }
    }
    previousQuotes = lineQuotes;
    previousBlank = blank;

    const opened = fenceAt(text, i, end);
    if (opened) {
      fence = opened;
      pos = end + 1;
      line++;
      continue;
    }

    // Inline: delimiter runs that can open emphasis, and brackets, still open in this paragraph.
    for (let k = i; k < end; ) {
      const ch = text.charCodeAt(k);
      if (ch === BACKSLASH) {
        k += 2;
        continue;
      }
      if (ch === BACKTICK) {
        let run = 1;
        while (text.charCodeAt(k + run) === BACKTICK) run++;
        const close = closingBackticks(text, k + run, end, run);
        k = close === -1 ? k + run : close + run;
        continue;
      }
      if (ch === OPEN_BRACKET) {
        if (blockDepth + inline + ++brackets > markdownDepth) break;
      } else if (ch === PIPE) {
        // A table cell is a segment of its own: a row of 100,000 cells is 100,000 blocks.
        if (++blocks > markdownBlocks) fail(`more than ${markdownBlocks} blocks (paragraphs, headings, list items, quotes, table cells) in one article`, 'markdownBlocks');
      } else if (ch === CLOSE_BRACKET) {
        if (brackets > 0) brackets--;
      } else if (ch === STAR || ch === UNDERSCORE || ch === TILDE) {
        let run = 1;
        while (text.charCodeAt(k + run) === ch) run++;
        const before = k > pos ? text.charCodeAt(k - 1) : SPACE;
        const after = k + run < end ? text.charCodeAt(k + run) : SPACE;
        const left = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before));
        const right = !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after));
        const levels = Math.ceil(run / 2);
        const intraword = ch === UNDERSCORE && left && right && !isPunct(before) && !isPunct(after);
        if (!intraword) {
          if (left && (!right || inline === 0)) inline += levels;
          else if (right) inline = Math.max(0, inline - levels);
        }
        k += run;
        if (blockDepth + inline + brackets > markdownDepth) break;
        continue;
      }
      k++;
    }
    if (blockDepth + inline + brackets > markdownDepth) fail(`nesting deeper than ${markdownDepth} levels of block quotes, lists, emphasis and links`, 'markdownDepth');
    pos = end + 1;
    line++;
  }
}

/** Width of a list marker and the space after it at `i` (`- `, `* `, `+ `, `12. `, `3) `), or 0. */
function listMarkerWidth(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (c === DASH || c === STAR || c === PLUS) {
    const next = text.charCodeAt(i + 1);
    return i + 1 >= end ? 1 : next === SPACE || next === TAB ? 2 : 0;
  }
  if (!isDigit(c)) return 0;
  let k = i;
  while (k < end && k - i < 9 && isDigit(text.charCodeAt(k))) k++;
  const d = text.charCodeAt(k);
  if (d !== 0x2e && d !== 0x29) return 0;
  const next = text.charCodeAt(k + 1);
  return k + 1 >= end ? k + 1 - i : next === SPACE || next === TAB ? k + 2 - i : 0;
}

function isBlankFrom(text: string, i: number, end: number): boolean {
  for (let k = i; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c !== SPACE && c !== TAB && c !== CR) return false;
  }
  return true;
}

/** A code fence (three or more backticks or tildes) opening at `i`. */
function fenceAt(text: string, i: number, end: number): { char: number; length: number } | undefined {
  const c = text.charCodeAt(i);
  if (c !== BACKTICK && c !== TILDE) return undefined;
  let run = 1;
  while (i + run < end && text.charCodeAt(i + run) === c) run++;
  if (run < 3) return undefined;
  // A backtick fence's info string has no backtick.
  if (c === BACKTICK && text.indexOf('`', i + run) !== -1 && text.indexOf('`', i + run) < end) return undefined;
  return { char: c, length: run };
}

function closesFence(text: string, i: number, end: number, fence: { char: number; length: number }): boolean {
  let run = 0;
  while (i + run < end && text.charCodeAt(i + run) === fence.char) run++;
  return run >= fence.length && isBlankFrom(text, i + run, end);
}

/** Start of a backtick run of exactly `run` at or after `from` on this line, or -1. */
function closingBackticks(text: string, from: number, end: number, run: number): number {
  for (let k = from; k < end; ) {
    if (text.charCodeAt(k) !== BACKTICK) {
      k++;
      continue;
    }
    let length = 1;
    while (text.charCodeAt(k + length) === BACKTICK) length++;
    if (length === run) return k;
    k += length;
  }
  return -1;
}

/** Offset after a leading `---` or `+++` front-matter block, or 0. */
function frontMatterEnd(text: string): number {
  const fenceText = text.startsWith('---') ? '---' : text.startsWith('+++') ? '+++' : undefined;
  if (!fenceText) return 0;
  const firstBreak = text.indexOf('\n');
  if (firstBreak === -1 || text.slice(3, firstBreak).trim() !== '') return 0;
  let at = firstBreak + 1;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end === -1) end = text.length;
    if (text.startsWith(fenceText, at) && text.slice(at + 3, end).trim() === '') return Math.min(end + 1, text.length);
    at = end + 1;
  }
  return 0;
}

function countLines(text: string, offset: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < offset; at = text.indexOf('\n', at + 1)) line++;
  return line;
}
