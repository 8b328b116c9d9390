import type { Project } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { readXliff, type XliffDocument, type XliffFormat, type XliffUnitIn } from '../exchange/index.js';
import { fuzzyScore, statusRank, type MemoryStore, type MemoryWrite, type Status } from '../memory/index.js';
import { shortId } from '../localized/index.js';
import { GlossaryChecker, type GlossaryContext } from './glossary-findings.js';
import { qaForTranslation } from './qa-findings.js';
import { fileLanguage } from './languages.js';
import { findAllEdits } from './markdown-edits.js';
import { rebuildArticles } from '../pipeline/index.js';
import { judgeUnit, unitLabel } from './judge-unit.js';
import { indexSegments, type SegmentIndex } from './segment-index.js';
import { stringTranslations } from './string-index.js';
import { writeStrings, type StringUpdate } from './write-strings.js';
import { stringValue } from '../strings/index.js';
import { storeEdits, untouchable } from './sync-markdown.js';

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

/** One unit that passed validation, waiting to be written. */
interface Accepted {
  file: string;
  unit: XliffUnitIn;
  label: string;
  language: string;
  segmentId: string;
  source: string;
  target: string;
  status: Status;
  draft: boolean;
  /** The target is a suggestion the file offered, as offered. */
  offered: boolean;
  /** False when no current source article or UI string has the segment: its source changed since the export. */
  current: boolean;
  /** A UI string of the language (it may be an article segment too: the same text). */
  kind: 'article' | 'string';
}

/**
 * `tolk sync import`: translations from XLIFF files into the memory as human
 * translations with the files' states, then the affected localized articles
 * rebuilt. Every file is read and checked before anything is written: a
 * hostile or malformed file, a wrong namespace or language pair is an
 * InputError and nothing changes. Units are then judged one by one — the
 * segment found by id and source, inline codes complete and balanced, target
 * not empty, a state tolk knows — and a unit that fails is rejected with its
 * reason while the rest are imported. A unit whose source changed since the
 * export is stored as a fuzzy match (under its old source), never applied.
 * The translator's work is theirs: in a draft state (which tools like OmegaT
 * never change) a target is judged by its text — empty or the source:
 * untranslated; a suggestion the file offered or what tolk holds for the
 * segment: what it was; anything else: the translator's, stored as
 * `translated`. A finished state is taken as it says.
 * What the memory already holds is left as it is, so importing the same file
 * twice changes nothing the second time. UI strings take the same way and
 * end in the language's locale files instead of an article.
 */
