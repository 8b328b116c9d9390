import type { Project } from '../config/index.js';
import { readXliff, type XliffDocument } from '../exchange/index.js';
import { fuzzyScore } from '../memory/index.js';
import { shortId } from '../localized/index.js';
import { GlossaryChecker, subjectsByArticle } from './glossary-findings.js';
import { fileLanguage } from './languages.js';
import { findAllEdits } from './markdown-edits.js';
import { rebuildArticles } from '../pipeline/index.js';
import { indexSegments, type SegmentIndex } from './segment-index.js';
import { decideUnits, judgeUnits, type Accepted, type Decided } from './import-units.js';
import type { ImportFile, ImportOptions, ImportReport } from './import-types.js';
import { writeStrings, type StringUpdate } from './write-strings.js';
import { storeEdits, untouchable } from './sync-markdown.js';

export type { ImportFile, ImportOptions, ImportedFile, ImportReport } from './import-types.js';

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

  const accepted = judgeUnits(docs, index, project, report);

  // Hand edits in the articles about to be rebuilt go into the memory first, so no rebuild loses one.
  const affectedKeys = new Set(
    [...accepted.values()].filter((a) => a.current && index.segments.has(a.segmentId)).flatMap((a) => index.segments.get(a.segmentId)!.occurrences.map((o) => `${a.language}\n${o.path}`)),
  );
  const affected = index.work
    .map((item) => ({ ...item, targets: item.targets.filter((t) => affectedKeys.has(`${t.language}\n${item.path}`)) }))
    .filter((item) => item.targets.length > 0);
  const scan = findAllEdits(project, affected, new Set(languages));
  const edits = await storeEdits(project, store, scan.edits, options.glossary, subjectsByArticle(project, index.work));
  report.edits = edits.stored.length;
  report.problems.push(...scan.problems, ...edits.refused);
  report.findings.push(...edits.findings);
  const checker = new GlossaryChecker(project.config.sourceLanguage, options.glossary);
  const writes: Decided['writes'] = [];
  const stringUpdates = new Map<string, StringUpdate[]>();
  for (const language of languages) {
    const decided = await decideUnits(language, [...accepted.values()].filter((a) => a.language === language), { project, store, index, checker }, report);
    writes.push(...decided.writes);
    stringUpdates.set(language, decided.stringUpdates);
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
