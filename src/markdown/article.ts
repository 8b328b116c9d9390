/** Shapes shared by the segmenter and the reassembler. */

/** What `tolk segments` prints and what the rest of the pipeline translates. */
export interface Segment {
  /** sha256 of source language + normalized tagged source. */
  id: string;
  /** heading, paragraph, listItem, tableCell, blockquote, footnote, imageAlt, imageTitle, linkTitle, frontmatter:<key>. */
  kind: string;
  /** Tagged source text (see tagged.ts). */
  source: string;
  /** 1-based line in the article. */
  line: number;
}

/** How a unit's translated text is written back. */
export type UnitStyle = 'flow' | 'heading' | 'tableCell' | 'alt' | 'title' | 'yaml';

/** Raw source ranges a placeholder tag stands for. */
export interface TagPlan {
  kind: 'paired' | 'void';
  nodeType: string;
  /** Void: the whole node. Paired: the opening markup. */
  open: [number, number];
  /** Paired: the closing markup. */
  close?: [number, number];
  /** Shortcut or collapsed reference (`[text]`, `[text][]`): see {@link Unit.label}. */
  label?: string;
  /**
   * GFM literal autolink (`www.x.com`): its URL. A literal is only found at a
   * word boundary, so where translated text touches it, it is written `[text](url)`.
   */
  url?: string;
}

/** A translatable stretch of the article and everything needed to write it back. */
export interface Unit {
  segment: Segment;
  /** False for units with no text of their own (a paragraph that is only an image): never sent, always kept. */
  translatable: boolean;
  style: UnitStyle;
  /** Source range the unit's rendering replaces. */
  start: number;
  end: number;
  /** Continuation-line prefix for flow text (`> `, list indentation). */
  prefix: string;
  tags: Map<number, TagPlan>;
  /** Units nested in this unit's markup (an image's alt inside a paragraph). */
  children: Unit[];
  /** Opening delimiter of a title: `"`, `'` or `(`. */
  quote?: string;
  /**
   * Alt of a shortcut or collapsed image reference: the raw label its text
   * stands for. A regenerated text no longer names the definition, so the
   * reference is written in full (`][label]`); the unit's range then ends
   * after the reference's closing markup.
   */
  label?: string;
}

export interface SegmentedArticle {
  file: string;
  sourceLanguage: string;
  text: string;
  /** `\r\n` when the source uses it, so written text keeps the article's line endings. */
  eol: string;
  /** Top-level units in document order (nested ones hang off `children`). */
  units: Unit[];
  /** Every unit's segment in document order, nested ones included. */
  segments: Segment[];
  /** The YAML or TOML block at the top; `data` stays empty for TOML, which tolk keeps as it is. */
  frontMatter?: { data: Record<string, unknown>; contentStart: number; contentEnd: number; blockStart: number; blockEnd: number };
  /** Shape of the source tree (see shape.ts), computed once: reassembly checks every output against it. */
  shape: string;
}
