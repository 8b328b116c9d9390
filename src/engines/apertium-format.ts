import { fromXmlPlaceholders, toXmlPlaceholders } from './xml-placeholders.js';

/**
 * Our tagged strings in Apertium's HTML format and back. Measured on the
 * Debian packages: in text mode Apertium translates markup as words, while
 * HTML mode passes tags through (writing `<x></x>` for `<x/>`), and `<p>`
 * blocks keep segments apart where a single newline would not.
 */

/**
 * A paired tag around one word travels as `<span id>`, others as `<g id>`.
 * Apertium 3.8 reads an element it does not know (`<g>`) as a boundary: it
 * capitalises the word after it and loses agreement across it ("A <g>cyclist</g>
 * has died" → "Un Ciclista Ha muerto", "dat het <g>team</g>" → "dat dit
 * span"), which cost chrF on NTREX where glossary terms are tagged (README,
 * "Quality checks"). Around a `<span>` it translates as if the tag were not
 * there ("Un ciclista ha muerto", "dat die span") — but it copies a span onto
 * every word it covers, so only spans around one word of letters are sent,
 * and a word translated as several (`<1>de</1> <1>los</1>`) is joined again
 * on the way back.
 */
export function toApertiumHtml(tagged: string): string {
  return toXmlPlaceholders(tagged.replace(/<(\d+)>([\p{L}\p{M}\p{N}]+)<\/\1>/gu, '<span id="$1">$2</span>'));
}

/** Inverse of `toApertiumHtml`, on Apertium's output. */
export function fromApertiumHtml(html: string): string {
  const tagged = fromXmlPlaceholders(html.replace(/<span\s+id=(["'])(\d+)\1\s*>([\s\S]*?)<\/span\s*>/g, '<$2>$3</$2>'));
  return tagged.replace(/<\/(\d+)>([^<>\p{L}\p{N}]*)<\1>/gu, '$2');
}

/** One document for a batch: each segment in its own `<p>`, so sentence boundaries stay put. */
export function batchDocument(segments: readonly string[]): string {
  return segments.map((s) => `<p>${toApertiumHtml(s)}</p>`).join('\n');
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
