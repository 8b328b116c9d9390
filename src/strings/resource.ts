import { readFile } from 'node:fs/promises';
import { parseJson } from '../core/json.js';
import { decodeText } from '../core/read-text.js';
import { InputError } from '../core/errors.js';
import { checkBytes, limitsWith, type Limits } from '../core/limits.js';
import { flattenStrings, type FlatStrings } from './flatten.js';

/** One i18next namespace file of one language: `locales/<lng>/<ns>.json`. */
export interface Resource {
  language: string;
  namespace: string;
  /** Path shown to people, relative to the project root. */
  file: string;
  /** The file's text, kept so a finding's line is found only when there is a finding. */
  text: string;
  strings: FlatStrings;
}

/**
 * Reads one namespace file; undefined when it does not exist. Invalid UTF-8
 * or JSON is an InputError naming the file, line and column (exit 2).
 */
export async function readResource(path: string, meta: { language: string; namespace: string; file: string }, limits?: Partial<Limits>): Promise<Resource | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new InputError(`cannot read file (${code ?? String(error)})`, { file: meta.file });
  }
  checkBytes(bytes.length, limitsWith(limits).jsonBytes, 'jsonBytes', meta.file);
  const text = decodeText(bytes, meta.file);
  return { ...meta, text, strings: flattenStrings(parseJson(text, meta.file, limits), meta.file) };
}
