import type { Project } from '../config/index.js';
import { UsageError } from '../core/errors.js';
import type { Prefill, Xliff12Codes, XliffFormat } from '../exchange/index.js';
import { loadGlossaries } from '../glossary/index.js';
import { openMemory, type MemoryStore } from '../memory/index.js';
import {
  exportOmegatProject,
  exportXliff,
  importXliff,
  indexSegments,
  matchLanguage,
  syncMarkdown,
  syncStatus,
  type ExportReport,
  type GlossaryContext,
  type ImportFile,
  type ImportReport,
  type LanguageStatus,
  type OmegatExportReport,
  type SyncMarkdownReport,
} from '../sync/index.js';

export interface SyncExportOptions {
  /** The one target language of the file. */
  to: string;
  /** Absolute path of the XLIFF file to write. */
  output: string;
  /** @default "xliff2" */
  format?: XliffFormat;
  /** XLIFF 1.2 inline codes. @default "g" */
  codes?: Xliff12Codes;
  /** Every segment, translated ones included. */
  all?: boolean;
  /** What `<target>` holds where no person has translated: the source, the best suggestion, or nothing. @default "source" */
  prefill?: Prefill;
}

/** One XLIFF file with what translators should work on (everything with `all`). */
export async function syncExport(project: Project, options: SyncExportOptions): Promise<ExportReport> {
  const language = syncLanguages(project, [options.to])[0]!;
  const glossary = await projectGlossary(project);
  return withMemory(project, async (store) =>
    exportXliff({
      project,
      store,
      index: await indexSegments(project, [language]),
      language,
      format: options.format ?? 'xliff2',
      output: options.output,
      ...(options.codes ? { codes: options.codes } : {}),
      ...(options.all ? { all: true } : {}),
      ...(options.prefill ? { prefill: options.prefill } : {}),
      ...(glossary ? { glossary: glossary.glossary } : {}),
    }),
  );
}

/** A ready OmegaT project for one language in `dir`: XLIFF 1.2 in source/, the memory in tm/, MT in tm/penalty-30/, the glossary. */
export async function syncExportOmegat(project: Project, options: { to: string; dir: string; display?: string; all?: boolean }): Promise<OmegatExportReport> {
  const language = syncLanguages(project, [options.to])[0]!;
  const glossary = await projectGlossary(project);
  return withMemory(project, async (store) =>
    exportOmegatProject({
      project,
      store,
      index: await indexSegments(project, [language]),
      language,
      dir: options.dir,
      display: options.display ?? options.dir,
      ...(options.all ? { all: true } : {}),
      ...(glossary ? { glossary: glossary.glossary, glossaryFiles: project.config.glossaries } : {}),
    }),
  );
}

/** Translators' XLIFF into the memory, the localized articles and the locale files; then where each language stands. */
export async function syncImport(project: Project, files: readonly ImportFile[], options: { to?: string } = {}): Promise<ImportReport & { status: LanguageStatus[] }> {
  const glossary = await projectGlossary(project);
  return withMemory(project, async (store) => {
    const report = await importXliff({ project, store, files: [...files], ...(options.to ? { language: options.to } : {}), ...(glossary ? { glossary } : {}) });
    const languages = [...new Set(report.files.map((f) => f.targetLanguage))];
    return { ...report, status: await syncStatus(project, store, await indexSegments(project, languages), languages) };
  });
}

/** Hand edits in localized articles and locale files into the memory as human translations; then where each language stands. */
export async function syncEdits(project: Project, options: { to?: readonly string[] } = {}): Promise<SyncMarkdownReport & { status: LanguageStatus[] }> {
  const languages = syncLanguages(project, options.to);
  const glossary = await projectGlossary(project);
  return withMemory(project, async (store) => {
    const index = await indexSegments(project, languages);
    const report = await syncMarkdown({ project, store, index, languages, ...(glossary ? { glossary } : {}) });
    return { ...report, status: await syncStatus(project, store, index, languages) };
  });
}

/** Languages checked against the target languages; default all of them (articles only in the article languages among them). */
export function syncLanguages(project: Project, asked: readonly string[] | undefined): string[] {
  const { targetLanguages } = project.config;
  if (asked === undefined) return targetLanguages;
  if (asked.length === 0) throw new UsageError('--to names no language');
  return asked.map((language) => {
    const found = matchLanguage(language, targetLanguages);
    if (!found) throw new UsageError(`--to ${language} is not a target language of this project (targetLanguages: ${targetLanguages.join(', ')})`);
    return found;
  });
}

export async function projectGlossary(project: Project): Promise<GlossaryContext | undefined> {
  if (project.config.glossaries.length === 0) return undefined;
  return { glossary: await loadGlossaries(project.root, project.config.glossaries), enforcement: project.config.glossary.enforcement, subjects: project.config.glossary.subjects };
}

async function withMemory<T>(project: Project, work: (store: MemoryStore) => Promise<T>): Promise<T> {
  const store = openMemory(project);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
