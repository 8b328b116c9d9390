import { TextDecoder } from 'node:util';

/**
 * Decodes a file's bytes chunk by chunk the way XML says to find the
 * encoding: a byte-order mark first (UTF-8, UTF-16LE/BE), else the encoding
 * named in the `<?xml … ?>` declaration, else UTF-8. The BOM is dropped.
 * Decoding is fatal: replacing bad bytes would silently lose text.
 */
export class ChunkDecoder {
  #decoder: TextDecoder | undefined;

  /** The encoding in use once the first chunk is seen. */
  get encoding(): string | undefined {
    return this.#decoder?.encoding;
  }

  /** Throws `UnsupportedEncoding` for a declared encoding TextDecoder does not know, `TypeError` on bad bytes. */
  decode(bytes: Uint8Array): string {
    this.#decoder ??= new TextDecoder(sniffEncoding(bytes), { fatal: true });
    return this.#decoder.decode(bytes, { stream: true });
  }

  /** Flushes a sequence cut off at the end of the file (an error, since the decoder is fatal). */
  end(): string {
    return this.#decoder?.decode() ?? '';
  }
}

export class UnsupportedEncoding extends Error {
  constructor(readonly label: string) {
    super(`unsupported encoding "${label}"`);
  }
}

const DECLARED = /^<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']/;

function sniffEncoding(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  // The declaration is ASCII in every ASCII-compatible encoding, so reading it as latin1 is safe.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 256)).toString('latin1');
  const label = DECLARED.exec(head)?.[1];
  if (!label) return 'utf-8';
  // Bytes that spell `<?xml` in ASCII are not UTF-16, whatever the declaration claims; and
  // TextDecoder reads "ASCII" as windows-1252, where UTF-8 is the likelier truth behind the label.
  if (/^(utf-?16|(us-)?ascii)/i.test(label)) return 'utf-8';
  try {
    return new TextDecoder(label).encoding;
  } catch {
    throw new UnsupportedEncoding(label);
  }
}
