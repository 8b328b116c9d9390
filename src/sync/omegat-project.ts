import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, extname, join, relative } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.js';
import { InputError, UsageError } from '../core/errors.js';
import { normalizeLanguageTag, writeTmx } from '../exchange/index.js';
import { isAllowed, isForbidden, type Glossary } from '../glossary/index.js';
import type { MemoryEntry, MemoryStore } from '../memory/index.js';
import { exportXliff, type ExportOptions, type ExportReport } from './export.js';

/** What marks a directory as a tolk export, so a later export may write into it again. */
export const OMEGAT_MARKER = 'tolk-export.json';

/** OmegaT's penalty folder convention: matches from a TMX under `tm/penalty-NN/` score NN points lower. */
export const MACHINE_TM = 'tm/penalty-30';

/**
 * OmegaT 3.6 tokenizers by language (its Lucene tokenizers that are the
 * default for their language); any other language gets OmegaT's DefaultTokenizer.
 */
const TOKENIZERS: Readonly<Record<string, string>> = {
  da: 'LuceneDanishTokenizer',
  de: 'LuceneGermanTokenizer',
  en: 'LuceneEnglishTokenizer',
  es: 'LuceneSpanishTokenizer',
  fi: 'LuceneFinnishTokenizer',
  fr: 'LuceneFrenchTokenizer',
  hu: 'LuceneHungarianTokenizer',
  it: 'LuceneItalianTokenizer',
  ja: 'LuceneJapaneseTokenizer',
  nb: 'LuceneNorwegianTokenizer',
  nl: 'LuceneDutchTokenizer',
  pt: 'LucenePortugueseTokenizer',
  ro: 'LuceneRomanianTokenizer',
  ru: 'LuceneRussianTokenizer',
  sv: 'LuceneSwedishTokenizer',
  tr: 'LuceneTurkishTokenizer',
  zh: 'LuceneSmartChineseTokenizer',
};

const tokenizer = (language: string) => `org.omegat.tokenizer.${TOKENIZERS[language.toLowerCase().split('-')[0]!] ?? 'DefaultTokenizer'}`;

export interface OmegatExportOptions extends Omit<ExportOptions, 'output' | 'format' | 'prefill' | 'translated'> {
  /** The project directory to write. */
  dir: string;
  /** How the directory is named in messages. */
  display: string;
  /** The sports glossary (or whichever the project has), written as OmegaT's tab-separated glossary. */
  glossaryFiles?: readonly string[];
}

export interface OmegatExportReport extends ExportReport {
  dir: string;
  /** Files written, relative to the project directory. */
  written: string[];
  /** Translation units in tm/ (people's translations) and tm/penalty-30/ (machine translations). */
  memory: { human: number; machine: number };
  glossaryEntries: number;
}

/**
 * A ready OmegaT 3.6 project for one language: `omegat.project` (languages,
 * tokenizers, sentence segmentation off so OmegaT's segments are tolk's),
 * `source/` with the XLIFF 1.2 file (targets pre-filled with the source:
 * OmegaT's XLIFF filter translates `<target>` and finds nothing without one),
 * `tm/` with the memory's translations by people for the pair, the machine
 * translations in `tm/penalty-30/` (OmegaT shows them as matches 30 points
 * lower, never as the text), `glossary/` with the glossary as tab-separated
 * UTF-8, and empty `target/`, `omegat/` and `dictionary/`.
 *
 * The directory must not exist, be empty, or be an earlier tolk export
 * (it holds tolk-export.json) for the same language pair: anything else is
 * refused, nothing written. A new project is built beside it and renamed
 * into place; an earlier export has its tolk files replaced one by one
 * (atomically each), and the translator's `omegat/` and `target/` stay.
 */
