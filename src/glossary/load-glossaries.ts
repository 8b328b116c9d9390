import { existsSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import type { Glossary } from './model.js';
import { readCsvGlossary } from './read-csv.js';
import { readTbx } from './read-tbx.js';

/** The config's glossaries, relative to the project root, merged into one. */
export async function loadGlossaries(root: string, paths: readonly string[]): Promise<Glossary> {
  const concepts = [];
  for (const path of paths) {
    const file = resolve(root, path);
    if (!existsSync(file)) throw new InputError('glossary file not found', { file: path });
    const kind = extname(path).toLowerCase();
    if (kind === '.tbx' || kind === '.xml') concepts.push(...(await readTbx(file, path)));
    else if (kind === '.csv') concepts.push(...(await readCsvGlossary(file, path)));
    else throw new InputError(`unknown glossary format "${kind || '(none)'}": expected .tbx or .csv`, { file: path });
  }
  return { concepts };
}
