import { isLanguageTag, parseLanguageList } from '../core/language-tag.js';
import { UsageError } from '../core/errors.js';

/**
 * The one parser for the values commands take as text: language lists,
 * single languages, whole numbers and lists of choices. Each bad value is a
 * UsageError (exit 2) naming the option, what it expects and what came.
 */

/** One language tag: `--to af`. */
export function language(value: string, flag: string): string {
  const tag = value.trim();
  if (tag === '') throw new UsageError(`${flag} names no language`);
  if (tag.includes(',')) throw new UsageError(`${flag} takes one language, got "${value}"`);
  if (!isLanguageTag(tag)) throw new UsageError(`${flag} expects a language tag such as "nl" or "pt-BR", got "${value}"`);
  return tag;
}

/** `--to a, b` → `["a", "b"]`: at least one language, no empty entry, each a language tag, none twice. */
export function languageList(value: string, flag = '--to'): string[] {
  return parseLanguageList(value, flag);
}

/** A whole number within bounds, or a usage error saying what was expected and what came. */
export function wholeNumber(value: string, flag: string, min: number, max: number): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) throw new UsageError(`${flag} expects a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

/** Comma-separated choices (`--format md,html`): at least one, each one of `choices`, none empty. */
export function choiceList<T extends string>(value: string, flag: string, choices: readonly T[]): T[] {
  const list = value.split(',').map((v) => v.trim());
  const expected = `expected some of ${choices.join(', ')} (comma-separated)`;
  if (value.trim() === '' || list.includes('')) throw new UsageError(`${flag} has an empty entry in "${value}"; ${expected}`);
  for (const item of list) if (!(choices as readonly string[]).includes(item)) throw new UsageError(`${flag} expects ${choices.join(', ')} (comma-separated), got "${item}"`);
  return [...new Set(list)] as T[];
}
