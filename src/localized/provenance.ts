import { parse as parseYaml } from 'yaml';
import { sha256 } from '../core/hash.js';
import { findFrontMatter, setArticleFrontMatter, type Segment } from '../markdown/index.js';
import { plainText } from '../tagged/index.js';

/**
 * What a localized article records about itself in its front matter
 * (`tolk:`), so a fresh clone without the memory can tell what is missing,
 * stale or hand-edited, and can seed the memory instead of paying an engine again.
 */
export interface Provenance {
  /** Source article, `<sourceLanguage>/<path>`. */
  source: string;
  /** sha256 of the source file this article was built from. */
  sourceHash: string;
  /** Share of segments translated, 0–100. */
  complete: number;
  /** When it was written (ISO date). */
  translated: string;
  /** One entry per segment occurrence, in document order (see `SegmentRecord`). */
  segments: SegmentRecord[];
}

/**
 * `id` is the first 12 hex digits of the source segment id; `textHash` the
 * first 8 of the hash of the translation's text as written, or undefined when
 * the source text was kept (untranslated). A text hash that no longer matches
 * means someone edited the article by hand.
 */
export interface SegmentRecord {
  id: string;
  textHash?: string;
}

const ID_DIGITS = 12;

/** Text fingerprint that survives Markdown escaping and re-wrapping. */
export function textHash(tagged: string): string {
  return sha256(plainText(tagged).replace(/\s+/g, ' ').trim()).slice(0, 8);
}

export const shortId = (id: string): string => id.slice(0, ID_DIGITS);

export function recordSegments(segments: readonly Segment[], translated: Set<Segment>, lookup: (id: string) => string | undefined): SegmentRecord[] {
  return segments.map((s) => {
    const text = translated.has(s) ? lookup(s.id) : undefined;
    return text === undefined ? { id: shortId(s.id) } : { id: shortId(s.id), textHash: textHash(text) };
  });
}

/** The front-matter value: segments as one compact string, `id:hash` or `id:-`, space-separated; the digest sealed last. */
export function provenanceValue(p: Provenance): Record<string, unknown> {
  return {
    source: p.source,
    sourceHash: p.sourceHash,
    complete: p.complete,
    translated: p.translated,
    segments: p.segments.map((s) => `${s.id}:${s.textHash ?? '-'}`).join(' '),
    digest: DIGEST_PENDING,
  };
}

/** A localized article as tolk writes it: the reassembled text with its language and record, sealed. */
export function localizedArticle(text: string, language: string, provenance: Provenance): string {
  return sealDigest(setArticleFrontMatter(text, { language, tolk: provenanceValue(provenance) }));
}

const DIGEST_PENDING = 'pending';
const DIGEST_LINE = /^ {2}digest: "([0-9a-f]{64})"(\r?)$/m;

/**
 * The record's `digest` is the hash of the whole file as written (with the
 * digest itself left out), so a reader can tell in one hash whether anyone
 * changed the file since, without parsing its Markdown: `tolk check` skips
 * the structure check of an untouched article on a fresh clone.
 */
function sealDigest(text: string): string {
  const pending = /^ {2}digest: pending(\r?)$/m;
  return text.replace(pending, (_, cr: string) => `  digest: "${sha256(text)}"${cr}`);
}

/** True when the file is exactly as tolk wrote it (its digest matches); false when edited or written before digests. */
export function untouchedSinceWritten(text: string): boolean {
  const match = DIGEST_LINE.exec(text.slice(0, text.indexOf('\n---', 3) + 1));
  if (!match) return false;
  return sha256(text.replace(DIGEST_LINE, `  digest: ${DIGEST_PENDING}$2`)) === match[1];
}

/**
 * Reads the record from a localized article's text without parsing the
 * Markdown: only the leading `---` block is looked at. Undefined when absent
 * or unreadable (a hand-made article), never an error.
 */
export function readProvenance(text: string): Provenance | undefined {
  const block = findFrontMatter(text);
  if (!block) return undefined;
  let data: unknown;
  try {
    data = parseYaml(block.yaml);
  } catch {
    return undefined;
  }
  const tolk = (data as { tolk?: Record<string, unknown> } | null)?.tolk;
  if (!tolk || typeof tolk.source !== 'string' || typeof tolk.sourceHash !== 'string') return undefined;
  const segments = typeof tolk.segments === 'string' ? tolk.segments.split(/\s+/).filter(Boolean) : [];
  return {
    source: tolk.source,
    sourceHash: tolk.sourceHash,
    complete: typeof tolk.complete === 'number' ? tolk.complete : 0,
    translated: String(tolk.translated ?? ''),
    segments: segments.map((entry) => {
      const [id = '', hash = '-'] = entry.split(':');
      return hash === '-' ? { id } : { id, textHash: hash };
    }),
  };
}

/**
 * The two fields the up-to-date check needs, read from the block exactly as
 * tolk writes it without a YAML parser (the no-change run reads every
 * localized article); anything else falls back to `readProvenance`.
 */
export function readFreshness(text: string): { sourceHash: string; complete: number } | undefined {
  const block = /\ntolk:\r?\n((?: {2}.*\r?\n)+)/.exec(text.slice(0, text.indexOf('\n---', 3) + 1));
  const hash = block && /^ {2}sourceHash: ([0-9a-f]{64})\r?$/m.exec(block[1]!);
  const complete = block && /^ {2}complete: (\d{1,3})\r?$/m.exec(block[1]!);
  if (hash && complete) return { sourceHash: hash[1]!, complete: Number(complete[1]) };
  const full = readProvenance(text);
  return full && { sourceHash: full.sourceHash, complete: full.complete };
}

export function completeness(segments: readonly SegmentRecord[]): number {
  if (segments.length === 0) return 100;
  return Math.floor((100 * segments.filter((s) => s.textHash).length) / segments.length);
}