export async function exportOmegatProject(options: OmegatExportOptions): Promise<OmegatExportReport> {
  const { project, store, language, dir } = options;
  const sourceLanguage = project.config.sourceLanguage;
  const earlier = checkTarget(dir, options.display, sourceLanguage, language);
  const build = earlier ? dir : join(dirname(dir), `.${basename(dir)}.tolk-${process.pid}-${Date.now()}`);
  try {
    const xliffName = `source/${sourceLanguage}-${language}.xlf`;
    const report = await exportXliff({
      ...options,
      format: 'xliff12',
      prefill: 'source',
      translated: 'suggestion',
      output: join(build, xliffName),
    });
    const written = report.units > 0 ? [xliffName] : [];
    const pair = (e: MemoryEntry) =>
      normalizeLanguageTag(e.sourceLanguage) === normalizeLanguageTag(sourceLanguage) && normalizeLanguageTag(e.targetLanguage) === normalizeLanguageTag(language);
    const humanName = `tm/${sourceLanguage}-${language}.tmx`;
    const machineName = `${MACHINE_TM}/${sourceLanguage}-${language}-machine.tmx`;
    const tmxOptions = { sourceLanguage, targetLanguage: language };
    const human = await writeTmx(join(build, humanName), only(store, language, (e) => pair(e) && e.status !== 'machine'), tmxOptions);
    const machine = await writeTmx(join(build, machineName), only(store, language, (e) => pair(e) && e.status === 'machine'), tmxOptions);
    written.push(humanName, machineName);
    let glossaryEntries = 0;
    if (options.glossary) {
      const name = `glossary/${basename(options.glossaryFiles?.[0] ?? 'glossary', extname(options.glossaryFiles?.[0] ?? ''))}.utf8`;
      const tsv = glossaryTsv(options.glossary, sourceLanguage, language);
      glossaryEntries = tsv.entries;
      await writeFileAtomic(join(build, name), tsv.text);
      written.push(name);
    }
    await writeFileAtomic(join(build, 'omegat.project'), projectFile(sourceLanguage, language));
    // OmegaT refuses a project whose folders are missing, even empty ones.
    for (const empty of ['source', 'target', 'tm', 'glossary', 'omegat', 'dictionary']) await mkdir(join(build, empty), { recursive: true });
    await writeFileAtomic(join(build, OMEGAT_MARKER), `${JSON.stringify({ tool: 'tolk', sourceLanguage, targetLanguage: language, source: xliffName }, null, 2)}\n`);
    written.unshift('omegat.project');
    written.push(OMEGAT_MARKER);
    if (!earlier) {
      // An empty directory (it may exist) is replaced by the finished project in one rename.
      // rmdir, not rm: it fails on a directory another run filled meanwhile.
      if (existsSync(dir)) await rmdir(dir).catch(() => undefined);
      await rename(build, dir).catch((error: NodeJS.ErrnoException) => {
        // Another run put a project there meanwhile: this one is dropped, that one stays whole.
        if (error.code === 'ENOTEMPTY' || error.code === 'EEXIST') throw new UsageError(`--omegat ${options.display}: another export wrote the directory meanwhile; nothing written by this one`);
        throw error;
      });
    }
    return { ...report, file: join(options.display, xliffName), dir: options.display, written, memory: { human, machine }, glossaryEntries };
  } catch (error) {
    if (!earlier) await rm(build, { recursive: true, force: true });
    throw error;
  }
}

/** True when `dir` is an earlier tolk export to write into; undefined/false when it is new or empty; an error otherwise. */
function checkTarget(dir: string, display: string, sourceLanguage: string, language: string): boolean {
  if (!existsSync(dir)) return false;
  if (!statSync(dir).isDirectory()) throw new UsageError(`--omegat ${display}: not a directory`);
  if (readdirSync(dir).length === 0) return false;
  const marker = join(dir, OMEGAT_MARKER);
  if (!existsSync(marker)) {
    throw new UsageError(`--omegat ${display}: the directory is not empty and is no earlier tolk export (it has no ${OMEGAT_MARKER}); choose a new or empty directory`);
  }
  let earlier: { sourceLanguage?: unknown; targetLanguage?: unknown };
  try {
    earlier = JSON.parse(readFileSync(marker, 'utf8'));
  } catch {
    throw new InputError(`${OMEGAT_MARKER} cannot be read as JSON`, { file: join(display, OMEGAT_MARKER), line: 1 });
  }
  if (earlier.sourceLanguage !== sourceLanguage || earlier.targetLanguage !== language) {
    throw new UsageError(
      `--omegat ${display}: an earlier tolk export for ${String(earlier.sourceLanguage)} → ${String(earlier.targetLanguage)}, not ${sourceLanguage} → ${language}; choose another directory`,
    );
  }
  return true;
}

