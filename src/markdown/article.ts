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
  frontMatter?: { data: Record<string, unknown>; contentStart: number; contentEnd: number; blockStart: number; blockEnd: number };
}
