import { readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Project } from '../../src/config/index.js';
import { exportArticles, type ExportResult } from '../../src/publish/index.js';
import { directionOf } from '../../src/publish/language.js';
import { Chrome } from '../../src/publish/chrome.js';
import { loadUiStrings } from '../../src/publish/ui-strings.js';
import { article, localize, publishProject, sample } from './helpers.js';

const keepKees = (s: string) => (/Kees|poging/.test(s) ? undefined : s.toUpperCase());

/** hreflang → target page (relative to the export root) of every alternate link in a page's head. */
function alternates(page: string, html: string): Record<string, string> {
  const links: Record<string, string> = {};
  for (const [, lang, href] of html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g)) {
    links[lang!] = posix.normalize(posix.join(posix.dirname(page), href!));
  }
  return links;
}

describe('publish: HTML pages', () => {
  let root: string;
  let project: Project;
  let result: ExportResult;
  const page = (file: string) => readFileSync(join(root, 'site', file), 'utf8');

  beforeAll(async () => {
    root = publishProject({ 'articles/nl/goud.md': article, 'articles/nl/parijs.md': sample.nl });
    await localize(root, ['af']);
    project = await localize(root, ['ru', 'ar'], keepKees);
    // ar: no UI strings in this project, and no localized article for one of the two articles.
    result = await exportArticles({ project, out: join(root, 'site'), languages: ['af', 'ru', 'ar', 'de'], minComplete: 50 });
  });

  it('html: every page of an article links every exported language of it, itself included, and x-default to the source', () => {
    expect(result.heldBack.map((h) => `${h.lang}:${h.reason}`).sort()).toEqual(['de:missing', 'de:missing']);
    const expected = { nl: 'nl/goud.html', af: 'af/goud.html', ru: 'ru/goud.html', ar: 'ar/goud.html', 'x-default': 'nl/goud.html' };
    for (const lang of ['nl', 'af', 'ru', 'ar']) expect(alternates(`${lang}/goud.html`, page(`${lang}/goud.html`))).toEqual(expected);
    // Index pages form their own set.
    expect(alternates('af/index.html', page('af/index.html'))).toEqual({ nl: 'nl/index.html', af: 'af/index.html', ru: 'ru/index.html', ar: 'ar/index.html', 'x-default': 'nl/index.html' });
  });

  it('html: with --base-url the hreflang and canonical links are absolute', async () => {
    const out = join(root, 'absolute');
    await exportArticles({ project, out, languages: ['af'], formats: ['html'], baseUrl: 'https://sport.example/nieuws' });
    const html = readFileSync(join(out, 'af/goud.html'), 'utf8');
    expect(html).toContain('<link rel="canonical" href="https://sport.example/nieuws/af/goud.html">');
    expect(html).toContain('<link rel="alternate" hreflang="x-default" href="https://sport.example/nieuws/nl/goud.html">');
  });

  it('html: a language is right-to-left when its likely script is (Dhivehi too, which ICU has no text info for)', () => {
    expect(['ar', 'fa', 'he', 'ur', 'yi', 'dv', 'ckb', 'az-Arab', 'pa-Arab'].map(directionOf)).toEqual(Array(9).fill('rtl'));
    expect(['nl', 'af', 'ru', 'kk', 'az', 'pa', 'qps-ploc', 'zh-Hant'].map(directionOf)).toEqual(Array(8).fill('ltr'));
  });

  it('html: <html lang dir>, title and description meta', () => {
    const af = page('af/goud.html');
    expect(af).toMatch(/^<!doctype html><html lang="af" dir="ltr">/);
    expect(af).toContain('<title>GOUD VOOR KAZACHSTAN IN PARIJS</title>');
    expect(af).toContain('<meta name="description" content="EEN HISTORISCHE DAG VOOR HET KAZACHSE GEWICHTHEFFEN.">');
    expect(page('ar/goud.html')).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
  });

  it('html: untranslated segments fall back to the source text, marked with the source lang (and dir on a right-to-left page)', () => {
    const ru = page('ru/goud.html');
    expect(ru).toContain('<p>DE GEWICHTHEFFERS VAN KAZACHSTAN WONNEN GOUD IN PARIJS.<sup>');
    expect(ru).toContain('<p lang="nl">Trainer Kees bleef er rustig onder.</p>');
    // In a tight list the <p> disappears; the text gets a span of its own.
    expect(ru).toContain('<li><span lang="nl">Eerste poging geslaagd.</span></li>');
    const ar = page('ar/goud.html');
    expect(ar).toContain('<p lang="nl" dir="ltr">Trainer Kees bleef er rustig onder.</p>');
    expect(ar).toContain('<li><span lang="nl" dir="ltr">Tweede poging ook.</span></li>');
  });

  it('html: the page chrome comes from the UI strings in the page language: credit, date, reading time, medals', () => {
    const af = page('af/goud.html');
    expect(af).toContain('<p class="photo-credit">Foto deur Xavier Praillet op Unsplash</p>');
    expect(af).toContain('<time datetime="2024-08-12" class="published">Gepubliseer op 12 Augustus 2024</time>');
    expect(af).toContain('<span class="reading-time">1 minuut leestyd</span>');
    expect(af).toMatch(/<span class="medal-name">Goud<\/span> <data value="1">1<\/data>.*<span class="medal-name">Silwer<\/span>.*<li class="medal-total">3 medaljes<\/li>/);
    const ru = page('ru/goud.html');
    expect(ru).toContain('<p class="photo-credit">Фото: Xavier Praillet, Unsplash</p>');
    expect(ru).toContain('Опубликовано 12 августа 2024 г.');
    expect(ru).toContain('<li class="medal-total">3 медали</li>');
    expect(page('nl/goud.html')).toContain('Gepubliceerd op 12 augustus 2024');
    // No ar strings: the Dutch ones, formatted as Dutch and marked as such.
    expect(page('ar/goud.html')).toContain('<p class="photo-credit" lang="nl" dir="ltr">Foto door Xavier Praillet op Unsplash</p>');
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ rule: 'ui-strings-missing', language: 'ar' }));
  });

  it('html: reading time in ru takes the plural form Intl.PluralRules picks: минута, минуты, минут', async () => {
    const chrome = new Chrome(await loadUiStrings(project, 'ru'));
    const text = (n: number) => chrome.readingTime(n)!.children.map((c) => ('value' in c ? c.value : '')).join('');
    expect([1, 2, 5, 11, 21, 22, 25].map(text)).toEqual([
      '1 минута чтения',
      '2 минуты чтения',
      '5 минут чтения',
      '11 минут чтения',
      '21 минута чтения',
      '22 минуты чтения',
      '25 минут чтения',
    ]);
    // The long sample article, on the exported page.
    const minutes = /<span class="reading-time">(\d+) (\S+) чтения<\/span>/.exec(page('ru/parijs.html'));
    expect(minutes).not.toBeNull();
    const forms = { one: 'минута', few: 'минуты', many: 'минут', other: 'минуты' } as const;
    expect(Number(minutes![1])).toBeGreaterThan(4);
    expect(minutes![2]).toBe(forms[new Intl.PluralRules('ru').select(Number(minutes![1])) as keyof typeof forms]);
  });

  it('html: footnote links point at the sanitizer-prefixed ids', () => {
    const ru = page('ru/goud.html');
    expect(ru).toContain('<a href="#user-content-fn-1" id="user-content-fnref-1"');
    expect(ru).toContain('<li id="user-content-fn-1">');
  });

  it('html: an index page per language lists its articles', () => {
    const index = page('af/index.html');
    expect(index).toMatch(/^<!doctype html><html lang="af" dir="ltr">/);
    expect(index).toContain('<h1>Nuus</h1>');
    const goud = index.indexOf('<a href="goud.html">GOUD VOOR KAZACHSTAN IN PARIJS</a>');
    const parijs = index.indexOf('<a href="parijs.html">KAZACHSTAN OP DE OLYMPISCHE SPELEN VAN PARIJS 2024</a>');
    expect(goud).toBeGreaterThan(-1);
    expect(parijs).toBeGreaterThan(-1);
  });
});

