import { UsageError } from '../core/errors.js';

/**
 * Scripts written right to left (ISO 15924). A language's direction comes
 * from its likely script (`Intl.Locale#maximize`): `ar` → Arab, `dv` → Thaa,
 * `az-Arab` stays Arab. ICU's own text info misses languages it has no data
 * for (it calls Dhivehi left to right), the script does not.
 */
const RTL_SCRIPTS = new Set([
  'Adlm', // Adlam (Fulani)
  'Arab', // Arabic, Persian, Urdu, Pashto, Sindhi, Uyghur, Sorani…
  'Hebr', // Hebrew, Yiddish
  'Mand', // Mandaic
  'Nkoo', // N'Ko
  'Rohg', // Hanifi Rohingya
  'Samr', // Samaritan
  'Syrc', // Syriac
  'Thaa', // Thaana (Dhivehi)
  'Yezi', // Yezidi
]);

export type Direction = 'ltr' | 'rtl';

export function directionOf(lang: string): Direction {
  try {
    const script = new Intl.Locale(lang).maximize().script;
    return script && RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}

/** The language's name in itself ("Nederlands", "Русский"), for the language switcher; the tag when ICU has no name (`qps-ploc`). */
export function autonym(lang: string): string {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'language', fallback: 'none' }).of(lang);
    if (!name) return lang;
    // ICU writes some autonyms in lower case ("русский"); a menu entry starts with a capital in the language's own rules.
    return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
  } catch {
    return lang;
  }
}

/**
 * BCP 47 syntax (language, then subtags of letters and digits). A language
 * becomes a directory name in the output, so anything else (`..`, `/`, spaces)
 * is a usage error rather than a path.
 */
const TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;

export function checkLanguageTag(lang: string, where = '--to'): string {
  if (!TAG.test(lang)) throw new UsageError(`${where} expects BCP 47 language tags like "af" or "pt-BR", got "${lang}"`);
  return lang;
}
