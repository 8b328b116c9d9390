import { readFile } from 'node:fs/promises';
import picomatch from 'picomatch';
import type { Project } from '../config/index.js';
import { sha256 } from '../core/hash.js';
import { decodeText, readText } from '../core/read-text.js';
import { segmentArticle, type SegmentedArticle } from '../markdown/index.js';
import { displayPath, listSourceArticles, localizedPath, sourcePath } from '../project/index.js';
import { readFreshness, readProvenance, type Provenance } from '../localized/index.js';
import type { SegmentCache } from './segment-cache.js';

/** One localized article a run has to (re)build. */
export interface TargetWork {
  language: string;
  file: string;
  /** What is on disk now, if anything. */
  existing?: { text: string; provenance?: Provenance };
}

export interface ArticleWork {
  /** Relative to `articles/<sourceLanguage>/`. */
  path: string;
  display: string;
  hash: string;
  article: SegmentedArticle;
  targets: TargetWork[];
}

export interface Plan {
  work: ArticleWork[];
  /** Localized articles already built from the current source and complete. */
  upToDate: number;
}

/** An article a run has to work on, without its text, segments or localized copies: what a whole corpus can keep. */
export interface PlannedArticle {
  path: string;
  display: string;
  hash: string;
  /** The localized articles to (re)build. */
  targets: Array<{ language: string; file: string }>;
  /** Kept only when there is no segment cache to read it back from. */
  article?: SegmentedArticle;
}

export interface PlanOptions {
  articles?: string;
  force?: boolean;
  cache?: SegmentCache;
}

/**
 * Decides what a run must do, reading only: a localized article whose record
 * names the current source hash and is complete is skipped without parsing
 * anything (the cheap path that makes a no-change run nearly free). Every
 * source that needs work is parsed here, so a bad article stops the run
 * (exit 2) before anything is written; with a segment cache the parsed
 * article goes there and is not kept, so planning 5,000 articles holds
 * little more than their names (`loadWork` reads them back in chunks).
 */
export async function planArticles(project: Project, languages: readonly string[], options: PlanOptions): Promise<{ articles: PlannedArticle[]; upToDate: number }> {
  const match = options.articles ? picomatch(options.articles) : undefined;
  const paths = (await listSourceArticles(project)).filter((p) => !match || match(p));
  const result: { articles: PlannedArticle[]; upToDate: number } = { articles: [], upToDate: 0 };
  for (const path of paths) {
    const file = sourcePath(project, path);
    const display = displayPath(project, file);
    const bytes = await readFile(file);
    const hash = sha256(bytes);
    const targets: PlannedArticle['targets'] = [];
    for (const language of languages) {
      const target = localizedPath(project, language, path);
      // Read even under --force: an unreadable localized file stops the run here, before anything is written.
      const existing = await readExisting(project, target);
      const fresh = existing === undefined || options.force ? undefined : readFreshness(existing);
      if (fresh?.sourceHash === hash && fresh.complete === 100) {
        result.upToDate++;
        continue;
      }
      targets.push({ language, file: target });
    }
    if (targets.length === 0) continue;
    const planned: PlannedArticle = { path, display, hash, targets };
    if (!(await options.cache?.has(hash))) {
      const article = segment(project, decodeText(bytes, display), display);
      if (options.cache) await options.cache.set(hash, article);
      else planned.article = article;
    }
    result.articles.push(planned);
  }
  return result;
}

/**
 * Planned articles with their segments (from the cache, else parsed) and
 * their localized copies as they are on disk now: one chunk of a run.
 */
export async function loadWork(project: Project, articles: readonly PlannedArticle[], cache?: SegmentCache): Promise<ArticleWork[]> {
  const work: ArticleWork[] = [];
  for (const planned of articles) {
    const { path, display } = planned;
    const bytes = await readFile(sourcePath(project, path));
    const hash = sha256(bytes);
    const text = decodeText(bytes, display);
    // A source changed since planning is parsed as it is now.
    let article = hash === planned.hash ? (planned.article ?? (await cache?.get(hash, text, display))) : undefined;
    if (!article) {
      article = segment(project, text, display);
      await cache?.set(hash, article);
    }
    const targets: TargetWork[] = [];
    for (const { language, file } of planned.targets) {
      const existing = await readExisting(project, file);
      const provenance = existing === undefined ? undefined : readProvenance(existing);
      targets.push({ language, file, ...(existing !== undefined ? { existing: { text: existing, ...(provenance ? { provenance } : {}) } } : {}) });
    }
    work.push({ path, display, hash, article, targets });
  }
  return work;
}

/** The whole plan at once: for commands that need every article together (sync, check); `tolk translate` works in chunks. */
export async function planRun(project: Project, languages: readonly string[], options: PlanOptions): Promise<Plan> {
  const { articles, upToDate } = await planArticles(project, languages, options);
  return { work: await loadWork(project, articles, options.cache), upToDate };
}

const segment = (project: Project, text: string, file: string) =>
  segmentArticle(text, { sourceLanguage: project.config.sourceLanguage, frontMatterFields: project.config.frontMatter.translate, file });

async function readExisting(project: Project, file: string): Promise<string | undefined> {
  return readText(file, displayPath(project, file)).catch((error: Error & { message: string }) => {
    if (/file not found/.test(error.message)) return undefined;
    throw error;
  });
}
