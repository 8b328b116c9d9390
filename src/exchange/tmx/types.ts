import type { Limits } from '../../core/limits.js';
/** What `<header>` says about the file. */
export interface TmxHeader {
  /** `version` of `<tmx>`, e.g. `1.4`. */
  version?: string;
  /** `srclang` in BCP 47 casing; undefined when it is `*all*` or missing. */
  sourceLanguage?: string;
  creationTool?: string;
  creationToolVersion?: string;
  dataType?: string;
  segmentType?: string;
  /** Line of `<header>`. */
  line?: number;
}

/** One target variant of a unit. */
export interface TmxTarget {
  /** BCP 47 casing (`EN-us` in the file → `en-US`). */
  language: string;
  /** Tagged text; `''` when skipped. */
  text: string;
  /** Why this variant cannot be imported (empty, broken codes, duplicate language); absent when it can. */
  skip?: string;
}

/** One `<tu>`. */
export interface TmxUnit {
  /** Line of the `<tu>` start tag. */
  line: number;
  tuid?: string;
  sourceLanguage: string;
  /** Tagged source text; `''` when the unit is skipped for lack of a source. */
  source: string;
  /** Every other variant, importable or not, in file order. */
  targets: TmxTarget[];
  /**
   * Why the whole unit cannot be imported: no source variant, an empty or
   * broken source, no target variant. Absent otherwise, and then each target
   * says for itself.
   */
  skip?: string;
  /** `<prop type="…">` values of the unit (the first of each type). */
  properties: Record<string, string>;
}

export interface ReadTmxOptions {
  /** Name used in errors. @default the path */
  displayName?: string;
  /**
   * The source language for files whose `srclang` is `*all*` (or missing),
   * where any variant may be the source. @default each unit's first variant
   */
  preferredSource?: string;
  /** Largest file accepted. @default limits.tmxBytes */
  maxBytes?: number;
  /** Structural limits (core/limits.ts). @default the project's */
  limits?: Partial<Limits>;
}

export interface TmxDocument {
  header: TmxHeader;
  /**
   * The units, streamed. Iterate to the end or call `units.return()`: the file
   * stays open until then. An error fails the whole file: units already
   * yielded must not be kept (memory imports are one transaction).
   */
  units: AsyncGenerator<TmxUnit, void, undefined>;
}
