import { DEFAULT_LIMITS, limitsWith } from '../../core/limits.js';
import { readXmlEvents } from '../xml/safe-sax.js';
import type { XmlEvent } from '../xml/xml-event.js';
import { isTmxDoctype } from './tmx-doctype.js';
import { TmxStructure } from './tmx-structure.js';
import type { ReadTmxOptions, TmxDocument, TmxUnit } from './types.js';

/**
 * Opens a TMX file (1.1 to 1.4) and reads up to its header, so a caller can
 * check languages before importing; the units then stream. Inline codes become
 * tagged-string tags; unusable units and variants come with a skip reason.
 * Malformed or hostile XML throws an InputError naming file and line.
 */
/**
 * Whole memories are legitimately large (a million units is ~700 MiB of TMX)
 * and are streamed, so the cap only stops absurd files.
 */
export const TMX_MAX_BYTES = DEFAULT_LIMITS.tmxBytes;

export async function readTmx(path: string, options: ReadTmxOptions = {}): Promise<TmxDocument> {
  const file = options.displayName ?? path;
  const limits = limitsWith(options.limits);
  const events = readXmlEvents(path, {
    displayName: file,
    allowDoctype: isTmxDoctype,
    maxBytes: options.maxBytes ?? limits.tmxBytes,
    bytesLimit: 'tmxBytes',
    maxDepth: limits.xmlDepth,
  });
  const structure = new TmxStructure(file, options.preferredSource, limits.inlineElements);
  // Read up to the header; the rest of that batch is fed when units are read.
  let first: XmlEvent[] = [];
  try {
    while (!structure.pastHeader) {
      const next = await events.next();
      if (next.done) break;
      const batch = next.value;
      for (let index = 0; index < batch.length && !structure.pastHeader; index++) {
        structure.feed(batch[index]!);
        if (structure.pastHeader) first = batch.slice(index + 1);
      }
    }
  } catch (error) {
    await events.return();
    throw error;
  }
  return { header: structure.header, units: closing(units(first, events, structure), events) };
}

/** A generator that never started ignores `return()`; this one closes the file either way. */
function closing<T>(iterator: AsyncGenerator<T, void, undefined>, events: AsyncGenerator<XmlEvent[], void, undefined>) {
  const finish = iterator.return.bind(iterator);
  iterator.return = async (value) => {
    const result = await finish(value);
    await events.return();
    return result;
  };
  return iterator;
}

async function* units(
  first: XmlEvent[],
  events: AsyncGenerator<XmlEvent[], void, undefined>,
  structure: TmxStructure,
): AsyncGenerator<TmxUnit, void, undefined> {
  try {
    for (const event of first) {
      const unit = structure.feed(event);
      if (unit) yield unit;
    }
    for await (const batch of events) {
      for (const event of batch) {
        const unit = structure.feed(event);
        if (unit) yield unit;
      }
    }
  } finally {
    await events.return();
  }
}
