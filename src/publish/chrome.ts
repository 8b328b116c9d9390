import type { Element, Properties } from 'hast';
import { directionOf } from './language.js';
import { h } from './hast.js';
import type { UiStrings, UiText } from './ui-strings.js';

/**
 * The page chrome around an article: the lines a reader sees that are not the
 * article itself (credit, date, reading time, medals), each a UI string in the
 * page's language through i18next. A string the language does not have yet
 * falls back to the source language's and says so with `lang`, like
 * untranslated article text.
 */

/**
 * The UI strings a page's chrome reads (plural keys by their base name): what
 * `tolk init` seeds a new project's source locale file with.
 */
export const CHROME_KEYS = [
  'photoCredit', 'published', 'readingTime', 'medals.gold', 'medals.silver', 'medals.bronze', 'medals.total',
  'nav.home', 'nav.news', 'nav.skipToContent',
] as const;

/** Words per minute the reading time assumes. */
export const WORDS_PER_MINUTE = 200;
export const MEDALS = ['gold', 'silver', 'bronze'] as const;
export type Medal = (typeof MEDALS)[number];

/** Words as the language's own word breaker counts them (Thai and Chinese have no spaces). */
export function countWords(text: string, lang: string): number {
  let words = 0;
  for (const piece of new Intl.Segmenter(lang, { granularity: 'word' }).segment(text)) if (piece.isWordLike) words++;
  return words;
}

export function readingMinutes(text: string, lang: string): number {
  return Math.max(1, Math.ceil(countWords(text, lang) / WORDS_PER_MINUTE));
}

/** Properties an element needs when its text is in another language than the page. */
export function languageOf(text: UiText | { lang: string }, pageLang: string): Properties {
  if (text.lang === pageLang) return {};
  const dir = directionOf(text.lang);
  return { lang: text.lang, ...(dir !== directionOf(pageLang) ? { dir } : {}) };
}

export class Chrome {
  readonly #ui: UiStrings;
  readonly lang: string;

  constructor(ui: UiStrings) {
    this.#ui = ui;
    this.lang = ui.lang;
  }

  /** A UI string, or undefined when even the source language lacks it (the line is then left out). */
  text(key: string, values?: Record<string, unknown>): UiText | undefined {
    return this.#ui.t(key, values);
  }

  /** `<tag>` holding one UI string, marked with its language where it fell back. */
  element(tag: string, properties: Properties, key: string, values?: Record<string, unknown>): Element | undefined {
    const text = this.text(key, values);
    return text && h(tag, { ...properties, ...languageOf(text, this.lang) }, [text.text]);
  }

  /** "Foto door {{name}} op {{site}}" from the front matter's `photo: { photographer, site }`. */
  photoCredit(data: Record<string, unknown>): Element | undefined {
    const photo = data.photo as Record<string, unknown> | undefined;
    const name = stringField(photo?.photographer);
    const site = stringField(photo?.site);
    if (!name || !site) return undefined;
    return this.element('p', { className: ['photo-credit'] }, 'photoCredit', { name, site });
  }

  /** "Gepubliceerd op 12 augustus 2024": Intl.DateTimeFormat in the page's locale, through i18next's `datetime` format. */
  published(date: Date | undefined): Element | undefined {
    if (!date) return undefined;
    const text = this.text('published', { date, formatParams: { date: { dateStyle: 'long', timeZone: 'UTC' } } });
    return text && h('time', { dateTime: date.toISOString().slice(0, 10), className: ['published'], ...languageOf(text, this.lang) }, [text.text]);
  }

  /** "5 минут чтения": the plural form the language's rules pick for the count. */
  readingTime(minutes: number): Element | undefined {
    return this.element('span', { className: ['reading-time'] }, 'readingTime', { count: minutes });
  }

  /** Medal words for the front matter's `medals: { gold, silver, bronze }` counts, and the total with its plural form. */
  medals(data: Record<string, unknown>): Element | undefined {
    const counts = data.medals as Partial<Record<Medal, unknown>> | undefined;
    if (!counts || typeof counts !== 'object') return undefined;
    const present = MEDALS.filter((m) => Number.isInteger(counts[m]) && (counts[m] as number) >= 0);
    if (present.length === 0) return undefined;
    const number = new Intl.NumberFormat(this.lang);
    const items = present.map((medal) => {
      const word = this.text(`medals.${medal}`);
      const count = counts[medal] as number;
      return h('li', { className: ['medal', `medal-${medal}`] }, [
        word && h('span', { className: ['medal-name'], ...languageOf(word, this.lang) }, [word.text]),
        ' ',
        h('data', { value: String(count) }, [number.format(count)]),
      ]);
    });
    const total = present.reduce((sum, medal) => sum + (counts[medal] as number), 0);
    const totalLine = this.element('li', { className: ['medal-total'] }, 'medals.total', { count: total });
    return h('ul', { className: ['medals'] }, [...items, totalLine]);
  }
}

function stringField(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : typeof value === 'number' ? String(value) : undefined;
}