export async function importXliff(options: ImportOptions): Promise<ImportReport> {
  const { project, store } = options;
  const report: ImportReport = {
    files: [],
    imported: 0,
    drafts: 0,
    unchanged: 0,
    untranslated: 0,
    fuzzy: [],
    draftsNotApplied: [],
    rejected: [],
    findings: [],
    edits: 0,
    problems: [],
    written: [],
    diagnostics: [],
  };
  const docs: Array<{ file: ImportFile; doc: XliffDocument; language: string }> = [];
  for (const file of options.files) {
    const doc = await readXliff(file.path, { displayName: file.display, ...(options.maxBytes ? { maxBytes: options.maxBytes } : {}) });
    const language = fileLanguage(doc, file.display, project, options.language);
    docs.push({ file, doc, language });
    report.files.push({ file: file.display, format: doc.format, version: doc.version, gettext: doc.gettext, targetLanguage: language, units: doc.units.length });
  }
  const languages = [...new Set(docs.map((d) => d.language))];
  const index = await indexSegments(project, languages);

  const known = new Map(languages.map((language) => [language, knownSources(index, language, project)]));
  const accepted = new Map<string, Accepted>();
  for (const { file, doc, language } of docs) {
    const strings = index.strings.get(language)!;
    for (const unit of doc.units) {
      const verdict = judgeUnit(unit, doc.format, project.config.sourceLanguage, known.get(language)!);
      const label = unitLabel(unit);
      const reject = (rule: string, message: string) =>
        report.rejected.push({ severity: 'error', rule, message: `unit ${label}: ${message}`, file: file.display, line: unit.line, language, unit: unit.id ?? null });
      if ('reject' in verdict) {
        reject(verdict.reject[0], verdict.reject[1]);
        continue;
      }
      if ('untranslated' in verdict) {
        report.untranslated++;
        continue;
      }
      if (!verdict.current && index.segments.has(verdict.segmentId)) {
        reject('xliff-language', `an article segment, but articles are not translated into ${language} (articleLanguages: ${project.config.articleLanguages.join(', ')})`);
        continue;
      }
      const string = strings.get(verdict.segmentId);
      const value = string && verdict.current ? stringValue(string, verdict.target) : undefined;
      if (value && 'problem' in value) {
        reject('xliff-count', `${value.problem}: keep the number ${string!.sample} as a number in the translation`);
        continue;
      }
      const key = `${language}\n${verdict.segmentId}`;
      const earlier = accepted.get(key);
      if (earlier) {
        if (earlier.target !== verdict.target || earlier.status !== verdict.status) {
          reject('xliff-duplicate', `the same segment as unit ${earlier.label} (${earlier.file}:${earlier.unit.line}), with another translation; only the first was kept`);
        }
        continue;
      }
      accepted.set(key, { ...verdict, file: file.display, unit, label, language, kind: string ? 'string' : 'article' });
    }
  }

  // Hand edits in the articles about to be rebuilt go into the memory first, so no rebuild loses one.
  const affectedKeys = new Set(
    [...accepted.values()].filter((a) => a.current && index.segments.has(a.segmentId)).flatMap((a) => index.segments.get(a.segmentId)!.occurrences.map((o) => `${a.language}\n${o.path}`)),
  );
  const affected = index.work
    .map((item) => ({ ...item, targets: item.targets.filter((t) => affectedKeys.has(`${t.language}\n${item.path}`)) }))
    .filter((item) => item.targets.length > 0);
  const scan = findAllEdits(project, affected, new Set(languages));
  const edits = await storeEdits(project, store, scan.edits, options.glossary);
  report.edits = edits.stored.length;
  report.problems.push(...scan.problems, ...edits.refused);
  report.findings.push(...edits.findings);
  const checker = new GlossaryChecker(project.config.sourceLanguage, options.glossary);
  const writes: Array<{ unit: Accepted; write: MemoryWrite }> = [];
  const stringUpdates = new Map<string, StringUpdate[]>(languages.map((l) => [l, []]));
  for (const language of languages) {
    const units = [...accepted.values()].filter((a) => a.language === language);
    const inMemory = await store.lookup(units.map((u) => u.segmentId), language);
    const strings = index.strings.get(language)!;
    // For UI strings the locale file decides what is there now: a value typed into the JSON is a person's work.
    const inFiles = await stringTranslations(store, language, new Map(units.filter((u) => u.kind === 'string').map((u) => [u.segmentId, strings.get(u.segmentId)!])));
    for (const unit of units) {
      const existing = inMemory.get(unit.segmentId);
      const now = unit.kind === 'string' ? inFiles.get(unit.segmentId) : existing;
      if (unit.draft) {
        // The translator's work is theirs: CAT tools such as OmegaT never touch the state, so a draft state
        // says nothing once the text changed. A target that is neither the source (judged already), a
        // suggestion the file offered, nor what tolk holds for the segment is the translator's: translated.
        const asNow = existing?.target === unit.target || now?.target === unit.target;
        if (!unit.offered && !asNow) {
          unit.status = 'translated';
          unit.draft = false;
        } else if (asNow && now?.target === unit.target && existing?.target !== unit.target) {
          // What the locale file holds already (typed by a person): sent back as it was.
          report.unchanged++;
          continue;
        } else if (!asNow && !(now && now.status !== 'machine')) {
          // A suggestion left as it was offered, not the segment's own: it stays what it was.
          report.untranslated++;
          continue;
        }
      }
      const update = unit.kind === 'string' && unit.current
        ? { entry: strings.get(unit.segmentId)!, target: unit.target, from: `${unit.file} (unit ${unit.label})`, ...(existing ? { previous: existing.target } : {}) }
        : undefined;
      if (existing && existing.target === unit.target && statusRank(unit.status) <= statusRank(existing.status)) {
        report.unchanged++;
        // The memory has it; a locale file that lacks it still gets it.
        if (update && !(unit.draft && now && now.status !== 'machine')) stringUpdates.get(language)!.push(update);
        continue;
      }
      // An untouched machine suggestion comes back as a draft too: it never replaces a person's work.
      if (unit.draft && now && now.status !== 'machine') {
        report.draftsNotApplied.push({
          severity: 'warning',
          rule: 'draft-not-applied',
          message: `unit ${unit.label}: a draft (state "${unit.unit.state ?? 'initial'}"); ${'inFile' in now && now.inFile ? 'the locale file has' : 'the memory has'} a ${now.status} translation, which a draft never replaces`,
          file: unit.file,
          line: unit.unit.line,
          language,
          unit: unit.unit.id ?? null,
        });
        continue;
      }
      const violations = checker.violations(unit.source, unit.target, language);
      report.findings.push(...checker.findings(violations, { file: unit.file, line: unit.unit.line, language, segment: unit.segmentId }));
      const qa = qaForTranslation(project, unit.source, unit.target, { file: unit.file, line: unit.unit.line, language, segment: unit.segmentId });
      report.findings.push(...qa.findings);
      const occurrence = index.segments.get(unit.segmentId)?.occurrences[0];
      const stringKey = strings.get(unit.segmentId)?.keys[0];
      if (update) stringUpdates.get(language)!.push(update);
      writes.push({
        unit,
        write: {
          segmentId: unit.segmentId,
          sourceLanguage: project.config.sourceLanguage,
          targetLanguage: language,
          source: unit.source,
          target: unit.target,
          origin: 'human',
          status: unit.status,
          ...(occurrence ? { article: occurrence.article } : stringKey ? { article: `${stringKey.sourceFile}#${stringKey.key}` } : {}),
          violations: [...GlossaryChecker.stored(violations), ...qa.stored],
        },
      });
    }
  }
  const result = await store.write(writes.map((w) => w.write));
  const refused = new Map(result.skipped.map((s) => [`${s.targetLanguage}\n${s.segmentId}`, s.reason]));
  for (const { unit } of writes) {
    const reason = refused.get(`${unit.language}\n${unit.segmentId}`);
    if (reason !== undefined) {
      report.rejected.push({
        severity: 'error',
        rule: 'xliff-refused',
        message: `unit ${unit.label}: not imported: ${reason}`,
        file: unit.file,
        line: unit.unit.line,
        language: unit.language,
        unit: unit.unit.id ?? null,
      });
    } else if (unit.current) {
      report.imported++;
      if (unit.draft) report.drafts++;
    } else {
      report.fuzzy.push({
        severity: 'warning',
        rule: 'source-changed',
        message: `unit ${unit.label}: its source changed since the export; stored as a fuzzy match for review, not applied${closest(unit, index, project)}`,
        file: unit.file,
        line: unit.unit.line,
        language: unit.language,
        unit: unit.unit.id ?? null,
      });
    }
  }

  // Articles with hand edits that were not stored stay as they are; an edit the file replaced is only reported.
  const skip = untouchable(project, affected, report.problems);
  const applied = new Map(writes.filter(({ unit }) => unit.current && !refused.has(`${unit.language}\n${unit.segmentId}`)).map(({ unit }) => [`${unit.language}\n${unit.segmentId}`, unit]));
  for (const edit of edits.stored) {
    const unit = applied.get(`${edit.language}\n${edit.segmentId}`);
    if (unit && unit.target !== edit.target) {
      report.problems.push({
        severity: 'warning',
        rule: 'edit-superseded',
        message: `edited by hand here and translated in ${unit.file} (unit ${unit.label}); the file's translation was imported after the edit`,
        file: edit.file,
        line: edit.line,
        language: edit.language,
        segment: edit.segmentId,
      });
    }
  }
  const rebuilt = await rebuildArticles({ project, store, work: affected, skip, ...(options.glossary ? { glossary: options.glossary } : {}) });
  report.written = rebuilt.written;
  report.diagnostics = rebuilt.diagnostics;
  for (const [language, updates] of stringUpdates) {
    const refusedHere = (u: StringUpdate) => refused.has(`${language}\n${u.entry.id}`);
    const written = await writeStrings(project, language, updates.filter((u) => !refusedHere(u)));
    report.written.push(...written.written);
    report.diagnostics.push(...written.diagnostics);
  }
  return report;
}

/** The tagged source of every current segment a unit for `language` may name: the articles' (in an article language) and the UI strings'. */
function knownSources(index: SegmentIndex, language: string, project: Project): Map<string, string> {
  const known = new Map<string, string>();
  if (project.config.articleLanguages.includes(language)) for (const [id, { segment }] of index.segments) known.set(id, segment.source);
  for (const [id, string] of index.strings.get(language) ?? []) known.set(id, string.value.tagged);
  return known;
}

/** The current segment of the unit's article most like its old source, for the report. */
function closest(unit: Accepted, index: SegmentIndex, project: Project): string {
  let best: { score: number; id: string; at: string } | undefined;
  for (const [id, entry] of index.segments) {
    const at = entry.occurrences.find((o) => o.article === unit.unit.original);
    if (!at) continue;
    const score = fuzzyScore(unit.source, entry.segment.source, project.config.memory.fuzzyThreshold);
    if (score >= project.config.memory.fuzzyThreshold && (!best || score > best.score)) best = { score, id, at: `${at.article}:${at.line}` };
  }
  return best ? `; it is a ${best.score}% match for segment ${shortId(best.id)} at ${best.at}` : '';
}
