import { readdir } from 'node:fs/promises';
import { sep } from 'node:path';
import type { Project } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { InputError } from '../core/errors.js';
import { sha256 } from '../core/hash.js';
import { decodeText, readBytesIfExistsSync } from '../core/read-text.js';
import { articlesDir, displayPath, listSourceArticles, sourcePath } from '../project/index.js';
import { readFrontMatterHead } from './read-front-matter-head.js';
import { hasUntranslated, readRecord, recordedSegments, recordSegmentsText, segmentCount, type ArticleRecord } from './read-record.js';

/** One language's article findings and completeness. */
export interface ArticlesReport {
  findings: Diagnostic[];
  /** Source segment occurrences the localized articles have a current translation for. */
  done: number;
  /** Source segment occurrences over all source articles. */
  total: number;
  /** Localized articles checked (display paths), present or not, sorted. */
  files: string[];
}

/** A source segment occurrence: from a record (id only) or from parsing the source (with line and text). */
interface Occurrence {
  id: string;
  line?: number;
  text?: string;
}

interface Target {
  language: string;
  file: string;
  exists: boolean;
  record?: ArticleRecord;
  /** Kept only when the record is not in tolk's own layout and needs the full YAML reader. */
  frontMatter?: string;
}

interface SourceArticle {
  display: string;
  bytes: Buffer;
  hash: string;
  targets: Target[];
  /** The source's segments, once parsed. */
  parsed?: Occurrence[];
}

const SEGMENT_ID_DIGITS = 12; // as in the pipeline's records (`shortId`)

/**
 * Article findings from each localized article's `tolk:` record compared with
 * the current source. A record naming the current source's hash describes the
 * source exactly, so a source is parsed only when some record was built from
 * an older version of it (to tell stale segments) or when no record describes
 * it (to count its segments). Markdown and YAML are loaded only then.
 */
export async function checkArticles(project: Project, languages: readonly string[]): Promise<Map<string, ArticlesReport>> {
  const reports = new Map<string, ArticlesReport>(languages.map((l) => [l, { findings: [], done: 0, total: 0, files: [] }]));
  const places = languages.map((language) => ({ language, dir: articlesDir(project, language), shown: displayPath(project, articlesDir(project, language)) }));
  const paths = await listSourceArticles(project);
  // Most articles are settled on the spot and dropped; only those needing a parser wait, so memory stays flat.
  const waiting: SourceArticle[] = [];
  for (const path of paths) {
    const source = readArticle(project, path, places);
    if (!source) continue;
    if (source.targets.some((t) => t.frontMatter !== undefined) || needsParse(source)) waiting.push(source);
    else settle(source, reports);
  }
  if (waiting.some((s) => s.targets.some((t) => t.frontMatter !== undefined))) {
    const { readProvenance } = await import('../localized/index.js');
    for (const target of waiting.flatMap((s) => s.targets)) {
      const full = target.frontMatter === undefined ? undefined : readProvenance(target.frontMatter);
      if (full) target.record = { sourceHash: full.sourceHash, segments: recordSegmentsText(full.segments) };
    }
  }
  const toParse = waiting.filter(needsParse);
  if (toParse.length) {
    const { segmentArticle } = await import('../markdown/index.js');
    for (const source of toParse) {
      source.parsed = segmentArticle(decodeText(source.bytes, source.display), {
        sourceLanguage: project.config.sourceLanguage,
        frontMatterFields: project.config.frontMatter.translate,
        file: source.display,
      }).segments.map((s) => ({ id: s.id.slice(0, SEGMENT_ID_DIGITS), line: s.line, text: s.source }));
    }
  }
  for (const source of waiting) settle(source, reports);

  const known = new Set(paths);
  for (const { language, dir, shown } of places) {
    const report = reports.get(language)!;
    for (const path of await listArticles(dir)) {
      if (known.has(path)) continue;
      const file = `${shown}/${path}`;
      report.files.push(file);
      report.findings.push({ severity: 'warning', rule: 'article-extra', message: `no source article ${displayPath(project, sourcePath(project, path))}`, file, language });
    }
  }
  for (const report of reports.values()) {
    report.files.sort();
    report.findings.sort((a, b) => (a.file! < b.file! ? -1 : a.file! > b.file! ? 1 : 0));
  }
  return reports;
}

/** Whether telling this article's findings needs the source's segments. */
function needsParse(source: SourceArticle): boolean {
  const fresh = source.targets.some((t) => t.record?.sourceHash === source.hash);
  return source.targets.some((t) => (t.record ? t.record.sourceHash !== source.hash : !fresh));
}

