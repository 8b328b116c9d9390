import { UsageError } from './errors.js';

/**
 * The language tags tolk accepts, in the config and on the command line
 * alike: BCP 47-ish (`nl`, `en`, `pt-BR`, `sr-Latn`), checked loosely so a tag
 * the user configured is never rejected for casing; Intl checks the rest.
 */
export const LANGUAGE_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

export function isLanguageTag(value: string): boolean {
  return LANGUAGE_TAG.test(value);
}

/**
 * The one reader of a language list given as text (`--to a, b`, or a library
 * caller's `"af,en"`) → `["a", "b"]`: at least one language, no empty entry,
 * each a language tag, none twice. A bad list is a UsageError naming `flag`.
 */
export function parseLanguageList(value: string, flag: string): string[] {
  const list = value.split(',').map((l) => l.trim());
  if (list.every((l) => l === '')) throw new UsageError(`${flag} names no language`);
  if (list.includes('')) throw new UsageError(`${flag} has an empty entry in "${value}"; expected languages separated by commas, such as "en,af"`);
  for (const tag of list) if (!isLanguageTag(tag)) throw new UsageError(`${flag} expects language tags such as "nl" or "pt-BR", got "${tag}"`);
  return [...new Set(list)];
}
