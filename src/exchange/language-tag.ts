/**
 * BCP 47 casing, the form tolk stores languages in: `EN-us` → `en-US`,
 * `zh-hant-tw` → `zh-Hant-TW`, `en_GB` (POSIX style, which some tools write)
 * → `en-GB`. Only casing and separators change; codes are not remapped
 * (Intl.getCanonicalLocales would turn `iw` into `he` and throw on odd tags),
 * so a tag matches the one the user configured.
 */
export function normalizeLanguageTag(tag: string): string {
  let afterSingleton = false;
  return tag
    .trim()
    .split(/[-_]/)
    .filter(Boolean)
    .map((subtag, index) => {
      const lower = subtag.toLowerCase();
      // After `x-` or `u-` (or in `x-…`/`i-…` tags) everything is lowercase by convention.
      if (lower.length === 1) afterSingleton = true;
      if (index === 0 || afterSingleton) return lower;
      if (/^[a-z]{2}$/.test(lower)) return lower.toUpperCase();
      if (/^[a-z]{4}$/.test(lower)) return lower[0]!.toUpperCase() + lower.slice(1);
      return lower;
    })
    .join('-');
}
