import type { SegmentRecord } from '../localized/index.js';

/**
 * The parts of a localized article's `tolk:` record the check needs. The
 * segments stay the compact string tolk writes (`id:hash id:- …`) until
 * something needs them one by one: an up-to-date, complete article is only
 * counted, and 20,000 of them should not cost 400,000 objects.
 */
export interface ArticleRecord {
  sourceHash: string;
  /** `id:textHash` entries separated by single spaces, `-` for untranslated. */
  segments: string;
}

const BLOCK = /\ntolk:\r?\n((?: {2}.*\r?\n)+)/;
const HASH = /^ {2}sourceHash: ([0-9a-f]{64})\r?$/m;
const SEGMENTS = /^ {2}segments: ?([0-9a-f:\- ]*?)\r?$/m;

/**
 * Reads the record from front matter as tolk writes it, without a YAML parser.
 * Undefined when there is none in that layout; a caller that sees `tolk:`
 * anyway should ask the full reader (`readProvenance`).
 */
export function readRecord(frontMatter: string): ArticleRecord | undefined {
  const block = BLOCK.exec(frontMatter);
  const hash = block && HASH.exec(block[1]!);
  const segments = block && SEGMENTS.exec(block[1]!);
  if (!hash || !segments) return undefined;
  return { sourceHash: hash[1]!, segments: segments[1]!.trim().replace(/ +/g, ' ') };
}

/** The record form of segments the full reader returned. */
export function recordSegmentsText(segments: readonly SegmentRecord[]): string {
  return segments.map((s) => `${s.id}:${s.textHash ?? '-'}`).join(' ');
}

/** Number of segment occurrences recorded. */
export function segmentCount(record: ArticleRecord): number {
  if (record.segments === '') return 0;
  let count = 1;
  for (let i = record.segments.indexOf(' '); i !== -1; i = record.segments.indexOf(' ', i + 1)) count++;
  return count;
}

/** Whether any recorded segment was left untranslated. */
export function hasUntranslated(record: ArticleRecord): boolean {
  return record.segments.includes(':-');
}

/** The recorded segments one by one. */
export function recordedSegments(record: ArticleRecord): SegmentRecord[] {
  if (record.segments === '') return [];
  return record.segments.split(' ').map((entry) => {
    const colon = entry.indexOf(':');
    const id = colon === -1 ? entry : entry.slice(0, colon);
    const textHash = colon === -1 ? '-' : entry.slice(colon + 1);
    return textHash === '-' ? { id } : { id, textHash };
  });
}
