import type { HeldBackArticle } from './options.js';
import { toHtml } from './hast.js';
import { directionOf } from './language.js';
import type { Rendered } from './render.js';

/** One article in one language for a headless CMS. */
export interface ArticleJson {
  slug: string;
  lang: string;
  dir: 'ltr' | 'rtl';
  /** Source article, `<sourceLanguage>/<path>`. */
  source: string;
  title: string;
  description: string;
  /** Publication date from the front matter, `YYYY-MM-DD`; null when there is none. */
  date: string | null;
  /** The article body as sanitized HTML (no page chrome): safe to insert as it is. */
  html: string;
  /** The article's Markdown without front matter. Not sanitized: render it through a sanitizer of your own. */
  markdown: string;
  /** 0–100, against the current source. */
  complete: number;
  /** Segment occurrences of the current source, and how many of them this language has translated. */
  segments: { total: number; translated: number };
  /** When the translation was made (ISO date); null for the source language and hand-written articles. */
  translated: string | null;
  /** Every exported language of this article (this one included), and `x-default` for the source's; `href` is the JSON file, relative to the export's root. */
  alternates: Array<{ lang: string; slug: string; href: string }>;
}

export function articleJson(page: Rendered, alternates: ArticleJson['alternates']): ArticleJson {
  const { edition } = page;
  return {
    slug: edition.slug,
    lang: edition.lang,
    dir: directionOf(edition.lang),
    source: edition.source.id,
    title: page.title.text,
    description: page.description.text,
    date: page.date ? page.date.toISOString().slice(0, 10) : null,
    html: toHtml(page.body).trimEnd(),
    markdown: page.markdownBody,
    complete: page.coverage.complete,
    segments: { total: page.coverage.total, translated: page.coverage.translated },
    translated: page.translated ?? null,
    alternates,
  };
}

/** `index.json` at the export's root: what was published in each language, and what was held back. */
export interface IndexJson {
  sourceLanguage: string;
  minComplete: number;
  languages: Record<string, Array<{ slug: string; title: string; description: string; date: string | null; complete: number; files: Record<string, string> }>>;
  heldBack: Array<Omit<HeldBackArticle, 'removed'>>;
}

export const stringify = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
