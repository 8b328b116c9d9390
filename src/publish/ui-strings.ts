import { existsSync, statSync } from 'node:fs';
import { checkBytes, limitsWith } from '../core/limits.js';
import { resolve } from 'node:path';
import { createInstance, type i18n as I18n } from 'i18next';
import type { Project } from '../config/index.js';
import { parseJson } from '../core/json.js';
import { readText } from '../core/read-text.js';
import { displayPath } from '../project/index.js';

/** The namespace the page chrome reads. */
export const NAMESPACE = 'common';

/** A UI string and the language it is actually in (the source's when the language lacks it). */
export interface UiText {
  text: string;
  lang: string;
}

/** One language's UI strings through i18next: plural forms, nesting and formatters as i18next resolves them. */
export interface UiStrings {
  lang: string;
  /** Files read, relative to the project root; empty when the language has none (everything falls back to the source's). */
  files: string[];
  /** The string in the page's language, else the source language's; undefined when neither has the key. */
  t(key: string, values?: Record<string, unknown>): UiText | undefined;
}

/**
 * i18next writes tags with subtags canonically (`qps-ploc` → `qps-Ploc`) and
 * looks resources up by that form, so resources are stored under it.
 */
function i18nextCode(tag: string): string {
  if (!tag.includes('-')) return tag;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? tag;
  } catch {
    return tag;
  }
}

/**
 * Loads `locales/<lang>/common.json` (and the base language's, `pt` for
 * `pt-BR`) with the source language's as fallback. Values are not
 * HTML-escaped here: the page puts them in text nodes, which the serializer
 * escapes, so escaping twice would show `&amp;` to readers.
 */
export async function loadUiStrings(project: Project, lang: string): Promise<UiStrings> {
  const source = project.config.sourceLanguage;
  const tags = [...new Set([lang, lang.split('-')[0]!, source])];
  const resources: Record<string, Record<string, Record<string, unknown>>> = {};
  const files: string[] = [];
  const tagOf = new Map<string, string>();
  for (const tag of tags) {
    const file = resolve(project.root, project.config.locales, tag, `${NAMESPACE}.json`);
    tagOf.set(i18nextCode(tag), tag);
    if (!existsSync(file)) continue;
    const shown = displayPath(project, file);
    checkBytes(statSync(file).size, limitsWith().jsonBytes, 'jsonBytes', shown);
    resources[i18nextCode(tag)] = { [NAMESPACE]: parseJson(await readText(file, shown), shown) as Record<string, unknown> };
    if (tag !== source || lang === source) files.push(shown);
  }
  const i18n: I18n = createInstance();
  await i18n.init({
    lng: i18nextCode(lang),
    fallbackLng: lang === source ? false : [i18nextCode(source)],
    resources,
    ns: [NAMESPACE],
    defaultNS: NAMESPACE,
    interpolation: { escapeValue: false },
    returnEmptyString: false,
    initAsync: false,
  });
  return {
    lang,
    files,
    t(key, values = {}) {
      if (!i18n.exists(key, values)) return undefined;
      let details = i18n.t(key, { ...values, returnDetails: true }) as unknown as { res: string; usedLng: string };
      // A fallback string is formatted (dates, numbers) in its own language, not in the page's.
      if (details.usedLng !== i18nextCode(lang)) details = i18n.t(key, { ...values, lng: details.usedLng, returnDetails: true }) as unknown as typeof details;
      const used = tagOf.get(details.usedLng) ?? details.usedLng;
      // `pt` strings on a `pt-BR` page are in the page's language.
      return { text: String(details.res), lang: used === lang.split('-')[0] ? lang : used };
    },
  };
}
