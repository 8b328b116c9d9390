import { sha256 } from '../core/hash.js';

/**
 * Normalized form used for ids and exact TM matches: Unicode NFC and
 * whitespace collapsed, so re-wrapping a paragraph or a CRLF checkout keeps
 * the id. Tags are part of the text: the same words with different markup
 * are a different segment.
 */
export function normalizeSource(tagged: string): string {
  return tagged.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Segment id: sha256 (hex) of the source language and the normalized tagged text. */
export function segmentId(sourceLanguage: string, tagged: string): string {
  return sha256(`${sourceLanguage.toLowerCase()}\n${normalizeSource(tagged)}`);
}
