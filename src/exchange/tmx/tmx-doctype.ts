import type { Doctype } from '../xml/doctype.js';

/**
 * OmegaT and Translate Toolkit write `<!DOCTYPE tmx SYSTEM "tmx11.dtd">` or
 * `"tmx14.dtd"`: a bare file name that no reader fetches. That one shape is
 * let through (and ignored); anything with an internal subset, a path or a
 * URL is refused like every other DOCTYPE.
 */
export function isTmxDoctype(doctype: Doctype): boolean {
  return doctype.root === 'tmx' && (doctype.systemId === undefined || /^tmx\d+[a-z]?\.dtd$/i.test(doctype.systemId));
}
