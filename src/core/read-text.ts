import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { InputError } from './errors.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a UTF-8 text file the way every tolk reader needs it: a BOM is dropped,
 * invalid UTF-8 and NUL bytes are input errors naming the file and line,
 * because silently replacing bytes would lose text.
 */
export async function readText(path: string, displayName = path): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(error)})`, {
      file: displayName,
    });
  }
  return decodeText(bytes, displayName);
}

/**
 * A file's bytes without the thread-pool round trip, for loops over thousands
 * of small files (a check of 20,000 localized articles waits seconds on the
 * async read). Undefined when the file does not exist.
 */
export function readBytesIfExistsSync(path: string, displayName = path): Buffer | undefined {
  try {
    return readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new InputError(`cannot read file (${code ?? String(error)})`, { file: displayName });
  }
}

/** `readText` the same way. */
export function readTextIfExistsSync(path: string, displayName = path): string | undefined {
  const bytes = readBytesIfExistsSync(path, displayName);
  return bytes === undefined ? undefined : decodeText(bytes, displayName);
}

export function decodeText(bytes: Uint8Array, displayName: string): string {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    throw new InputError('invalid UTF-8', { file: displayName, ...lineAt(bytes, bad) });
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const nul = text.indexOf('\0');
  if (nul !== -1) throw new InputError('NUL byte in text file', { file: displayName, ...positionAt(text, nul) });
  return text;
}

/** 1-based line and column of a string offset. */
export function positionAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function lineAt(bytes: Uint8Array, offset: number): { line: number } {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 10) line++;
  return { line };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  // Decode growing prefixes at line boundaries is slow; a byte scan is enough to point at the line.
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len === 0) return i;
    for (let k = 1; k < len; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += len;
  }
  return bytes.length;
}
