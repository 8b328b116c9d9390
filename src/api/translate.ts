import { dirname, resolve } from 'node:path';
import type { Project } from '../config/index.js';
import { UsageError } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/logger.js';
import { createEngine, engineFor, engineProfile, type Engine } from '../engines/index.js';
import { projectLockFile, withProjectLock, type LockOptions } from '../project/index.js';
import { openMemory } from '../memory/index.js';
import { translateArticles, translateStrings as fillStrings, type RunOptions, type StringsSummary, type TranslateSummary } from '../pipeline/index.js';
import { createLocalQueue, loadBullmq, type EngineJob, type EngineProfile, type JobQueue, type QueueCounts, type QueueLimits } from '../queue/index.js';
import { checkSettings } from './check-settings.js';
import { remoteQueueOf } from './remote-queue.js';

/** What a caller (the CLI, a CMS hook, a build script) may choose for a run through the engines. */
export interface TranslateRunOptions {
  /** Target languages. @default `articleLanguages` for articles, `targetLanguages` for UI strings */
  to?: readonly string[];
  /** One engine for every language instead of the config's `engines`. */
  engine?: string;
  /** Server URL for the engine (LibreTranslate, DeepL- or OpenAI-compatible), overriding `engineOptions.<engine>.url`. */
  engineUrl?: string;
  /** An Apertium APY server instead of the local command. */
  apertiumUrl?: string;
  /** Model for OpenAI-compatible engines. */
  model?: string;
  /** Engine requests in flight per engine (1-64). @default `pipeline.concurrency` */
  concurrency?: number;
  /** Send nothing, write nothing: count what would be sent. */
  dryRun?: boolean;
  /** Where API keys are read from. @default process.env */
  env?: NodeJS.ProcessEnv;
  /**
   * The project lock (`.tolk/lock`) a writing run holds, so two runs on one
   * project (a CLI and a CMS hook) queue up rather than pay twice: how to wait
   * and what to say. A dry run takes none. @default wait silently
   */
  lock?: Omit<LockOptions, 'command'>;
  logger?: Logger;
  signal?: AbortSignal;
  /**
   * With a remote queue: the queue's jobs across every producer and worker
   * (waiting / active / done / failed), every `queueEveryMs` while the run
   * lasts and once when it ends (`final`). The summary's `queue` holds the last.
   */
  onQueue?: (counts: QueueCounts, final: boolean) => void;
  /** @default 1000 */
  queueEveryMs?: number;
}

export interface TranslateArticlesRunOptions extends TranslateRunOptions {
  /** Only source articles matching this glob (relative to `articles/<sourceLanguage>/`). */
  articles?: string;
  /** Rebuild localized articles even when up to date or not written by tolk. */
  force?: boolean;
  onProgress?: (event: { language: string; done: number; total: number }) => void;
}

/** Localize the project's articles: memory first, engines for the rest, articles written atomically. */
export async function translate(project: Project, options: TranslateArticlesRunOptions = {}): Promise<TranslateSummary> {
  return locked(project, 'tolk translate', options, () => translateUnlocked(project, options));
}

async function translateUnlocked(project: Project, options: TranslateArticlesRunOptions): Promise<TranslateSummary> {
  const { config } = project;
  const settings = await checkSettings(project);
  return withEngines(project, options, options.to ?? config.articleLanguages, (run) =>
    translateArticles({
      ...run,
      fuzzyThreshold: config.memory.fuzzyThreshold,
      ...settings,
      stateDir: dirname(resolve(project.root, config.memory.path)),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.articles ? { articles: options.articles } : {}),
      ...(options.force ? { force: true } : {}),
    }),
  );
}

/** Fill the UI strings `tolk check` reports missing, never overwriting a value. */
export async function translateStrings(project: Project, options: TranslateRunOptions = {}): Promise<StringsSummary> {
  return locked(project, 'tolk translate --strings', options, () =>
    withEngines(project, options, options.to ?? project.config.targetLanguages, (run) => fillStrings(run)),
  );
}

/** A writing run holds the project lock; a dry run writes nothing and neither waits for nor blocks one. */
function locked<T>(project: Project, command: string, options: TranslateRunOptions, work: () => Promise<T>): Promise<T> {
  if (options.dryRun) return work();
  return withProjectLock(projectLockFile(project.root), { command, ...(options.signal ? { signal: options.signal } : {}), ...options.lock }, work);
}

/**
 * Engines, their queues and the memory for one run, closed afterwards. Engines
 * are created first, so a missing key or unknown engine stops the run before
 * any work.
 */
