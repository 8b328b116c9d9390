import type { Project } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { writeXliff, type Prefill, type Xliff12Codes, type XliffFileOut, type XliffFormat, type XliffUnitOut } from '../exchange/index.js';
import { ScopedGlossary, type Glossary } from '../glossary/index.js';
import { checkTags, tagShape } from '../tagged/index.js';
import type { MemoryStore } from '../memory/index.js';
import { contextExactIds, shortId } from '../localized/index.js';
import { findAllEdits } from './markdown-edits.js';
import { subjectsByArticle } from './glossary-findings.js';
import { lookupTranslations } from '../pipeline/index.js';
import type { IndexedSegment, SegmentIndex } from './segment-index.js';
import { stringTranslations, type IndexedString } from './string-index.js';
import { markContextMatch, unitTarget, type UnitTargetOptions } from './suggestions.js';
import { contextNote, fuzzyNotes, glossaryNotes, keyNotes, locationNotes, qaNotes, reasonNote, type ExportReason } from './unit-notes.js';

export interface ExportOptions {
  project: Project;
  store: MemoryStore;
  /** Source articles and segments, with the localized copies in `language`. */
  index: SegmentIndex;
  language: string;
  format: XliffFormat;
  /** 1.2 inline codes. @default 'g' */
  codes?: Xliff12Codes;
  /** Every segment, translated ones included. @default false: only what needs a translator */
  all?: boolean;
  /** Where to write; nothing is written when no segment is selected. */
  output: string;
  glossary?: Glossary;
  /** TM matches per unit. @default 3 */
  fuzzyMatches?: number;
  /** What `<target>` holds where no person has translated (see Prefill). @default 'source' */
  prefill?: Prefill;
  /** A person's translation as the target or as a suggestion beside it. @default 'target' */
  translated?: UnitTargetOptions['translated'];
}

export interface ExportReport {
  file: string;
  format: XliffFormat;
  sourceLanguage: string;
  targetLanguage: string;
  /** Units written (0: no file was written). */
  units: number;
  byReason: Partial<Record<ExportReason, number>>;
  diagnostics: Diagnostic[];
}

/**
 * One language's XLIFF for translators: every unique segment of the source
 * articles that is untranslated, machine-translated, has only fuzzy matches
 * or went stale, and every UI string the language's locale files lack or
 * got from a machine (`all`: every segment and string), with its current
 * translation and state, the best memory matches, the glossary's required
 * terms and where it occurs. Units are grouped in a `<file>` per article or
 * source namespace file (where they first occur) and carry the segment id,
 * so an import finds them again. Articles only for an article language.
 */
