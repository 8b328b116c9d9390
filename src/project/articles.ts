import { readdir } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import type { Project } from '../config/index.js';
import { InputError } from '../core/errors.js';

/** Directory of one language's articles. */
export function articlesDir(project: Project, language: string): string {
  return resolve(project.root, project.config.articles, language);
}

/**
 * Source articles as paths relative to `articles/<sourceLanguage>/`, sorted so
 * every run (and every machine) walks them in the same order.
 */
export async function listSourceArticles(project: Project): Promise<string[]> {
  const dir = articlesDir(project, project.config.sourceLanguage);
  let entries: string[];
  try {
    entries = (await readdir(dir, { recursive: true })) as string[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new InputError(`cannot read articles directory (${(error as Error).message})`, { file: dir });
  }
  return entries
    .filter((p) => p.endsWith('.md'))
    .map((p) => p.split(sep).join('/'))
    .sort();
}

/** `articles/<lang>/<same relative path>`; refuses paths that would leave the language directory. */
export function localizedPath(project: Project, language: string, relativePath: string): string {
  const dir = articlesDir(project, language);
  const target = resolve(dir, relativePath);
  if (!target.startsWith(dir + sep)) throw new InputError(`article path escapes ${dir}`, { file: relativePath });
  return target;
}

/** Path shown to people: relative to the project root, with forward slashes. */
export function displayPath(project: Project, absolute: string): string {
  return relative(project.root, absolute).split(sep).join('/');
}

export function sourcePath(project: Project, relativePath: string): string {
  return join(articlesDir(project, project.config.sourceLanguage), relativePath);
}
