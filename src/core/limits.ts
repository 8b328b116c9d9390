import { LimitError } from './errors.js';

/**
 * Structural limits on input, all in one place. Each is a depth, a count or
 * a size — never a time budget — so whether an article passes never depends
 * on the machine. The defaults are far past anything a newsroom writes; a
 * file over one is refused with its name, line and the key that raises the
 * limit (`limits.<name>` in tolk.config.json), before the expensive work
 * (remark, JSON.parse, the XML parser) has gone deep.
 *
 * Why these exist: remark/micromark, JSON.parse's consumers, the YAML
 * library and saxes are all correct, but deep nesting overflows recursive
 * code (a stack trace instead of a message) and some shapes are super-linear
 * (saxes is quadratic in element depth, micromark in nested list levels and
 * in block quotes followed by lazy lines).
 */
export interface Limits {
  /**
   * Nesting of block quotes, lists, emphasis and links in an article (any
   * mix; a pre-scan before remark parses, then the exact tree depth).
   * @default 64
   */
  markdownDepth: number;
  /** Blocks in one article: paragraphs, headings, list items, quotes, table cells (and, once parsed, segments). @default 5000 */
  markdownBlocks: number;
  /** Block quotes in one article, nested ones each counted (micromark's cost grows with their square). @default 500 */
  markdownQuotes: number;
  /** Size of one Markdown article (source or localized). @default 1 MiB */
  articleBytes: number;
  /** Nesting of objects and arrays in a JSON file (locale files, the config). @default 64 */
  jsonDepth: number;
  /** Size of one locale JSON file. @default 16 MiB */
  jsonBytes: number;
  /** YAML aliases expanded in one article's front matter (the `yaml` package's own `maxAliasCount` guard). @default 100 */
  yamlAliases: number;
  /** Nesting of XML elements in TMX, XLIFF and TBX files, inline codes included (saxes slows with the square of it). @default 64 */
  xmlDepth: number;
  /** Inline elements (codes, markers) in one TMX `<seg>`, XLIFF `<source>`/`<target>` or TBX term. @default 2000 */
  inlineElements: number;
  /** Size of one XLIFF file (a translator's round trip, never a whole memory). @default 64 MiB */
  xliffBytes: number;
  /** Size of one TMX file (whole memories are streamed: a million units is ~700 MiB). @default 4 GiB */
  tmxBytes: number;
  /** Size of one glossary file, TBX or CSV (held in memory whole). @default 64 MiB */
  glossaryBytes: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  markdownDepth: 64,
  markdownBlocks: 5000,
  markdownQuotes: 500,
  articleBytes: 1 * MiB,
  jsonDepth: 64,
  jsonBytes: 16 * MiB,
  yamlAliases: 100,
  xmlDepth: 64,
  inlineElements: 2000,
  xliffBytes: 64 * MiB,
  tmxBytes: 4 * 1024 * MiB,
  glossaryBytes: 64 * MiB,
});

/** The loaded project's `limits` (see `useProjectLimits`). */
let projectLimits: Partial<Limits> = {};

/**
 * Makes a project's `limits` the ones every reader of this process applies
 * unless its caller passes others: `loadProject` calls it, so readers deep in
 * a stage need no limits threaded through. Worker threads get the project
 * with their arguments and pass its limits explicitly.
 */
export function useProjectLimits(limits: Partial<Limits> | undefined): void {
  projectLimits = { ...limits };
}

/** The defaults, then the project's, then the caller's. */
export function limitsWith(overrides?: Partial<Limits>): Limits {
  return { ...DEFAULT_LIMITS, ...projectLimits, ...overrides };
}

/** A size in words: `1 MiB`, `10.00 MiB`, `900 KiB`, `12 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= MiB) {
    const mib = bytes / MiB;
    return Number.isInteger(mib) ? `${mib} MiB` : `${(Math.floor(mib * 100) / 100).toFixed(2)} MiB`;
  }
  if (bytes >= 1024) {
    const kib = bytes / 1024;
    return Number.isInteger(kib) ? `${kib} KiB` : `${(Math.floor(kib * 10) / 10).toFixed(1)} KiB`;
  }
  return `${bytes} bytes`;
}

/** Refuses a file over `max` bytes before it is decoded or parsed. */
export function checkBytes(size: number, max: number, limit: keyof Limits, file: string): void {
  if (size > max) throw new LimitError(`file is ${formatBytes(size)}, over the ${formatBytes(max)} limit`, limit, { file });
}
