import { readdir } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import type { Project } from '../config/index.js';
import { InputError } from '../core/errors.js';

/** `locales/<lng>/`. */
export function localeDir(project: Project, language: string): string {
  return resolve(project.root, project.config.locales, language);
}

/** `locales/<lng>/<ns>.json`; a namespace may name a subfolder (`admin/users`). */
export function localeFile(project: Project, language: string, namespace: string): string {
  return resolve(localeDir(project, language), `${namespace}.json`);
}

/** Namespaces present for a language (JSON files, recursively), sorted; none when the directory does not exist. */
export async function listNamespaces(project: Project, language: string): Promise<string[]> {
  const dir = localeDir(project, language);
  let entries: string[];
  try {
    entries = (await readdir(dir, { recursive: true })) as string[];
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return [];
    throw new InputError(`cannot read locales directory (${code ?? String(error)})`, { file: dir });
  }
  return entries
    .filter((p) => p.endsWith('.json'))
    .map((p) => p.slice(0, -'.json'.length).split(sep).join('/'))
    .sort();
}
