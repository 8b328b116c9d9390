import { extname, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import type { Glossary } from './model.js';
import { readCsvGlossary } from './read-csv.js';
import { readTbx, type ReadGlossaryOptions } from './read-tbx.js';

/** Glossary readers by file extension (lowercase). */
const READERS: Readonly<Record<string, (path: string, options: ReadGlossaryOptions) => Promise<Glossary>>> = {
  '.tbx': readTbx,
  '.xml': readTbx,
  '.csv': readCsvGlossary,
};

/**
 * The config's glossary files, relative to the project root, merged into one
 * glossary in the order given. Concepts and errors name each file as it is
 * written in the config. A file that is missing, of an unknown kind or not
 * readable as its kind is an InputError.
 */
export async function loadGlossaries(root: string, paths: readonly string[]): Promise<Glossary> {
  const results = await Promise.allSettled(paths.map((path) => loadGlossary(root, path)));
  // Every file is read at once, but the error reported is the first file's, not the fastest to fail.
  const failed = results.find((result) => result.status === 'rejected');
  if (failed) throw failed.reason;
  return { concepts: results.flatMap((result) => (result.status === 'fulfilled' ? result.value.concepts : [])) };
}

function loadGlossary(root: string, path: string): Promise<Glossary> {
  const kind = extname(path).toLowerCase();
  const read = READERS[kind];
  if (!read) {
    const found = kind ? `"${kind}"` : 'no extension';
    return Promise.reject(new InputError(`unknown glossary format (${found}): expected a .tbx, .xml or .csv file`, { file: path }));
  }
  return read(resolve(root, path), { displayName: path });
}
