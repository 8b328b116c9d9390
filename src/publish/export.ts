import { posix, resolve, sep } from 'node:path';
import type { Project } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { UsageError } from '../core/errors.js';
import { checkMarkdownLimits } from '../markdown/index.js';
import { articlesDir } from '../project/index.js';
import { Chrome } from './chrome.js';
import { planExport, type Edition } from './editions.js';
import { articleJson, stringify, type IndexJson } from './json.js';
import { checkLanguageTag } from './language.js';
import { EXPORT_FORMATS, type ExportedArticle, type ExportFormat, type ExportOptions, type ExportResult, type HeldBackArticle } from './options.js';
import { OutDir } from './out-dir.js';
import { articlePage, indexPage, type Alternate, type IndexEntry, type PageLinks } from './page.js';
import { renderEdition } from './render.js';
import { loadUiStrings, type UiStrings } from './ui-strings.js';

export const DEFAULT_MIN_COMPLETE = 80;

/**
 * The publisher export: every source article in every requested language
 * whose translation passes the gate, as Markdown, HTML pages and JSON, under
 * one output directory. Articles below the gate are listed (and lose the
 * files an earlier export wrote for them). Everything is read and checked
 * before the first file is written.
 */
export async function exportArticles(options: ExportOptions): Promise<ExportResult> {
  const { project, signal } = options;
  const sourceLanguage = project.config.sourceLanguage;
  const formats = checkFormats(options.formats ?? EXPORT_FORMATS);
  const minComplete = checkMinComplete(options.minComplete ?? DEFAULT_MIN_COMPLETE);
  const requested = (options.languages ?? project.config.articleLanguages).map((l) => checkLanguageTag(l));
  const languages = [...new Set([sourceLanguage, ...requested])];
  const baseUrl = options.baseUrl === undefined ? undefined : checkBaseUrl(options.baseUrl);
  const outPath = resolve(options.out);
  refuseProjectDirectories(project, outPath);

  const plan = await planExport(project, languages, minComplete, signal);
  if (signal?.aborted) {
    return { out: outPath, formats, minComplete, languages, exported: [], heldBack: [], indexes: [], diagnostics: [], interrupted: true };
  }
  const diagnostics: Diagnostic[] = [];
  const ui = new Map<string, UiStrings>();
  for (const lang of new Set(plan.editions.map((e) => e.lang))) {
    const strings = await loadUiStrings(project, lang);
    ui.set(lang, strings);
    if (strings.files.length === 0 && formats.includes('html')) {
      diagnostics.push({
        severity: 'warning',
        rule: 'ui-strings-missing',
        message: `no UI strings for ${lang} (${project.config.locales}/${lang}/common.json): its pages use the ${sourceLanguage} ones, marked lang="${sourceLanguage}"`,
        language: lang,
      });
    }
  }

  // Every article's shape and size before the first file is written: a refused one leaves nothing half exported.
  for (const edition of plan.editions) checkMarkdownLimits(edition.text, { file: edition.file });
  const out = await OutDir.open(outPath);
  const siblings = groupBy(plan.editions, (e) => e.source.path);
  const fileOf = (e: Pick<Edition, 'lang' | 'slug'>, format: ExportFormat) => `${e.lang}/${e.slug}.${format}`;
  const href = (from: string, to: string) => {
    const encoded = to.split('/').map(encodeURIComponent).join('/');
    return baseUrl ? new URL(encoded, baseUrl).href : posix.relative(posix.dirname(from), encoded);
  };
  const linksFor = (from: string, members: ReadonlyArray<{ lang: string; file: string }>, index: string): PageLinks => {
    const source = members.find((m) => m.lang === sourceLanguage);
    return {
      alternates: members.map((m): Alternate => ({ lang: m.lang, href: href(from, m.file) })),
      xDefault: source && href(from, source.file),
      canonical: baseUrl && href(from, from),
      index: href(from, index),
    };
  };

  const exported: ExportedArticle[] = [];
  const indexes = new Map<string, Array<IndexEntry & { slug: string; complete: number; files: Record<string, string> }>>();
  let interrupted = false;
  for (const edition of plan.editions) {
    if (signal?.aborted) {
      interrupted = true;
      break;
    }
    const strings = ui.get(edition.lang)!;
    const page = await renderEdition(project, edition, strings);
    const members = siblings.get(edition.source.path)!;
    const files: Record<string, string> = {};
    for (const format of formats) {
      const file = fileOf(edition, format);
      if (format === 'md') await out.write(file, page.markdown);
      if (format === 'html') {
        const links = linksFor(file, members.map((m) => ({ lang: m.lang, file: fileOf(m, 'html') })), `${edition.lang}/index.html`);
        await out.write(file, articlePage(page, new Chrome(strings), links));
      }
      if (format === 'json') {
        const alternates = members.map((m) => ({ lang: m.lang, slug: m.slug, href: fileOf(m, 'json') }));
        const source = members.find((m) => m.lang === sourceLanguage);
        if (source) alternates.push({ lang: 'x-default', slug: source.slug, href: fileOf(source, 'json') });
        await out.write(file, stringify(articleJson(page, alternates)));
      }
      files[format] = file;
    }
    exported.push({ source: edition.source.id, lang: edition.lang, slug: edition.slug, complete: page.coverage.complete, files: Object.values(files) });
    diagnostics.push(...notes(edition, page.coverage.complete));
    const entries = indexes.get(edition.lang) ?? [];
    indexes.set(edition.lang, entries);
    entries.push({ title: page.title, description: page.description, date: page.date, href: `${edition.slug}.html`, slug: edition.slug, complete: page.coverage.complete, files });
  }

  const written: string[] = [];
  if (!interrupted && formats.includes('html')) {
    const published = languages.filter((l) => indexes.has(l)).map((lang) => ({ lang, file: `${lang}/index.html` }));
    for (const { lang, file } of published) {
      const entries = indexes.get(lang)!.map((e) => ({ ...e, href: href(file, `${lang}/${e.href}`) }));
      await out.write(file, indexPage(lang, entries, new Chrome(ui.get(lang)!), linksFor(file, published, file)));
      written.push(file);
    }
    // A language with nothing published any more keeps no index listing pages that are gone.
    for (const lang of languages) if (!indexes.has(lang)) await out.remove(`${lang}/index.html`);
  }
  const heldBack: HeldBackArticle[] = [];
  for (const item of plan.heldBack) {
    const removed: string[] = [];
    if (!interrupted) for (const format of formats) if (await out.remove(fileOf(item, format))) removed.push(fileOf(item, format));
    heldBack.push({ source: item.source.id, lang: item.lang, complete: item.complete, reason: item.reason, removed });
  }
  if (!interrupted && formats.includes('json')) {
    const index: IndexJson = {
      sourceLanguage,
      minComplete,
      languages: Object.fromEntries(
        [...indexes].map(([lang, entries]) => [
          lang,
          entries.map((e) => ({ slug: e.slug, title: e.title.text, description: e.description.text, date: e.date?.toISOString().slice(0, 10) ?? null, complete: e.complete, files: e.files })),
        ]),
      ),
      heldBack: heldBack.map(({ removed: _removed, ...rest }) => rest),
    };
    await out.write('index.json', stringify(index));
    written.push('index.json');
  }
  return { out: out.root, formats, minComplete, languages, exported, heldBack, indexes: written, diagnostics, interrupted };
}

