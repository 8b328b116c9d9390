import type { Limits } from '../../core/limits.js';
import type { Status } from '../../memory/index.js';

/** The two XLIFF versions tolk writes; the reader also takes 1.1 (Translate Toolkit's po2xliff) and 2.1/2.2. */
export type XliffFormat = 'xliff12' | 'xliff2';

/**
 * 1.2 inline codes: `g` writes `<g>`/`<x/>` (what CAT tools expect); `bpt`
 * writes `<bpt>`/`<ept>`/`<ph>` whose content is the tag itself (`<1>`), for
 * tools that flatten a segment to text, such as Translate Toolkit's xliff2po.
 */
export type Xliff12Codes = 'g' | 'bpt';

/** What a tag stands for in the Markdown, so translators see more than a number. */
export interface CodeHint {
  /** The mdast node type (`strong`, `link`, `inlineCode`, …). */
  nodeType: string;
  /** Raw markup: the whole node for a void tag, the opening markup for a paired one. */
  open: string;
  /** Closing markup of a paired tag. */
  close?: string;
}

/** A note for the translator: a category (`location`, `tm`, `glossary`, `tolk`) and one line of text. */
export interface XliffNote {
  category: string;
  text: string;
  /** 1 (most important) to 10. @default 1 */
  priority?: number;
}

/**
 * What goes into `<target>` of a unit no person has translated yet:
 * `source` a copy of the source (tools that translate the target, such as
 * OmegaT, need one; others show it as a draft to overwrite), `suggestion`
 * the machine translation or best memory match (PO users through xliff2po
 * get it as a fuzzy entry), `none` no target (tools that build their own,
 * such as Trados, memoQ and Phrase). Suggestions go out beside it either way.
 */
export type Prefill = 'source' | 'suggestion' | 'none';

/** How a target was filled: a memory status, a copy of the source, or a memory match that is not the segment's own. */
export type TargetStatus = Status | 'source-copy' | 'fuzzy';

/**
 * A translation offered beside the target, not as it: 1.2 `<alt-trans>`,
 * 2.0 `<mtc:match>` (Translation Candidates module).
 */
export interface XliffSuggestion {
  kind: 'mt' | 'tm';
  /** Tagged target text; its tags fit the unit's source (others are left out). */
  target: string;
  /** Tagged source of a memory match; a machine translation's source is the unit's own. */
  source?: string;
  /** The memory's origin: `engine:apertium`, `human`, `import:old.tmx`. */
  origin: string;
  /** 0-100: how close a memory match's source is to the unit's. */
  quality?: number;
}

/** One unit as tolk exports it: one source segment and the current translation, if any. */
export interface XliffUnitOut {
  /** The segment id (64 hex digits): how an import finds the segment again. */
  id: string;
  /** Tagged source text. */
  source: string;
  /**
   * Tagged target text; written only with its status. `context`: a context-exact ("101 %") match, the translation
   * written for this sentence between the same neighbours (1.2 `state-qualifier="id-match"`, 2.0 `subState="tolk:context-match"`).
   */
  target?: { text: string; status: TargetStatus; context?: boolean };
  /** Machine translation and memory matches, best first. */
  suggestions?: XliffSuggestion[];
  /** Where the segment occurs: article and line (1.2 writes them as a location context group too). */
  locations: Array<{ file: string; line: number }>;
  notes: XliffNote[];
  /** Tag number → what it stands for. */
  codes?: ReadonlyMap<number, CodeHint>;
}

/** A `<file>`: the units of one source article or locale file. */
export interface XliffFileOut {
  /** The source article or locale file as shown to people (`articles/nl/x.md`). */
  original: string;
  /** 1.2 `datatype`. @default 'x-markdown' */
  datatype?: string;
  units: XliffUnitOut[];
}

export interface WriteXliffOptions {
  format: XliffFormat;
  sourceLanguage: string;
  targetLanguage: string;
  /** @default 'g' */
  codes?: Xliff12Codes;
  /** @default tolk's version */
  toolVersion?: string;
}

/** A unit as read from a file, before anything about the project is decided. */
export interface XliffUnitIn {
  /** `id` of the `<unit>`/`<trans-unit>`; undefined when missing. */
  id?: string;
  /** `resname` (1.2) or `name` (2.0). */
  name?: string;
  /** Line of the unit's start tag. */
  line: number;
  /** `original` of the enclosing `<file>`. */
  original?: string;
  /** 1.x location contexts (`sourcefile`), where po2xliff keeps the PO reference. */
  locations: string[];
  /** Tagged source text, or why the source cannot be read. */
  source: Content;
  /** Undefined when the unit has no target at all. */
  target?: Content;
  /** Tagged targets of the suggestions the file offered (1.2 `<alt-trans>`, 2.0 `<mtc:match>`) whose codes fit the source. */
  suggestions?: string[];
  /** The state as written (2.0 `state`, 1.2 `<target state>`); undefined when absent. */
  state?: string;
  /** Tag number in `source`/`target` → the code's id as written in the file, so messages name what the translator sees. */
  codeIds?: ReadonlyMap<number, string>;
}

export type Content = { tagged: string } | { problem: string };

export interface XliffDocument {
  format: XliffFormat;
  /** `version` as written (`1.1`, `1.2`, `2.0`, …). */
  version: string;
  /** BCP 47 casing; undefined when the file names none. */
  sourceLanguage?: string;
  targetLanguage?: string;
  /** Line where the languages are declared (the root in 2.0, the first `<file>` in 1.2). */
  languageLine: number;
  /**
   * Made from a PO file by Translate Toolkit's po2xliff: tags travel as
   * literal text (`<1>`), source-language is always po2xliff's `en-US`, and
   * unit ids are numbers (the exported id is in the location context).
   */
  gettext: boolean;
  units: XliffUnitIn[];
}

export interface ReadXliffOptions {
  /** Name used in errors. @default the path */
  displayName?: string;
  /** Largest file accepted. @default limits.xliffBytes */
  maxBytes?: number;
  /** Structural limits (core/limits.ts). @default the project's */
  limits?: Partial<Limits>;
}
