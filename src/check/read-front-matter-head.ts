import { closeSync, openSync, readFileSync, readSync } from 'node:fs';
import { InputError } from '../core/errors.js';
import { decodeText } from '../core/read-text.js';

const HEAD = 16 * 1024;
const buffer = Buffer.alloc(HEAD);

/**
 * The raw head of a Markdown file up to the end of its front matter, or ''
 * when it has none; undefined when the file does not exist. It only finds the
 * bytes: `readRecord` reads the `tolk:` record from them, and anything else
 * goes to the one block reader (markdown/front-matter-block.ts) through
 * `readProvenance`. Only the first 16 KiB are read unless the block is
 * longer: the check reads every localized article, and the record is all it
 * needs of one. Synchronous on purpose: for tens of thousands of small files
 * sync reads are several times faster than the thread pool behind `fs/promises`.
 */
export function readFrontMatterHead(path: string, display: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new InputError(`cannot read file (${code ?? String(error)})`, { file: display });
  }
  let length: number;
  try {
    length = readSync(fd, buffer, 0, HEAD, 0);
  } finally {
    closeSync(fd);
  }
  let bytes = buffer.subarray(0, length);
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (bytes.toString('latin1', start, start + 3) !== '---') return '';
  let end = bytes.indexOf('\n---', start + 3);
  if (end === -1 && length === HEAD) {
    bytes = readFileSync(path);
    end = bytes.indexOf('\n---', start + 3);
  }
  if (end === -1) return '';
  // Decoded with the house rules: invalid UTF-8 is an input error naming the line, a BOM is dropped.
  return decodeText(bytes.subarray(0, end + 4), display);
}
