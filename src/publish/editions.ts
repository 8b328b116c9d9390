import { readFile } from 'node:fs/promises';
import type { Project } from '../config/index.js';
import { InputError } from '../core/errors.js';
import { sha256 } from '../core/hash.js';
import { decodeText } from '../core/read-text.js';
import { readFrontMatterBlock, segmentArticle, type FrontMatterBlock } from '../markdown/index.js';
import { readProvenance, shortId, type Provenance } from '../localized/index.js';
import { displayPath, listSourceArticles, localizedPath, sourcePath } from '../project/index.js';
import { measure, passes, type Coverage } from './gate.js';
import type { HoldReason } from './options.js';
import { checkSlug, slugFromPath } from './slug.js';

/** A source article, read once for every language. */
export interface SourceArticle {
  /** Relative to `articles/<sourceLanguage>/`, with `/`. */
  path: string;
  /** `<sourceLanguage>/<path>`, as records name it. */
  id: string;
  /** Relative to the project root. */
  file: string;
  text: string;
  /** sha256 of the file's bytes, as records store it. */
  hash: string;
  frontMatter: FrontMatterBlock | undefined;
  /** The current source's segment ids (12 digits) in document order, computed when first needed. */
  ids(): string[];
}

/** One article in one language that passed the gate: what the render phase needs. */
export interface Edition {
  source: SourceArticle;
  lang: string;
  /** The Markdown read, relative to the project root. */
  file: string;
  text: string;
  frontMatter: FrontMatterBlock | undefined;
  /** Undefined for the source language and for articles written by hand. */
  record: Provenance | undefined;
  /** Undefined for the source language, which is complete by definition (counted when rendered). */
  coverage: Coverage | undefined;
  slug: string;
}

export interface HeldBack {
  source: SourceArticle;
  lang: string;
  complete: number;
  reason: HoldReason;
  /** The slug its files would have, to remove what an earlier export wrote. */
  slug: string;
}

export interface Plan {
  sources: SourceArticle[];
  editions: Edition[];
  heldBack: HeldBack[];
}

/**
 * Reads every source article and its localized copies, measures each against
 * the gate and checks slugs. Reading only: a bad article, front matter or
 * slug stops the export here, before anything is written. An abort stops
 * the reading; the caller then writes nothing.
 */
export async function planExport(project: Project, languages: readonly string[], minComplete: number, signal?: AbortSignal): Promise<Plan> {
  const plan: Plan = { sources: [], editions: [], heldBack: [] };
  const sourceLanguage = project.config.sourceLanguage;
  for (const path of await listSourceArticles(project)) {
    if (signal?.aborted) break;
    const source = await readSource(project, path);
    if (!source) continue;
    plan.sources.push(source);
    for (const lang of languages) {
      if (lang === sourceLanguage) {
        plan.editions.push({ source, lang, file: source.file, text: source.text, frontMatter: source.frontMatter, record: undefined, coverage: undefined, slug: slugOf(source, source.frontMatter, source.file) });
        continue;
      }
      const target = localizedPath(project, lang, path);
      const file = displayPath(project, target);
      const text = await readOptional(target, file);
      if (text === undefined) {
        plan.heldBack.push({ source, lang, complete: 0, reason: 'missing', slug: slugOf(source, undefined, file) });
        continue;
      }
      const frontMatter = readFrontMatterBlock(text, file);
      const slug = slugOf(source, frontMatter, file);
      const record = readProvenance(text);
      const coverage = measure(record, source.hash, source.ids);
      if (passes(coverage, minComplete)) plan.editions.push({ source, lang, file, text, frontMatter, record, coverage, slug });
      else plan.heldBack.push({ source, lang, complete: coverage.complete, reason: 'incomplete', slug });
    }
  }
  refuseDuplicateSlugs(plan.editions);
  return plan;
}

async function readSource(project: Project, path: string): Promise<SourceArticle | undefined> {
  const absolute = sourcePath(project, path);
  const file = displayPath(project, absolute);
  let bytes: Buffer;
  try {
    bytes = await readFile(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined; // removed since it was listed
    throw new InputError(`cannot read file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { file });
  }
  const text = decodeText(bytes, file);
  let ids: string[] | undefined;
  return {
    path,
    id: `${project.config.sourceLanguage}/${path}`,
    file,
    text,
    hash: sha256(bytes),
    frontMatter: readFrontMatterBlock(text, file),
    ids: () =>
      (ids ??= segmentArticle(text, { sourceLanguage: project.config.sourceLanguage, frontMatterFields: project.config.frontMatter.translate, file }).segments.map((s) =>
        shortId(s.id),
      )),
  };
}

async function readOptional(path: string, file: string): Promise<string | undefined> {
  try {
    return decodeText(await readFile(path), file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError(`cannot read file (${(error as NodeJS.ErrnoException).code ?? String(error)})`, { file });
  }
}

/**
 * The article's own `slug:` (a localized article may have its own), else the
 * source's, else its path without `.md`; checked either way.
 */
function slugOf(source: SourceArticle, frontMatter: FrontMatterBlock | undefined, file: string): string {
  const own = frontMatter?.data.slug;
  if (own !== undefined) return checkSlug(own, file);
  const inherited = source.frontMatter?.data.slug;
  if (inherited !== undefined) return checkSlug(inherited, source.file);
  return checkSlug(slugFromPath(source.path), source.file);
}

function refuseDuplicateSlugs(editions: readonly Edition[]): void {
  const seen = new Map<string, Edition>();
  for (const edition of editions) {
    // Case-insensitive file systems would put both in one file.
    const key = `${edition.lang}/${edition.slug.toLowerCase()}`;
    const other = seen.get(key);
    if (other) throw new InputError(`slug "${edition.slug}" is also the slug of ${other.file}; two ${edition.lang} articles cannot share one`, { file: edition.file });
    seen.set(key, edition);
  }
}