async function* only(store: MemoryStore, language: string, keep: (e: MemoryEntry) => boolean): AsyncIterable<MemoryEntry> {
  for await (const entry of store.entries({ targetLanguage: language })) if (keep(entry)) yield entry;
}

/**
 * `omegat.project` as OmegaT 3.6 writes it (project version 1.0, folders at
 * their defaults). Sentence segmentation is off: a tolk segment is one
 * paragraph-level unit already, and OmegaT must hand back one target per unit.
 */
export function projectFile(sourceLanguage: string, targetLanguage: string): string {
  const source = normalizeLanguageTag(sourceLanguage);
  const target = normalizeLanguageTag(targetLanguage);
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <source_dir_excludes>
            <mask>**/.svn/**</mask>
            <mask>**/CSV/**</mask>
            <mask>**/.cvs/**</mask>
            <mask>**/desktop.ini</mask>
            <mask>**/Thumbs.db</mask>
            <mask>**/.DS_Store</mask>
        </source_dir_excludes>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>${source}</source_lang>
        <target_lang>${target}</target_lang>
        <source_tok>${tokenizer(source)}</source_tok>
        <target_tok>${tokenizer(target)}</target_tok>
        <sentence_seg>false</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
`;
}

/**
 * OmegaT's glossary format: one `source<TAB>target<TAB>comment` line per
 * term pair (tabs and line breaks inside terms become spaces), `#` lines
 * are comments. Each source term of a concept is paired with each allowed
 * target term; the comment names the forbidden ones and "keep as is" names.
 */
export function glossaryTsv(glossary: Glossary, sourceLanguage: string, language: string): { text: string; entries: number } {
  const clean = (s: string) => s.replace(/[\t\r\n]+/g, ' ').trim();
  const lines = [`# ${sourceLanguage} → ${language}, written by tolk; edit the project's glossary instead of this file`];
  for (const concept of glossary.concepts) {
    const sources = (concept.terms[normalizeLanguageTag(sourceLanguage)] ?? concept.terms[sourceLanguage] ?? []).filter(isAllowed);
    const targets = concept.terms[normalizeLanguageTag(language)] ?? concept.terms[language] ?? [];
    const allowed = targets.filter(isAllowed);
    const forbidden = targets.filter(isForbidden).map((t) => t.text);
    const comment = [concept.dnt ? 'a name: keep its form' : '', forbidden.length ? `not ${forbidden.join(', ')}` : '', concept.note ?? '']
      .filter(Boolean)
      .map(clean)
      .join('; ');
    for (const s of sources) for (const t of allowed) lines.push([clean(s.text), clean(t.text), comment].join('\t').replace(/\t$/, ''));
  }
  return { text: `${lines.join('\n')}\n`, entries: lines.length - 1 };
}

/**
 * The XLIFF files OmegaT wrote into a project's `target/` (Project → Create
 * Translated Documents), for `tolk sync import <dir>`. An error when the
 * directory is no OmegaT project or its target/ holds no XLIFF yet.
 */
export function omegatTargetFiles(dir: string, display: string): Array<{ path: string; display: string }> {
  if (!existsSync(join(dir, 'omegat.project'))) throw new InputError(`${display} is a directory but no OmegaT project (no omegat.project); pass XLIFF files or an OmegaT project`, { file: display });
  const targetDir = join(dir, 'target');
  const files: Array<{ path: string; display: string }> = [];
  const walk = (at: string) => {
    if (!existsSync(at)) return;
    for (const name of readdirSync(at).sort()) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(xlf|xliff)$/i.test(name)) files.push({ path, display: join(display, relative(dir, path)) });
    }
  };
  walk(targetDir);
  if (files.length === 0) {
    throw new InputError(`${join(display, 'target')} holds no XLIFF file: in OmegaT, run Project → Create Translated Documents (Ctrl+D) first`, { file: display });
  }
  return files;
}
