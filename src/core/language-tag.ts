/**
 * The language tags tolk accepts, in the config and on the command line
 * alike: BCP 47-ish (`nl`, `en`, `pt-BR`, `sr-Latn`), checked loosely so a tag
 * the user configured is never rejected for casing; Intl checks the rest.
 */
export const LANGUAGE_TAG = /^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/;

export function isLanguageTag(value: string): boolean {
  return LANGUAGE_TAG.test(value);
}
