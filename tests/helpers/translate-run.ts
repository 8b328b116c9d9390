import { loadProject } from '../../src/config/index.js';
import type { Engine } from '../../src/engines/index.js';
import type { MemoryStore } from '../../src/memory/index.js';
import { translateArticles, type TranslateOptions, type TranslateSummary } from '../../src/pipeline/index.js';
import { createLocalQueue } from '../../src/queue/index.js';

export interface TranslateRun extends Partial<Omit<TranslateOptions, 'engines' | 'store'>> {
  /** Target language → engine; the run's languages unless `languages` says otherwise. */
  engines: Record<string, Engine>;
  store: MemoryStore;
  /** Jobs at once per engine. @default 1 */
  concurrency?: number;
  /** Retries of a failed job, 1–5 ms apart. @default 0 */
  retries?: number;
}

/**
 * The real pipeline over the project at `root` with in-process engines and
 * the local queue: what every pipeline test sets up. The caller owns the store.
 */
export async function translateWith(root: string, { engines, store, concurrency = 1, retries = 0, ...extra }: TranslateRun): Promise<TranslateSummary> {
  return translateArticles({
    project: await loadProject({ root }),
    store,
    languages: Object.keys(engines),
    engines: new Map(Object.entries(engines)),
    queue: createLocalQueue({ engines: new Set(Object.values(engines)), limits: () => ({ concurrency }), retry: { retries, minDelayMs: 1, maxDelayMs: 5 } }),
    fuzzyThreshold: 75,
    ...extra,
  });
}
