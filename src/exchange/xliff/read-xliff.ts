import { DEFAULT_LIMITS, limitsWith } from '../../core/limits.js';
import { readXmlEvents } from '../xml/safe-sax.js';
import type { ReadXliffOptions, XliffDocument } from './types.js';
import { XliffStructure } from './xliff-structure.js';

/**
 * A translator's file round trip is one language's open segments, not a
 * whole memory: far below this. The cap stops a 100 MB file before a byte
 * of it is parsed.
 */
export const XLIFF_MAX_BYTES = DEFAULT_LIMITS.xliffBytes;

/**
 * Reads an XLIFF 2.x or 1.x file (1.1 as Translate Toolkit's po2xliff writes
 * it) through the hardened XML reader: a DOCTYPE is refused (no entity can be
 * declared or fetched), only the predefined entities resolve, and the file
 * size is capped. The whole file is read before anything is returned, so a
 * file that is malformed anywhere yields nothing: an import that uses it
 * changes nothing. Errors are InputErrors naming the file and line.
 */
export async function readXliff(path: string, options: ReadXliffOptions = {}): Promise<XliffDocument> {
  const file = options.displayName ?? path;
  const limits = limitsWith(options.limits);
  const structure = new XliffStructure(file, limits.inlineElements);
  const events = readXmlEvents(path, { displayName: file, maxBytes: options.maxBytes ?? limits.xliffBytes, bytesLimit: 'xliffBytes', maxDepth: limits.xmlDepth });
  for await (const batch of events) {
    for (const event of batch) structure.feed(event);
  }
  return structure.finish();
}