/** Warnings about what an exported article is: hand-written, or built from an older source. */
function notes(edition: Edition, complete: number): Diagnostic[] {
  const { coverage } = edition;
  if (!coverage) return [];
  if (!coverage.tracked) {
    return [{ severity: 'warning', rule: 'article-untracked', message: `has no tolk record: exported as complete (${edition.source.file})`, file: edition.file, language: edition.lang }];
  }
  if (!coverage.fresh) {
    return [{ severity: 'warning', rule: 'article-outdated', message: `built from an older ${edition.source.file}: exported as it is, ${complete}% complete against the current source`, file: edition.file, language: edition.lang }];
  }
  return [];
}

function checkFormats(formats: readonly string[]): ExportFormat[] {
  const unique = [...new Set(formats)];
  if (unique.length === 0) throw new UsageError(`--format names no format; expected some of ${EXPORT_FORMATS.join(', ')}`);
  for (const format of unique) {
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format expects ${EXPORT_FORMATS.join(', ')} (comma-separated), got "${format}"`);
  }
  return unique as ExportFormat[];
}

function checkMinComplete(value: number): number {
  if (!Number.isInteger(value) || value < 0 || value > 100) throw new UsageError(`--min-complete expects a whole number from 0 to 100, got "${value}"`);
  return value;
}

function checkBaseUrl(value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw new UsageError(`--base-url expects an absolute http(s) URL, got "${value}"`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/**
 * The export writes `<lang>/<slug>.md` and `index.json`: inside the articles
 * or locales directory (or around them) it could overwrite a source article
 * or a strings file, so those places are refused.
 */
function refuseProjectDirectories(project: Project, out: string): void {
  const places = [
    { what: 'articles', dir: resolve(articlesDir(project, project.config.sourceLanguage), '..') },
    { what: 'locales', dir: resolve(project.root, project.config.locales) },
  ];
  for (const { what, dir } of places) {
    const overlaps = out === dir || out.startsWith(dir + sep) || dir.startsWith(out + sep);
    if (overlaps) throw new UsageError(`--out ${out} overlaps the project's ${what} directory ${dir}; choose a directory of its own, such as dist/site`);
  }
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(key(item)) ?? [];
    list.push(item);
    groups.set(key(item), list);
  }
  return groups;
}
