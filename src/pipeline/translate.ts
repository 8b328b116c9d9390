import { readText } from '../core/read-text.js';
import { writeFileAtomic } from '../core/atomic-write.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { sha256 } from '../core/hash.js';
import { silentLogger, type Logger } from '../core/logger.js';
import type { Project } from '../config/index.js';
import type { Engine } from '../engines/index.js';
import { checkTags, reassemble, segmentArticle, tagShape, type SegmentedArticle } from '../markdown/index.js';
import { displayPath, listSourceArticles, localizedPath, sourcePath } from '../project/index.js';

export interface TranslateOptions {
  project: Project;
  languages: string[];
  /** Engine per target language. */
  engineFor: (language: string) => Promise<Engine>;
  dryRun?: boolean;
  logger?: Logger;
  signal?: AbortSignal;
}

export interface LanguageSummary {
  engine: string;
  segments: number;
  engineSegments: number;
  engineCharacters: number;
  failed: number;
}

export interface TranslateSummary {
  segments: number;
  unique: number;
  tmExact: number;
  tmFuzzy: number;
  engineSegments: number;
  engineRequests: number;
  engineCharacters: number;
  failed: Array<{ language: string; segment: string; file: string; reason: string }>;
  written: string[];
  languages: Record<string, LanguageSummary>;
  diagnostics: Diagnostic[];
}

/**
 * Translates every source article into each language: segment, send the
 * unique segments to the engine in batches within its limits, reassemble,
 * write atomically. (Issue C adds the memory, queue and incremental runs.)
 */
export async function translateArticles(options: TranslateOptions): Promise<TranslateSummary> {
  const { project } = options;
  const logger = options.logger ?? silentLogger;
  const summary: TranslateSummary = {
    segments: 0,
    unique: 0,
    tmExact: 0,
    tmFuzzy: 0,
    engineSegments: 0,
    engineRequests: 0,
    engineCharacters: 0,
    failed: [],
    written: [],
    languages: {},
    diagnostics: [],
  };
  const articles: Array<{ path: string; article: SegmentedArticle }> = [];
  for (const path of await listSourceArticles(project)) {
    const file = sourcePath(project, path);
    const text = await readText(file, displayPath(project, file));
    articles.push({
      path,
      article: segmentArticle(text, {
        sourceLanguage: project.config.sourceLanguage,
        frontMatterFields: project.config.frontMatter.translate,
        file: displayPath(project, file),
      }),
    });
  }
  const unique = new Map<string, string>();
  for (const { article } of articles) for (const s of article.segments) unique.set(s.id, s.source);
  summary.segments = articles.reduce((n, a) => n + a.article.segments.length, 0) * options.languages.length;
  summary.unique = unique.size;

  for (const language of options.languages) {
    options.signal?.throwIfAborted();
    const engine = await options.engineFor(language);
    const stats: LanguageSummary = { engine: engine.name, segments: unique.size, engineSegments: 0, engineCharacters: 0, failed: 0 };
    summary.languages[language] = stats;
    const translations = new Map<string, string>();
    for (const batch of batches([...unique], engine.limits)) {
      stats.engineSegments += batch.length;
      stats.engineCharacters += batch.reduce((n, [, s]) => n + s.length, 0);
      summary.engineRequests++;
      if (options.dryRun) continue;
      const results = await engine.translate({
        sourceLanguage: project.config.sourceLanguage,
        targetLanguage: language,
        segments: batch.map(([, s]) => s),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      batch.forEach(([id, source], i) => {
        const text = results[i]?.text;
        const problem = text === undefined ? 'engine returned no translation' : checkTags(tagShape(source), text);
        if (problem) {
          stats.failed++;
          summary.failed.push({ language, segment: id, file: '', reason: problem });
        } else translations.set(id, text!);
      });
    }
    summary.engineSegments += stats.engineSegments;
    summary.engineCharacters += stats.engineCharacters;
    if (options.dryRun) continue;
    for (const { path, article } of articles) {
      const target = localizedPath(project, language, path);
      const result = reassemble(article, {
        lookup: (id) => translations.get(id),
        frontMatter: {
          language,
          tolk: {
            source: `${project.config.sourceLanguage}/${path}`,
            sourceHash: sha256(article.text),
            complete: result100(article, translations),
          },
        },
      });
      summary.diagnostics.push(...result.diagnostics.map((d) => ({ ...d, language })));
      await writeFileAtomic(target, result.text);
      summary.written.push(displayPath(project, target));
      logger.info(`${language}: ${displayPath(project, target)} (${result.translated}/${result.total} segments)`);
    }
  }
  return summary;
}

function result100(article: SegmentedArticle, translations: Map<string, string>): number {
  if (article.segments.length === 0) return 100;
  const done = article.segments.filter((s) => translations.has(s.id)).length;
  return Math.floor((100 * done) / article.segments.length);
}

/** Splits [id, source] pairs into requests within an engine's segment and character limits. */
export function* batches<T extends [string, string]>(items: T[], limits: { maxSegments: number; maxCharacters: number }): Generator<T[]> {
  let batch: T[] = [];
  let characters = 0;
  for (const item of items) {
    const size = item[1].length;
    if (batch.length && (batch.length >= limits.maxSegments || characters + size > limits.maxCharacters)) {
      yield batch;
      batch = [];
      characters = 0;
    }
    batch.push(item);
    characters += size;
  }
  if (batch.length) yield batch;
}
