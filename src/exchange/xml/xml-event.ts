/**
 * What the safe XML reader reports: elements and text. Comments, processing
 * instructions and the prolog are consumed, so format readers see only data.
 */
export interface XmlOpen {
  type: 'open';
  /** Qualified name as written, e.g. `tuv` or `x:seg`. */
  name: string;
  local: string;
  /** Namespace URI; `''` when the element has none (TMX). */
  uri: string;
  /** Values by qualified name (`xml:lang`, `lang`); a null-prototype object. */
  attributes: Record<string, string>;
  /** Where the start tag begins (1-based); off only when a comment or PI directly precedes it. */
  line: number;
  column: number;
}

export interface XmlClose {
  type: 'close';
  name: string;
  local: string;
  uri: string;
}

/** Character data with entities and CDATA sections resolved; one run may arrive in several events. */
export interface XmlText {
  type: 'text';
  text: string;
}

export type XmlEvent = XmlOpen | XmlClose | XmlText;