async function withEngines<T extends { queue?: QueueCounts }>(project: Project, options: TranslateRunOptions, languages: readonly string[], work: (run: RunOptions) => Promise<T>): Promise<T> {
  const { config } = project;
  if (languages.length === 0) throw new UsageError('--to names no language');
  for (const language of languages) if (language === config.sourceLanguage) throw new UsageError(`--to ${language} is the source language`);
  const { concurrency } = options;
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 64)) {
    throw new UsageError(`--concurrency expects a whole number from 1 to 64, got "${concurrency}"`);
  }
  const env = options.env ?? process.env;
  const remote = remoteQueueOf(project, env);
  // With a remote queue the producer only plans: engines are built by workers, with their keys.
  const byName = new Map<string, Engine>();
  const profiles = new Map<string, EngineProfile>();
  const jobOptions = new Map<string, NonNullable<EngineJob['engineOptions']>>();
  const engines = new Map<string, EngineProfile>();
  try {
    for (const language of languages) {
      const name = options.engine ?? engineFor(config.engines, language);
      if (!profiles.has(name)) {
        const settings = config.engineOptions[name] ?? {};
        const url = (name === 'apertium' ? options.apertiumUrl : undefined) ?? options.engineUrl ?? settings.url;
        const model = options.model ?? settings.model;
        const built = { ...(url ? { url } : {}), ...(model ? { model } : {}), ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}) };
        jobOptions.set(name, built);
        if (remote) profiles.set(name, await engineProfile(name, built));
        else {
          const engine = await createEngine(name, { env, ...built });
          byName.set(name, engine);
          profiles.set(name, engine);
        }
      }
      engines.set(language, profiles.get(name)!);
    }
    const limits = (name: string): QueueLimits => {
      const settings = config.engineOptions[name] ?? {};
      return {
        concurrency: concurrency ?? settings.concurrency ?? config.pipeline.concurrency,
        ...(settings.intervalCap ? { intervalCap: settings.intervalCap, interval: settings.interval ?? 1000 } : {}),
      };
    };
    const retry = {
      retries: config.pipeline.retries,
      minDelayMs: config.pipeline.retryDelayMs,
      maxDelayMs: config.pipeline.maxRetryDelayMs,
      maxRetryAfterMs: config.pipeline.maxRetryAfterMs,
    };
    const logger = options.logger ? { logger: options.logger } : {};
    // A dry run sends nothing, so it needs no Redis; a real one learns at once when Redis is not there.
    let queue: JobQueue;
    if (remote) {
      const { checkRedis, createBullmqQueue } = await loadBullmq();
      if (!options.dryRun) await checkRedis(remote.url);
      const kept = remote.keepFinishedSeconds ? { keepFinishedSeconds: remote.keepFinishedSeconds } : {};
      queue = createBullmqQueue({ url: remote.url, ...(remote.prefix ? { prefix: remote.prefix } : {}), ...kept, limits, retry, ...logger });
    } else queue = createLocalQueue({ engines: byName.values(), limits, retry, ...logger });
    const store = openMemory(project);
    const following = remote && !options.dryRun ? followQueue(queue, options) : undefined;
    try {
      const result = await work({
        project,
        store,
        languages: [...languages],
        engines,
        engineOptions: (name) => (Object.keys(jobOptions.get(name) ?? {}).length ? jobOptions.get(name) : undefined),
        queue,
        logger: options.logger ?? silentLogger,
        ...(options.dryRun ? { dryRun: true } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const counts = await following?.end();
      return counts ? { ...result, queue: counts } : result;
    } finally {
      await following?.end();
      await queue.close();
      await store.close();
    }
  } finally {
    for (const engine of byName.values()) await engine.close?.();
  }
}

/**
 * Reads the shared queue's counts while a run lasts (one Redis call per
 * engine queue, never two at once) and hands them to `onQueue`; `end` reads
 * them a last time (none when Redis does not answer within 2 s).
 */
function followQueue(queue: JobQueue, options: TranslateRunOptions): { end(): Promise<QueueCounts | undefined> } {
  let reading: Promise<QueueCounts | undefined> | undefined;
  let ended: Promise<QueueCounts | undefined> | undefined;
  const read = () => (reading ??= (queue.counts?.() ?? Promise.resolve(undefined)).catch(() => undefined).finally(() => (reading = undefined)));
  const timer = setInterval(() => {
    void read().then((counts) => counts && !ended && options.onQueue?.(counts, false));
  }, options.queueEveryMs ?? 1000);
  timer.unref();
  return {
    end: () =>
      (ended ??= (async () => {
        clearInterval(timer);
        let timeout: NodeJS.Timeout | undefined;
        // A read begun before the run ended may miss its last jobs: a fresh one after it.
        const fresh = (async () => (await reading, read()))();
        const counts = await Promise.race([fresh, new Promise<undefined>((resolve) => (timeout = setTimeout(() => resolve(undefined), 2000)))]);
        clearTimeout(timeout);
        if (counts) options.onQueue?.(counts, true);
        return counts;
      })()),
  };
}