/**
 * A source article and the records of its localized copies; undefined when it
 * vanished since it was listed. Reads are synchronous on purpose: for tens of
 * thousands of small files they are several times faster than `fs/promises`.
 */
function readArticle(project: Project, path: string, places: ReadonlyArray<{ language: string; dir: string; shown: string }>): SourceArticle | undefined {
  const file = sourcePath(project, path);
  const display = displayPath(project, file);
  const bytes = readBytesIfExistsSync(file, display);
  if (bytes === undefined) return undefined;
  // `path` comes from listing the source directory, so it cannot climb out of a language directory.
  const native = sep === '/' ? path : path.split('/').join(sep);
  const targets = places.map(({ language, dir, shown }): Target => {
    const localized = `${shown}/${path}`;
    const frontMatter = readFrontMatterHead(`${dir}${sep}${native}`, localized);
    if (frontMatter === undefined) return { language, file: localized, exists: false };
    const record = readRecord(frontMatter);
    if (record) return { language, file: localized, exists: true, record };
    return { language, file: localized, exists: true, ...(/\ntolk:/.test(frontMatter) ? { frontMatter } : {}) };
  });
  return { display, bytes, hash: sha256(bytes), targets };
}

/** Findings and counts for every localized copy of one source article. */
function settle(source: SourceArticle, reports: Map<string, ArticlesReport>): void {
  // A record built from this very source lists its segments, one per occurrence, in order.
  const freshRecord = source.targets.find((t) => t.record?.sourceHash === source.hash)?.record;
  const sourceSegments = () => freshRecord ? segmentCount(freshRecord) : source.parsed!.length;
  for (const target of source.targets) {
    const report = reports.get(target.language)!;
    report.files.push(target.file);
    const finding = (severity: Diagnostic['severity'], rule: string, message: string, key?: string) =>
      report.findings.push({ severity, rule, message, file: target.file, language: target.language, ...(key ? { key } : {}) });

    if (!target.exists) {
      const total = sourceSegments();
      report.total += total;
      finding('error', 'article-missing', `not translated yet: ${source.display} (${total} segments) has no ${target.language} article`);
      continue;
    }
    if (!target.record) {
      // Written by hand: tolk cannot tell what it covers, so it is trusted and counted whole.
      const total = sourceSegments();
      report.total += total;
      report.done += total;
      finding('warning', 'article-untracked', `has no tolk record, so it cannot be compared with ${source.display}; counted as complete`);
      continue;
    }
    const fresh = target.record.sourceHash === source.hash;
    if (fresh && !hasUntranslated(target.record)) {
      const count = segmentCount(target.record);
      report.total += count;
      report.done += count;
      continue;
    }
    const recorded = recordedSegments(target.record);
    const translated = new Set(recorded.filter((s) => s.textHash).map((s) => s.id));
    const occurrences: Occurrence[] = fresh ? recorded : source.parsed!;
    report.total += occurrences.length;
    const untranslated = new Set<string>();
    for (const o of occurrences) {
      if (translated.has(o.id)) {
        report.done++;
        continue;
      }
      if (untranslated.has(o.id)) continue;
      untranslated.add(o.id);
      const what = o.text === undefined ? '(the source text was kept)' : `"${excerpt(o.text)}" (${source.display}:${o.line})`;
      finding('error', 'article-incomplete', `segment ${o.id} is not translated: ${what}`, o.id);
    }
    if (fresh) continue;
    const ids = new Set(occurrences.map((o) => o.id));
    let stale = 0;
    for (const id of translated) {
      if (ids.has(id)) continue;
      stale++;
      finding('error', 'article-stale', `segment ${id} was translated from text ${source.display} no longer has`, id);
    }
    if (stale === 0 && untranslated.size === 0) {
      finding('warning', 'article-rebuild', `built from an older ${source.display}: every segment is translated, but untranslated parts (links, code, other front matter) changed; tolk translate rebuilds it`);
    }
  }
}

/** Localized articles under one language directory, relative to it with `/`, sorted. */
async function listArticles(dir: string): Promise<string[]> {
  try {
    // Dirents, so Node need not stat every file to tell files from directories.
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && e.name.endsWith('.md'))
      .map((e) => {
        const sub = e.parentPath.length > dir.length ? e.parentPath.slice(dir.length + 1).split(sep).join('/') + '/' : '';
        return sub + e.name;
      })
      .sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new InputError(`cannot read articles directory (${(error as Error).message})`, { file: dir });
  }
}

/** A segment's text as a person reads it in a message: tags and escapes dropped, one line, 60 characters at most. */
function excerpt(tagged: string): string {
  const flat = tagged
    .replace(/<\/?\d+\/?>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}...` : flat;
}
