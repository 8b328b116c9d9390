import type { Project } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { writeXliff, type Xliff12Codes, type XliffFileOut, type XliffFormat, type XliffUnitOut } from '../exchange/index.js';
import { matchers, type Glossary } from '../glossary/index.js';
import { checkTags, tagShape } from '../markdown/index.js';
import type { MemoryStore } from '../memory/index.js';
import { shortId } from '../pipeline/index.js';
import { findAllEdits } from './markdown-edits.js';
import { translationsFor } from './rebuild.js';
import type { SegmentIndex } from './segment-index.js';
import { fuzzyNotes, glossaryNotes, locationNotes, reasonNote, type ExportReason } from './unit-notes.js';

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
 * or went stale (`all`: every segment), with its current translation and
 * state, the best memory matches, the glossary's required terms and where it
 * occurs. Units are grouped in a `<file>` per article (where they first
 * occur) and carry the segment id, so an import finds them again.
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
  const current = await translationsFor(store, sourceLanguage, language, index.work);
  const stale = staleSegments(index, language);
  const sourceTerms = options.glossary ? matchers(options.glossary)(sourceLanguage) : undefined;

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
  for (const [id, { segment, codes, occurrences }] of index.segments) {
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
    const matches = await store.fuzzy(segment.source, {
      sourceLanguage,
      targetLanguage: language,
      limit: (options.fuzzyMatches ?? 3) + 1,
      threshold: project.config.memory.fuzzyThreshold,
    });
    const similar = matches.filter((m) => m.segmentId !== id).slice(0, options.fuzzyMatches ?? 3);
    const reason: ExportReason = usable
      ? usable.status
      : stale.has(id)
        ? 'stale'
        : similar.length
          ? 'fuzzy'
          : 'untranslated';
    report.byReason[reason] = (report.byReason[reason] ?? 0) + 1;
    const unit: XliffUnitOut = {
      id,
      source: segment.source,
      ...(usable ? { target: { text: usable.target, status: usable.status } } : {}),
      locations: occurrences.map((o) => ({ file: o.article, line: o.line })),
      notes: [
        ...locationNotes(occurrences),
        reasonNote(reason),
        ...fuzzyNotes(similar),
        ...(sourceTerms ? glossaryNotes(segment.source, sourceTerms, language) : []),
      ],
      codes,
    };
    const original = occurrences[0]!.article;
    const file = files.get(original) ?? { original, units: [] };
    file.units.push(unit);
    files.set(original, file);
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
