import type { Element, ElementContent, Properties } from 'hast';
import { languageOf, readingMinutes, type Chrome } from './chrome.js';
import { documentRoot, h, lines, textOf, toHtml } from './hast.js';
import { autonym, directionOf } from './language.js';
import type { Rendered } from './render.js';
import type { UiText } from './ui-strings.js';

/** A language version of the same page, for hreflang links and the language switcher. */
export interface Alternate {
  lang: string;
  /** As the page links it: relative to the page, or absolute with a base URL. */
  href: string;
}

export interface PageLinks {
  /** Every exported language of this page, this one included (search engines want the set on every member). */
  alternates: Alternate[];
  /** The source language's page: where `x-default` points. */
  xDefault: string | undefined;
  /** This page's own absolute URL, when a base URL is known. */
  canonical: string | undefined;
  /** The language's index page. */
  index: string;
}

/**
 * Typography and layout, written with logical properties (`inline-size`,
 * `border-block-end`) so right-to-left pages mirror by themselves. Hidden
 * things (the skip link until focused, the footnotes heading) are clipped in
 * place rather than pushed off-screen: pushed to the "start" side they would
 * widen a right-to-left page.
 */
const STYLE = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.6; }
body { margin: 0 auto; max-inline-size: 42rem; padding: 1rem; }
.site { display: flex; flex-wrap: wrap; gap: 1rem; justify-content: space-between; border-block-end: 1px solid #8884; padding-block-end: .5rem; }
.languages ul, .medals { list-style: none; padding: 0; margin: 0; display: flex; flex-wrap: wrap; gap: .75rem; }
.meta, .photo-credit { color: GrayText; font-size: .9rem; }
img { max-inline-size: 100%; block-size: auto; }
table { border-collapse: collapse; }
th, td { border: 1px solid #8886; padding: .25rem .5rem; }
.sr-only, .skip-link:not(:focus) { position: absolute; inline-size: 1px; block-size: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
`;

function head(title: string, description: string | undefined, links: Omit<PageLinks, 'index'>): Element {
  return h('head', {}, lines([
    h('meta', { charSet: 'utf-8' }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('title', {}, [title]),
    description ? h('meta', { name: 'description', content: description }) : undefined,
    links.canonical ? h('link', { rel: ['canonical'], href: links.canonical }) : undefined,
    ...links.alternates.map((a) => h('link', { rel: ['alternate'], hrefLang: a.lang, href: a.href })),
    links.xDefault ? h('link', { rel: ['alternate'], hrefLang: 'x-default', href: links.xDefault }) : undefined,
    h('style', {}, [STYLE]),
  ]));
}

/** Skip link, home link and the language switcher (each language named in itself). */
function siteHeader(chrome: Chrome, lang: string, links: PageLinks, current: 'article' | 'index'): Element[] {
  const skip = chrome.element('a', { className: ['skip-link'], href: '#content' }, 'nav.skipToContent');
  const home = chrome.element('a', { href: links.index, ...(current === 'index' ? { ariaCurrent: 'page' } : {}) }, 'nav.home');
  // Each language named in itself, so marked with its own language (and direction, where it differs from the page's).
  const languageLink = (a: Alternate) => {
    const dir = directionOf(a.lang);
    const role = a.lang === lang ? { ariaCurrent: 'page' } : { rel: ['alternate'] };
    return h('a', { href: a.href, hrefLang: a.lang, lang: a.lang, ...(dir !== directionOf(lang) ? { dir } : {}), ...role }, [autonym(a.lang)]);
  };
  const switcher =
    links.alternates.length > 1 ? h('nav', { className: ['languages'] }, [h('ul', {}, lines(links.alternates.map((a) => h('li', {}, [languageLink(a)]))))]) : undefined;
  return [skip, h('header', { className: ['site'] }, lines([home && h('nav', {}, [home]), switcher]))].filter((e): e is Element => e !== undefined);
}

function htmlElement(lang: string, children: Element[]): Element {
  return h('html', { lang, dir: directionOf(lang) }, lines(children));
}

/**
 * A complete article page. Markup comes from two places only: the sanitized
 * body, and elements built here from text nodes (titles, UI strings,
 * front-matter values), which the serializer escapes.
 */
export function articlePage(page: Rendered, chrome: Chrome, links: PageLinks): string {
  const { lang } = page.edition;
  const body = [...page.body.children].filter((c): c is ElementContent => c.type !== 'doctype');
  // The page's heading is the article's own first heading when it has one, else the title.
  const firstElement = body.findIndex((c) => c.type === 'element');
  const hasHeading = firstElement !== -1 && (body[firstElement] as Element).tagName === 'h1';
  const heading = hasHeading ? (body.splice(firstElement, 1)[0] as Element) : h('h1', languageOf(page.title, lang), [page.title.text]);
  const minutes = readingMinutes(textOf(page.body), lang);
  const parts = [chrome.published(page.date), chrome.readingTime(minutes)].filter((e): e is Element => e !== undefined);
  // A visible separator, skipped by screen readers (which pause between the two anyway).
  const meta = parts.flatMap((part, i) => (i === 0 ? [part] : [h('span', { ariaHidden: 'true' }, [' · ']), part]));
  const article = h('article', {}, [
    ...lines([
      heading,
      meta.length ? h('p', { className: ['meta'] }, meta) : undefined,
      chrome.medals(page.edition.frontMatter?.data ?? {}),
      chrome.photoCredit(page.edition.frontMatter?.data ?? {}),
    ]),
    ...body,
  ]);
  return toHtml(
    documentRoot(
      htmlElement(lang, [
        head(page.title.text, page.description.text || undefined, links),
        h('body', {}, lines([...siteHeader(chrome, lang, links, 'article'), h('main', { id: 'content' }, lines([article]))])),
      ]),
    ),
  );
}

/** One entry of a language's index page: what is kept of a rendered article once it is written. */
export interface IndexEntry {
  title: UiText;
  description: UiText;
  date: Date | undefined;
  href: string;
}

/** A language's index: its exported articles, newest first. */
export function indexPage(lang: string, entries: readonly IndexEntry[], chrome: Chrome, links: PageLinks): string {
  const title = chrome.text('nav.news') ?? { text: lang, lang };
  const sorted = [...entries].sort((a, b) => (b.date?.getTime() ?? 0) - (a.date?.getTime() ?? 0) || a.title.text.localeCompare(b.title.text, lang));
  const items = sorted.map(({ title: articleTitle, description, date, href }) => {
    const published = chrome.published(date);
    return h('li', {}, [
      h('a', { href, ...languageOf(articleTitle, lang) } as Properties, [articleTitle.text]),
      published && h('p', { className: ['meta'] }, [published]),
      description.text ? h('p', languageOf(description, lang), [description.text]) : undefined,
    ]);
  });
  return toHtml(
    documentRoot(
      htmlElement(lang, [
        head(title.text, undefined, links),
        h('body', {}, lines([
          ...siteHeader(chrome, lang, links, 'index'),
          h('main', { id: 'content' }, lines([h('h1', languageOf(title, lang), [title.text]), h('ul', { className: ['articles'] }, lines(items))])),
        ])),
      ]),
    ),
  );
}
