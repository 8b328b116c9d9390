import { readFile } from 'node:fs/promises';
import picomatch from 'picomatch';
import type { Project } from '../config/index.js';
import { sha256 } from '../core/hash.js';
import { decodeText, readText } from '../core/read-text.js';
import { segmentArticle, type SegmentedArticle } from '../markdown/index.js';
import { displayPath, listSourceArticles, localizedPath, sourcePath } from '../project/index.js';
import { readFreshness, readProvenance, type Provenance } from './provenance.js';
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

/**
 * Decides what a run must do, reading only: a localized article whose record
 * names the current source hash and is complete is skipped without parsing
 * anything (the cheap path that makes a no-change run nearly free). Every
 * source that needs work is parsed here, so a bad article stops the run
 * (exit 2) before anything is written.
 */
export async function planRun(
  project: Project,
  languages: readonly string[],
  options: { articles?: string; force?: boolean; cache?: SegmentCache },
): Promise<Plan> {
  const match = options.articles ? picomatch(options.articles) : undefined;
  const paths = (await listSourceArticles(project)).filter((p) => !match || match(p));
  const plan: Plan = { work: [], upToDate: 0 };
  for (const path of paths) {
    const file = sourcePath(project, path);
    const display = displayPath(project, file);
    const bytes = await readFile(file);
    const hash = sha256(bytes);
    const targets: TargetWork[] = [];
    for (const language of languages) {
      const target = localizedPath(project, language, path);
      const existingText = await readText(target, displayPath(project, target)).catch((error: Error & { message: string }) => {
        if (/file not found/.test(error.message)) return undefined;
        throw error;
      });
      const fresh = existingText === undefined || options.force ? undefined : readFreshness(existingText);
      if (fresh?.sourceHash === hash && fresh.complete === 100) {
        plan.upToDate++;
        continue;
      }
      const provenance = existingText === undefined ? undefined : readProvenance(existingText);
      targets.push({
        language,
        file: target,
        ...(existingText !== undefined ? { existing: { text: existingText, ...(provenance ? { provenance } : {}) } } : {}),
      });
    }
    if (targets.length === 0) continue;
    const text = decodeText(bytes, display);
    let article = await options.cache?.get(hash, text, display);
    if (!article) {
      article = segmentArticle(text, {
        sourceLanguage: project.config.sourceLanguage,
        frontMatterFields: project.config.frontMatter.translate,
        file: display,
      });
      await options.cache?.set(hash, article);
    }
    plan.work.push({ path, display, hash, article, targets });
  }
  return plan;
}
