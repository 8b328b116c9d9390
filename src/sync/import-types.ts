import type { Project } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { XliffFormat } from '../exchange/index.js';
import type { MemoryStore } from '../memory/index.js';
import type { GlossaryContext } from './glossary-findings.js';

export interface ImportFile {
  path: string;
  /** Name used in messages. */
  display: string;
}

export interface ImportOptions {
  project: Project;
  store: MemoryStore;
  files: readonly ImportFile[];
  /** Target language for files that name none (Translate Toolkit's po2xliff); when given, a file naming another is refused. */
  language?: string;
  glossary?: GlossaryContext;
  /** Largest file accepted. @default XLIFF_MAX_BYTES */
  maxBytes?: number;
}

export interface ImportedFile {
  file: string;
  format: XliffFormat;
  version: string;
  /** Made by po2xliff from a PO file. */
  gettext: boolean;
  targetLanguage: string;
  units: number;
}

export interface ImportReport {
  files: ImportedFile[];
  /** Units whose translation went into the memory (new or changed). */
  imported: number;
  /** Of those, drafts (a target in a not-finished state), stored below any human translation. */
  drafts: number;
  /** Units whose translation the memory already held: re-importing a file changes nothing. */
  unchanged: number;
  /** Units without a translation (no target, an empty draft, a copy of the source). */
  untranslated: number;
  /** Units whose source changed since the export: stored as fuzzy matches for review, not applied. */
  fuzzy: Diagnostic[];
  /** Drafts not stored because the memory has a human translation, which a draft never replaces. */
  draftsNotApplied: Diagnostic[];
  /** Units not imported, one finding each with file, line and unit id. */
  rejected: Diagnostic[];
  /** Glossary findings on the imported translations. */
  findings: Diagnostic[];
  /** Hand edits found in the affected localized articles and stored before the import (so a rebuild never loses them). */
  edits: number;
  /** Hand edits that could not be read back or stored; those articles were not rebuilt. */
  problems: Diagnostic[];
  /** Localized articles rebuilt and locale files written (display paths). */
  written: string[];
  diagnostics: Diagnostic[];
}

