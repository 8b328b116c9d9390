import { toXmlPlaceholders } from './xml-placeholders.js';

/**
 * Our tagged strings in Apertium's HTML format and back. Measured on the
 * Debian packages: in text mode Apertium translates markup as words, while
 * HTML mode passes `<g id>…</g>` and `<x id/>` through (writing `<x></x>`),
 * and `<p>` blocks keep segments apart where a single newline would not.
 */

/** One document for a batch: each segment in its own `<p>`, so sentence boundaries stay put. */
export function batchDocument(segments: readonly string[]): string {
  return segments.map((s) => `<p>${toXmlPlaceholders(s)}</p>`).join('\n');
}

/** Splits Apertium's output of `batchDocument` back into segments; undefined when the count is off. */
export function splitBatch(output: string, expected: number): string[] | undefined {
  const parts = [...output.matchAll(/<p>([\s\S]*?)<\/p>/g)].map((m) => m[1]!);
  return parts.length === expected ? parts : undefined;
}

/** A mark straight before a letter or digit, where Apertium writes them, even inside a word (not `&#8217;`). */
const MARK = /(?<!&)[*#@](?=[\p{L}\p{N}])/gu;
/** A mark with its word, to tell an author's `#1` or `@KNVB` from the engine's. */
const MARKED_WORD = /(?<!&)[*#@][\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;
/** An unknown word: `*` and what follows up to a space, apostrophes and inner marks included (`*trainingsschema’*s`). */
const UNKNOWN = /(?<![\p{L}\p{M}\p{N}*])\*([\p{L}\p{N}][\p{L}\p{M}\p{N}'’*-]*)/gu;

/** The mark and word starting at `at`. */
function markedWordAt(text: string, at: number): string {
  const sticky = new RegExp(MARKED_WORD.source, 'uy');
  sticky.lastIndex = at;
  return sticky.exec(text)?.[0] ?? '';
}

/**
 * Apertium marks unknown words `*word` (even with marking off for some
 * pairs), and `#`/`@` for generation and transfer gaps; a word split at an
 * apostrophe or hyphen gets a mark on each piece (`*trainingsschema’*s`).
 * Every mark before a letter or digit is stripped, wherever it stands,
 * unless the source has the same mark on the same word (a hashtag, a
 * handle, `5*3`). Unknown words are returned as a quality signal.
 */
export function stripMarks(html: string, source = ''): { text: string; unknown: string[] } {
  const own = new Set(source.match(MARKED_WORD) ?? []);
  const unknown = [...html.matchAll(UNKNOWN)]
    .filter((m) => !own.has(markedWordAt(html, m.index)))
    .map((m) => m[1]!.replace(MARK, ''));
  const text = html.replace(MARK, (mark: string, at: number) => (own.has(markedWordAt(html, at)) ? mark : ''));
  return { text, unknown };
}

/**
 * The source's leading and trailing whitespace around the trimmed
 * translation: Apertium leaves a space where it drops a word ("She ran" →
 * " Corrió"), which would end up in the reassembled Markdown.
 */
export function sameOuterSpace(source: string, translation: string): string {
  const lead = /^\s*/.exec(source)![0];
  const trail = /\s*$/.exec(source)![0];
  return lead + translation.trim() + (trail.length === source.length ? '' : trail);
}

/** BCP 47 primary language → the ISO 639-3 codes Apertium's pair names use. */
const ISO639_3: Record<string, string> = {
  af: 'afr', ca: 'cat', da: 'dan', de: 'deu', en: 'eng', eo: 'epo', es: 'spa', eu: 'eus', fr: 'fra', gl: 'glg',
  it: 'ita', kk: 'kaz', nb: 'nob', nl: 'nld', nn: 'nno', oc: 'oci', pt: 'por', ro: 'ron', ru: 'rus', sv: 'swe',
  tt: 'tat', uk: 'ukr',
};

export function apertiumPair(source: string, target: string): string {
  const code = (tag: string) => {
    const primary = tag.toLowerCase().split('-')[0]!;
    return ISO639_3[primary] ?? primary;
  };
  return `${code(source)}-${code(target)}`;
}
