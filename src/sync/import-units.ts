import type { Project } from '../config/index.js';
import type { XliffDocument } from '../exchange/index.js';
import { statusRank, type MemoryStore, type MemoryWrite, type Status } from '../memory/index.js';
import { stringValue } from '../strings/index.js';
import type { XliffUnitIn } from '../exchange/index.js';
import { GlossaryChecker, subjectsByArticle } from './glossary-findings.js';
import type { ImportFile, ImportReport } from './import-types.js';
import { judgeUnit, unitLabel } from './judge-unit.js';
import { qaForTranslation } from './qa-findings.js';
import type { SegmentIndex } from './segment-index.js';
import { stringTranslations } from './string-index.js';
import type { StringUpdate } from './write-strings.js';

/** One unit that passed validation, waiting to be written. */
export interface Accepted {
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
 * The judging step of an import: each unit of each file alone (see
 * `judgeUnit`), then against the project — an article segment for a
 * strings-only language, a plural form that lost its number, the same
 * segment twice with another translation. Rejections and untranslated units
 * go into the report; the units that passed are returned, one per segment.
 */
export function judgeUnits(
  docs: ReadonlyArray<{ file: ImportFile; doc: XliffDocument; language: string }>,
  index: SegmentIndex,
  project: Project,
  report: Pick<ImportReport, 'rejected' | 'untranslated'>,
): Map<string, Accepted> {
  const languages = [...new Set(docs.map((d) => d.language))];
  const accepted = new Map<string, Accepted>();
  const known = new Map(languages.map((language) => [language, knownSources(index, language, project)]));
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
  return accepted;
}

/** The tagged source of every current segment a unit for `language` may name: the articles' (in an article language) and the UI strings'. */
function knownSources(index: SegmentIndex, language: string, project: Project): Map<string, string> {
  const known = new Map<string, string>();
  if (project.config.articleLanguages.includes(language)) for (const [id, { segment }] of index.segments) known.set(id, segment.source);
  for (const [id, string] of index.strings.get(language) ?? []) known.set(id, string.value.tagged);
  return known;
}

export interface Decided {
  writes: Array<{ unit: Accepted; write: MemoryWrite }>;
  stringUpdates: StringUpdate[];
}

/**
 * The deciding step for one language: what each accepted unit does to the
 * memory and the locale files (the translator's draft rules, what is
 * unchanged, drafts that never replace a person's work), with glossary and
 * QA findings. Returns the writes; counts and findings go into the report.
 */
export async function decideUnits(
  language: string,
  units: readonly Accepted[],
  at: { project: Project; store: MemoryStore; index: SegmentIndex; checker: GlossaryChecker },
  report: Pick<ImportReport, 'unchanged' | 'untranslated' | 'draftsNotApplied' | 'findings'>,
): Promise<Decided> {
  const { project, store, index, checker } = at;
  const subjectsOf = subjectsByArticle(project, index.work);
  const writes: Decided['writes'] = [];
  const stringUpdates: StringUpdate[] = [];
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
      if (update && !(unit.draft && now && now.status !== 'machine')) stringUpdates.push(update);
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
    // A unit of an article is checked against the entries of the article's subjects (its first occurrence's, as translated).
    const first = index.segments.get(unit.segmentId)?.occurrences[0];
    const violations = checker.violations(unit.source, unit.target, language, first ? subjectsOf(first.path) : undefined);
    report.findings.push(...checker.findings(violations, { file: unit.file, line: unit.unit.line, language, segment: unit.segmentId }));
    const qa = qaForTranslation(project, unit.source, unit.target, { file: unit.file, line: unit.unit.line, language, segment: unit.segmentId });
    report.findings.push(...qa.findings);
    const occurrence = index.segments.get(unit.segmentId)?.occurrences[0];
    const stringKey = strings.get(unit.segmentId)?.keys[0];
    if (update) stringUpdates.push(update);
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
  return { writes, stringUpdates };
}
