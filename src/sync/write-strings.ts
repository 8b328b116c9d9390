import { readFile } from 'node:fs/promises';
import type { Project } from '../config/index.js';
import { writeFileAtomic } from '../core/atomic-write.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { setKey, stringValue } from '../strings/index.js';
import type { IndexedString } from './string-index.js';

/** A translator's translation of one UI string, to be written to every key it is the source of. */
export interface StringUpdate {
  entry: IndexedString;
  /** Tagged, checked against the source. */
  target: string;
  /** The memory's translation before this import: a file value equal to it was put there by tolk. */
  previous?: string;
  /** Where it came from, for messages: `t.xlf (unit 3f2a…)`. */
  from: string;
}

export interface WriteStringsResult {
  /** Locale files written (display paths). */
  written: string[];
  diagnostics: Diagnostic[];
}

/**
 * Translations into the target language's locale files, one atomic write
 * per namespace file that changes. A translator's work replaces a machine
 * fill and an earlier value tolk wrote; a value the memory never held was
 * typed into the JSON by a person, so replacing it is reported (with the old
 * text), never silent. Keys already holding the new value are left alone, so
 * a second import writes nothing.
 */
export async function writeStrings(project: Project, language: string, updates: readonly StringUpdate[]): Promise<WriteStringsResult> {
  const result: WriteStringsResult = { written: [], diagnostics: [] };
  const files = new Map<string, { display: string; json: Record<string, unknown> | undefined; changed: boolean }>();
  for (const update of updates) {
    const value = stringValue(update.entry, update.target);
    if ('problem' in value) continue; // judged before: never reached
    const previous = update.previous === undefined ? undefined : stringValue(update.entry, update.previous);
    for (const key of update.entry.keys) {
      if (key.value === value.value) continue;
      let file = files.get(key.file);
      if (!file) {
        file = { display: key.display, json: await readJson(key.file), changed: false };
        files.set(key.file, file);
      }
      file.json ??= {};
      if (!setKey(file.json, key.key, value.value)) {
        result.diagnostics.push({ severity: 'error', rule: 'string-shape', message: `"${key.key}" cannot be set: an object or a string is in the way`, file: key.display, language, key: key.key });
        continue;
      }
      file.changed = true;
      if (key.value !== undefined && !(previous && 'value' in previous && previous.value === key.value)) {
        result.diagnostics.push({
          severity: 'warning',
          rule: 'string-superseded',
          message: `"${key.key}" was "${key.value}" (written here by hand, not in the memory); replaced by the translation from ${update.from}`,
          file: key.display,
          language,
          key: key.key,
        });
      }
    }
  }
  for (const [path, file] of files) {
    if (!file.changed) continue;
    await writeFileAtomic(path, `${JSON.stringify(file.json, null, 2)}\n`);
    result.written.push(file.display);
  }
  return result;
}

/** The file as indexStrings read it (already validated); undefined when it does not exist yet. */
async function readJson(path: string): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