describe('publish: Markdown and JSON', () => {
  it('md: the localized article with publisher front matter (language, source, completeness, date) instead of the tolk record', async () => {
    const root = publishProject({ 'articles/nl/goud.md': article });
    const project = await localize(root, ['ru'], keepKees);
    await exportArticles({ project, out: join(root, 'site'), languages: ['ru'], minComplete: 0, formats: ['md'] });
    const localized = readFileSync(join(root, 'articles/ru/goud.md'), 'utf8');
    const md = readFileSync(join(root, 'site/ru/goud.md'), 'utf8');
    const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(md)!;
    expect(front).not.toContain('tolk:');
    expect(front).toMatch(/^language: ru$/m);
    expect(front).toMatch(/^source: nl\/goud.md$/m);
    expect(front).toMatch(/^complete: 75$/m);
    expect(front).toMatch(/^translated: \d{4}-\d{2}-\d{2}$/m);
    expect(front).toContain('photo:\n  photographer: Xavier Praillet\n  site: Unsplash');
    expect(localized.endsWith(body!)).toBe(true);
    expect(readFileSync(join(root, 'site/nl/goud.md'), 'utf8')).toMatch(/^complete: 100$/m);
  });

  it('json: per article slug, lang, title, description, html, markdown, complete, segments, alternates; plus index.json', async () => {
    const root = publishProject({ 'articles/nl/goud.md': article });
    await localize(root, ['af']);
    const project = await localize(root, ['ru'], keepKees);
    await exportArticles({ project, out: join(root, 'site'), languages: ['af', 'ru'], minComplete: 70, formats: ['json'] });
    const ru = JSON.parse(readFileSync(join(root, 'site/ru/goud.json'), 'utf8'));
    expect(Object.keys(ru)).toEqual(expect.arrayContaining(['slug', 'lang', 'title', 'description', 'html', 'markdown', 'complete', 'segments', 'alternates']));
    expect(ru).toMatchObject({ slug: 'goud', lang: 'ru', dir: 'ltr', source: 'nl/goud.md', title: 'GOUD VOOR KAZACHSTAN IN PARIJS', complete: 75, segments: { total: 12, translated: 9 }, date: '2024-08-12' });
    expect(ru.html).toContain('<p lang="nl">Trainer Kees bleef er rustig onder.</p>');
    expect(ru.html).not.toContain('<html');
    expect(ru.markdown.startsWith('# GOUD VOOR KAZACHSTAN IN PARIJS\n')).toBe(true);
    expect(ru.alternates).toEqual([
      { lang: 'nl', slug: 'goud', href: 'nl/goud.json' },
      { lang: 'af', slug: 'goud', href: 'af/goud.json' },
      { lang: 'ru', slug: 'goud', href: 'ru/goud.json' },
      { lang: 'x-default', slug: 'goud', href: 'nl/goud.json' },
    ]);
    const index = JSON.parse(readFileSync(join(root, 'site/index.json'), 'utf8'));
    expect(Object.keys(index.languages)).toEqual(['nl', 'af', 'ru']);
    expect(index.languages.ru[0]).toMatchObject({ slug: 'goud', complete: 75, files: { json: 'ru/goud.json' } });
    expect(index.heldBack).toEqual([]);
  });
});
