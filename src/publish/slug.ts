import { InputError } from '../core/errors.js';

/**
 * One path segment of a slug: letters (any script), digits, combining marks,
 * `_`, `-` and inner dots. It starts with a letter or digit, so `.`, `..` and
 * hidden files cannot be named, and `/`, `\`, spaces, `%`, `?` and `#` never
 * reach a file name or a URL.
 */
const SEGMENT = /^[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}._-]*[\p{L}\p{M}\p{N}_-])?$/u;
const MAX_LENGTH = 200;
/** `<lang>/index.html` and `index.json` are the export's own. */
const RESERVED = new Set(['index']);

/** `2024/kazachstan-parijs.md` → `2024/kazachstan-parijs`. */
export function slugFromPath(relativePath: string): string {
  return relativePath.replace(/\.md$/i, '');
}

/**
 * A slug (`2024/kazachstan-parijs`) as it will be used in file names and
 * URLs, or an input error naming the file it came from. Slugs come from file
 * names and from front matter a translator can edit, so they are checked
 * before anything is written.
 */
export function checkSlug(slug: unknown, file: string): string {
  if (typeof slug !== 'string') throw new InputError(`slug must be a string, got ${JSON.stringify(slug)}`, { file });
  const normalized = slug.normalize('NFC');
  const problem =
    normalized.length === 0 || normalized.length > MAX_LENGTH
      ? `1 to ${MAX_LENGTH} characters`
      : !normalized.split('/').every((segment) => SEGMENT.test(segment))
        ? 'path segments of letters, digits, "-", "_" and inner dots, separated by "/"'
        : RESERVED.has(normalized)
          ? `a name other than ${[...RESERVED].map((r) => `"${r}"`).join(', ')} (the export's own pages)`
          : undefined;
  if (problem) throw new InputError(`slug must be ${problem}, got ${JSON.stringify(slug)}`, { file });
  return normalized;
}
