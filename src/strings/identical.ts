/** `strings.identicalAllowed`: a list for every language, or lists per language with `"*"` for all. */
export type IdenticalAllowList = readonly string[] | Readonly<Record<string, readonly string[]>>;

/** Whether a target key may equal its source; a plural form is allowed when its base key is (`readingTime` allows `readingTime_one`). */
export type IdenticalAllowed = (language: string, namespace: string, key: string, base?: string) => boolean;

/**
 * The allow-list for translations that may equal their source. An entry is
 * `key` (any namespace), `ns:key`, or either ending in `*` for a prefix.
 */
export function identicalAllowed(list: IdenticalAllowList): IdenticalAllowed {
  const byLanguage = new Map<string, (name: string) => boolean>();
  const entries = Array.isArray(list) ? { '*': list as readonly string[] } : (list as Readonly<Record<string, readonly string[]>>);
  for (const [language, names] of Object.entries(entries)) byLanguage.set(language, matcher(names));
  const all = byLanguage.get('*');
  return (language, namespace, key, base) => {
    const own = byLanguage.get(language);
    return [key, base].some(
      (k) => k !== undefined && [k, `${namespace}:${k}`].some((name) => Boolean(all?.(name) || own?.(name))),
    );
  };
}

function matcher(names: readonly string[]): (name: string) => boolean {
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const name of names) {
    if (name.endsWith('*')) prefixes.push(name.slice(0, -1));
    else exact.add(name);
  }
  return (name) => exact.has(name) || prefixes.some((p) => name.startsWith(p));
}

const MARKUP = /\{\{.+?\}\}|\$t\([^)]*\)|<\/?[A-Za-z0-9][\w.-]*\s*\/?>/g;

/** True when a string has words of its own: `{{date, datetime}}` or `{{count}} ×` is the same in every language by nature. */
export function hasOwnText(value: string): boolean {
  return /\p{L}/u.test(value.replace(MARKUP, ''));
}