export async function exportXliff(options: ExportOptions): Promise<ExportReport> {
  const { project, store, index, language } = options;
  const sourceLanguage = project.config.sourceLanguage;
  const report: ExportReport = {
    file: options.output,
    format: options.format,
    sourceLanguage,
    targetLanguage: language,
    units: 0,
    byReason: {},
    diagnostics: [],
  };
  const current = await lookupTranslations(store, sourceLanguage, language, new Map(index.work.flatMap((w) => w.article.segments.map((s) => [s.id, s.source] as const))));
  const stale = staleSegments(index, language);
  const inContext = contextMatches(index, language, (id) => current.get(id)?.target);
  const scoped = options.glossary ? new ScopedGlossary(options.glossary, project.config.glossary.subjects) : undefined;
  const subjectsOf = subjectsByArticle(project, index.work);

  const pending = findAllEdits(project, index.work, new Set([language])).edits.filter((e) => current.get(e.segmentId)?.target !== e.target);
  if (pending.length) {
    const files = new Set(pending.map((e) => e.file));
    report.diagnostics.push({
      severity: 'warning',
      rule: 'edits-pending',
      message: `${pending.length} segments edited by hand in ${files.size} localized articles are not in the memory yet, so this file does not carry them; run \`tolk sync\` first`,
      language,
    });
  }

  const files = new Map<string, XliffFileOut>();
  const add = (original: string, unit: XliffUnitOut, reason: ExportReason, datatype?: string) => {
    report.byReason[reason] = (report.byReason[reason] ?? 0) + 1;
    const file = files.get(original) ?? { original, units: [], ...(datatype ? { datatype } : {}) };
    file.units.push(unit);
    files.set(original, file);
  };
  const similarTo = async (id: string, source: string) => {
    const matches = await store.fuzzy(source, {
      sourceLanguage,
      targetLanguage: language,
      limit: (options.fuzzyMatches ?? 3) + 1,
      threshold: project.config.memory.fuzzyThreshold,
    });
    return matches.filter((m) => m.segmentId !== id).slice(0, options.fuzzyMatches ?? 3);
  };
  const targetOptions: UnitTargetOptions = { prefill: options.prefill ?? 'source', translated: options.translated ?? 'target' };
  // An article's unit lists the entries of its first article's subjects; a UI string's, every entry.
  const termNotes = (source: string, article?: string) => (scoped ? glossaryNotes(source, scoped.matchers(article === undefined ? undefined : subjectsOf(article))(sourceLanguage), language) : []);

  // The index knows the articles' segments for every language; only article languages get them.
  const articleSegments = project.config.articleLanguages.includes(language) ? index.segments : new Map<string, IndexedSegment>();
  for (const [id, { segment, codes, occurrences }] of articleSegments) {
    const translation = current.get(id);
    const broken = translation && checkTags(tagShape(segment.source), translation.target);
    if (broken) {
      report.diagnostics.push({
        severity: 'warning',
        rule: 'tag-damage',
        message: `the memory's translation of segment ${shortId(id)} has broken tags (${broken}); exported without it`,
        file: occurrences[0]!.article,
        line: occurrences[0]!.line,
        language,
      });
    }
    const usable = broken ? undefined : translation;
    // A human translation is only exported with --all: no need to look for matches.
    if (!options.all && usable && usable.status !== 'machine') continue;
    const similar = await similarTo(id, segment.source);
    const reason: ExportReason = usable ? usable.status : stale.has(id) ? 'stale' : similar.length ? 'fuzzy' : 'untranslated';
    const target = unitTarget(segment.source, usable, similar, targetOptions);
    const context = usable !== undefined && inContext.has(id);
    add(occurrences[0]!.article, {
      id,
      source: segment.source,
      ...(context ? markContextMatch(target, usable.target) : target),
      locations: occurrences.map((o) => ({ file: o.article, line: o.line })),
      notes: [...locationNotes(occurrences), reasonNote(reason), ...(context ? [contextNote()] : []), ...qaNotes(project, segment.source, usable?.target, language, id), ...fuzzyNotes(similar), ...termNotes(segment.source, occurrences[0]?.path)],
      codes,
    }, reason);
  }

  const strings = index.strings.get(language) ?? new Map<string, IndexedString>();
  const inFiles = await stringTranslations(store, language, strings);
  for (const [id, string] of strings) {
    const now = inFiles.get(id);
    const usable = now?.target !== undefined ? { target: now.target, status: now.status } : undefined;
    // What the locale file holds is done unless a machine wrote it.
    if (!options.all && now?.inFile && now.status !== 'machine') continue;
    const similar = await similarTo(id, string.value.tagged);
    const reason: ExportReason = now?.inFile ? now.status : similar.length ? 'fuzzy' : 'untranslated';
    add(string.keys[0]!.sourceFile, {
      id,
      source: string.value.tagged,
      ...unitTarget(string.value.tagged, usable, similar, targetOptions),
      locations: string.keys.map((k) => ({ file: k.sourceFile, line: k.line })),
      notes: [...keyNotes(string), reasonNote(reason), ...qaNotes(project, string.value.tagged, usable?.target, language, id), ...fuzzyNotes(similar), ...termNotes(string.value.tagged)],
      codes: string.codes,
    }, reason, 'x-i18next-json');
  }
  if (files.size === 0) return report;
  report.units = await writeXliff(options.output, [...files.values()], {
    format: options.format,
    sourceLanguage,
    targetLanguage: language,
    ...(options.codes ? { codes: options.codes } : {}),
  });
  return report;
}

/**
 * Context-exact ("101 %") segments: in every article they occur in, the
 * localized copy's `tolk:` record shows the memory's translation written for
 * them between the same neighbours (see `contextExactIds`).
 */
function contextMatches(index: SegmentIndex, language: string, translationOf: (id: string) => string | undefined): Set<string> {
  const exact = new Set<string>();
  const notExact = new Set<string>();
  for (const item of index.work) {
    const record = item.targets.find((t) => t.language === language)?.existing?.provenance?.segments;
    const found = contextExactIds(item.article.segments, record, translationOf);
    for (const segment of item.article.segments) (found.has(segment.id) ? exact : notExact).add(segment.id);
  }
  for (const id of notExact) exact.delete(id);
  return exact;
}

/**
 * Segments that replaced translated ones: they occur in an article whose
 * localized copy was built from an earlier version of the source and does
 * not list them, so a translation of an older wording exists.
 */
function staleSegments(index: SegmentIndex, language: string): Set<string> {
  const stale = new Set<string>();
  for (const item of index.work) {
    const provenance = item.targets.find((t) => t.language === language)?.existing?.provenance;
    if (!provenance || provenance.sourceHash === item.hash || !provenance.segments.some((s) => s.textHash)) continue;
    const recorded = new Set(provenance.segments.map((s) => s.id));
    for (const segment of item.article.segments) if (!recorded.has(shortId(segment.id))) stale.add(segment.id);
  }
  return stale;
}
