import type { Element, ElementContent, Root as HastRoot } from 'hast';
import type { Project } from '../config/index.js';
import { parseMarkdown, segmentArticle } from '../markdown/index.js';
import type { Edition } from './editions.js';
import { withFrontMatter } from './front-matter.js';
import type { Coverage } from './gate.js';
import { textOf } from './hast.js';
import { directionOf } from './language.js';
import { renderBody } from './render-body.js';
import { findUntranslated, markSourceLanguage } from './source-marks.js';
import type { UiStrings, UiText } from './ui-strings.js';

/** Longest description taken from the first paragraph when the front matter has none (what search results show). */
const DESCRIPTION_LENGTH = 160;

/** An edition rendered once; the md, html and json writers all read from this. */
export interface Rendered {
  edition: Edition;
  coverage: Coverage;
  /** With the language it is in: the source's when it was kept untranslated. */
  title: UiText;
  description: UiText;
  date: Date | undefined;
  /** Sanitized article body. */
  body: HastRoot;
  /** The exported Markdown: the article with publisher front matter instead of the tolk record. */
  markdown: string;
  /** The article's Markdown without front matter. */
  markdownBody: string;
  /** When the translation was made (ISO date); undefined for the source and hand-written articles. */
  translated: string | undefined;
}

export async function renderEdition(project: Project, edition: Edition, ui: UiStrings | undefined): Promise<Rendered> {
  const sourceLanguage = project.config.sourceLanguage;
  const tree = parseMarkdown(edition.text, { file: edition.file });
  const article = segmentArticle(edition.text, {
    sourceLanguage,
    frontMatterFields: project.config.frontMatter.translate,
    file: edition.file,
    tree,
  });
  const untranslated = findUntranslated(article, edition.record);
  const sourceDir = directionOf(sourceLanguage);
  markSourceLanguage(tree, untranslated.units, { lang: sourceLanguage, ...(sourceDir !== directionOf(edition.lang) ? { dir: sourceDir } : {}) });
  // Optional UI strings: without them remark-rehype's English labels are used.
  const footnoteLabel = ui?.t('footnotes.label');
  const hasBackLabel = ui?.t('footnotes.backLabel', { number: 1 }) !== undefined;
  const body = await renderBody(tree, {
    ...(footnoteLabel ? { footnoteLabel: footnoteLabel.text } : {}),
    ...(hasBackLabel ? { footnoteBackLabel: (number: number) => ui!.t('footnotes.backLabel', { number })!.text } : {}),
  });

  const data = edition.frontMatter?.data ?? {};
  const fieldText = (key: string): UiText | undefined => {
    const value = data[key];
    return typeof value === 'string' && value.trim() ? { text: value.trim(), lang: untranslated.fields.has(key) ? sourceLanguage : edition.lang } : undefined;
  };
  const title = fieldText('title') ?? firstText(body, 'h1', edition.lang) ?? { text: edition.slug, lang: edition.lang };
  const description = fieldText('description') ?? fieldText('summary') ?? shorten(firstText(body, 'p', edition.lang)) ?? { text: '', lang: edition.lang };

  const total = article.segments.length;
  const coverage = edition.coverage ?? { complete: 100, total, translated: total, tracked: true, fresh: true };
  const translated = edition.record?.translated || undefined;
  const markdown = edition.text.startsWith('+++')
    ? edition.text // TOML front matter is kept as it is, as everywhere in tolk
    : withFrontMatter(edition.text, edition.frontMatter, {
        tolk: null,
        language: edition.lang,
        source: edition.source.id,
        complete: coverage.complete,
        translated: translated ?? null,
      });
  const bodyStart = article.frontMatter?.blockEnd ?? 0;
  return {
    edition,
    coverage,
    title,
    description,
    date: parseDate(data.date),
    body,
    markdown,
    markdownBody: edition.text.slice(bodyStart).replace(/^(?:\r?\n)+/, ''),
    translated,
  };
}

/** The text of the first `<tag>` of the body, with the language it is marked with. */
function firstText(body: HastRoot, tag: string, lang: string): UiText | undefined {
  const found = body.children.find((c): c is Element => c.type === 'element' && c.tagName === tag);
  if (!found) return undefined;
  const text = textOf(found as ElementContent).replace(/\s+/g, ' ').trim();
  const marked = found.properties.lang ?? (found.children[0]?.type === 'element' ? found.children[0].properties.lang : undefined);
  return text ? { text, lang: typeof marked === 'string' ? marked : lang } : undefined;
}

/** At most DESCRIPTION_LENGTH characters, cut at a word boundary. */
function shorten(text: UiText | undefined): UiText | undefined {
  if (!text || text.text.length <= DESCRIPTION_LENGTH) return text;
  const cut = text.text.slice(0, DESCRIPTION_LENGTH - 1);
  const space = cut.lastIndexOf(' ');
  return { ...text, text: `${(space > DESCRIPTION_LENGTH / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '')}…` };
}

/** `date: 2024-08-12` (YAML 1.2 reads it as a string) or a full ISO timestamp; undefined when it is neither. */
export function parseDate(value: unknown): Date | undefined {
  const date = value instanceof Date ? value : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? new Date(value.length === 10 ? `${value}T00:00:00Z` : value) : undefined;
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}
