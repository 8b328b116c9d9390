import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { TextDecoder } from 'node:util';
import { InputError, LimitError } from '../../core/errors.js';
import { formatBytes, type Limits } from '../../core/limits.js';
import { ChunkDecoder, UnsupportedEncoding } from './chunk-decoder.js';
import type { Doctype } from './doctype.js';
import { SafeParser } from './safe-parser.js';
import type { XmlEvent } from './xml-event.js';

export interface SafeXmlOptions {
  /** Name used in errors. @default the path */
  displayName?: string;
  /** Largest file accepted, checked before reading. @default 512 MiB */
  maxBytes?: number;
  /**
   * Accepts a DOCTYPE without internal subset, such as OmegaT's and Translate
   * Toolkit's `<!DOCTYPE tmx SYSTEM "tmx14.dtd">`. The DTD is never read or
   * fetched either way; a DOCTYPE with `[ … ]` is always refused.
   * @default every DOCTYPE is refused
   */
  allowDoctype?: (doctype: Doctype) => boolean;
  /** Deepest element nesting accepted. @default limits.xmlDepth */
  maxDepth?: number;
  /** The config key that raises `maxBytes`, named when a file is over it. */
  bytesLimit?: keyof Limits;
}

export const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

/** Small enough to bound memory, large enough that a typical file is one chunk. */
const CHUNK_BYTES = 64 * 1024;

/**
 * Streams an XML file as element and text events, refusing anything that
 * could expand entities or reach outside the file (see SafeParser). Events
 * come in batches, one per chunk read: a generator step per event would cost
 * more than parsing does.
 *
 * Events are held back one chunk: a chunk's events are yielded only once the
 * next chunk (or the end of the file) has parsed. So a small file that is
 * malformed anywhere yields nothing, and in a large one the error arrives
 * before whatever sits in the last chunk. Readers that import must still
 * treat an error as failing the whole file.
 */
export async function* readXmlEvents(path: string, options: SafeXmlOptions = {}): AsyncGenerator<XmlEvent[], void, undefined> {
  const file = options.displayName ?? path;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const tooLarge = (size: number) =>
    options.bytesLimit
      ? new LimitError(`file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit`, options.bytesLimit, { file })
      : new InputError(`file is ${mebibytes(size)}, over the ${mebibytes(maxBytes)} limit (maxBytes)`, { file });
  await checkFile(path, file, maxBytes, tooLarge);
  const parser = new SafeParser({
    file,
    ...(options.allowDoctype && { allowDoctype: options.allowDoctype }),
    ...(options.maxDepth !== undefined && { maxDepth: options.maxDepth }),
  });
  const decoder = new ChunkDecoder();
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  let held: XmlEvent[] = [];
  let bytesRead = 0;
  try {
    for await (const bytes of stream as AsyncIterable<Buffer>) {
      bytesRead += bytes.length;
      // The file may have grown since it was measured.
      if (bytesRead > maxBytes) throw tooLarge(bytesRead);
      const events = parser.write(decode(() => decoder.decode(bytes), parser, decoder, bytes));
      if (held.length) yield held;
      held = events;
    }
    const events = [...held, ...parser.write(decode(() => decoder.end(), parser, decoder)), ...parser.close()];
    if (events.length) yield events;
  } catch (error) {
    throw readFailure(error, file);
  } finally {
    stream.destroy();
  }
}

async function checkFile(path: string, file: string, maxBytes: number, tooLarge: (size: number) => InputError): Promise<void> {
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new InputError('not a file', { file });
    size = info.size;
  } catch (error) {
    throw readFailure(error, file);
  }
  if (size > maxBytes) throw tooLarge(size);
}

/** Decoding errors as InputErrors at the line where they happen. */
function decode(run: () => string, parser: SafeParser, decoder: ChunkDecoder, bytes?: Uint8Array): string {
  try {
    return run();
  } catch (error) {
    if (error instanceof UnsupportedEncoding) {
      throw parser.errorHere(`${error.message} in the XML declaration; convert the file to UTF-8`);
    }
    if (!(error instanceof TypeError)) throw error;
    const encoding = (decoder.encoding ?? 'utf-8').toUpperCase();
    if (!bytes) throw parser.errorHere(`invalid ${encoding}: the file ends inside a character (truncated?)`);
    // Good enough for pointing at a line: count lines up to the first replacement character.
    const lenient = new TextDecoder(decoder.encoding).decode(bytes);
    const before = lenient.slice(0, Math.max(0, lenient.indexOf('\uFFFD')));
    const line = parser.line + (before.match(/\n/g)?.length ?? 0);
    throw new InputError(`invalid ${encoding} (the encoding comes from the BOM or XML declaration, else UTF-8)`, {
      file: parser.file,
      line,
    });
  }
}

function readFailure(error: unknown, file: string): unknown {
  if (error instanceof InputError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== 'string') return error;
  return new InputError(code === 'ENOENT' ? 'file not found' : `cannot read file (${code})`, { file });
}

/** Whole MiB when exact, else two decimals, so a file just over the limit never reads as equal to it. */
const mebibytes = (bytes: number) => {
  const mib = bytes / 1024 / 1024;
  if (Number.isInteger(mib)) return `${mib} MiB`;
  const shown = Math.floor(mib * 100) / 100;
  return `${shown === Math.trunc(mib) ? `${bytes.toLocaleString('en')} bytes` : `${shown.toFixed(2)} MiB`}`;
};
