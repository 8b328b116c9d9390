import type { Project } from '../config/index.js';
import { ConfigError } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/logger.js';
import { createEngine, engineNames, type Engine } from '../engines/index.js';
import { openMemory } from '../memory/index.js';
import { answerWrites, checksFingerprint } from '../pipeline/index.js';
import { loadBullmq, redactRedisUrl, type EngineJob, type EngineResult, type WorkerHealth } from '../queue/index.js';
import { checkSettings } from './check-settings.js';
import { remoteQueueOf } from './remote-queue.js';

export interface WorkerRunOptions {
  /** Engine queues to take jobs from. @default every engine the config's `engines` names */
  engines?: readonly string[];
  /** Jobs run at once per engine by this process; the engine's `concurrency` still bounds all workers together. @default 2 */
  concurrency?: number;
  /** Where API keys are read from. @default process.env */
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** Stops the worker: running jobs finish (and are stored) first. */
  signal?: AbortSignal;
  /** A health report this often. @default 60000 */
  healthEveryMs?: number;
  onHealth?: (health: WorkerHealth & { engines: readonly string[] }) => void;
  /** Called once the worker takes jobs. */
  onReady?: (info: { engines: readonly string[]; queue: string }) => void;
}

/**
 * `tolk worker`: takes engine jobs from the team's Redis, runs them with this
 * machine's keys, stores every answer in the shared memory before
 * acknowledging it, until `signal` aborts. Redis or the memory unreachable at
 * start is a ConfigError (exit 2) saying which host and what to check.
 */
export async function runWorker(project: Project, options: WorkerRunOptions = {}): Promise<WorkerHealth> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? silentLogger;
  const remote = remoteQueueOf(project, env);
  if (!remote) throw new ConfigError('tolk worker needs a queue: set queue.url in tolk.config.json (or TOLK_QUEUE_URL) to the team\'s redis:// server');
  const names = [...new Set(options.engines ?? Object.values(project.config.engines))];
  for (const name of names) if (!engineNames().includes(name)) throw new ConfigError(`unknown engine "${name}"; expected one of: ${engineNames().join(', ')}`);
  const { checkRedis, createBullmqWorker } = await loadBullmq();
  await checkRedis(remote.url);
  const store = openMemory(project, undefined, env);
  const built = new Map<string, Promise<Engine>>();
  try {
    // The memory answers now or the worker does not start (a ConfigError naming the host).
    await store.lookup(['0000000000000000'], project.config.sourceLanguage);
    // One engine per name and options; keys from this machine's environment, never from the job.
    const engineFor = (job: EngineJob): Promise<Engine> => {
      const key = JSON.stringify([job.engine, job.engineOptions ?? {}]);
      let engine = built.get(key);
      if (!engine) {
        engine = createEngine(job.engine, { env, ...job.engineOptions });
        engine.catch(() => built.delete(key));
        built.set(key, engine);
      }
      return engine;
    };
    // Answers stored as the producer stores them (findings included) when the job says it checks as this project does.
    const settings = await checkSettings(project);
    const fingerprint = checksFingerprint(settings);
    const warned = new Set<string>();
    const writes = (job: EngineJob, result: EngineResult, engine: Engine) => {
      const theirs = job.memory?.checks;
      if (theirs && theirs !== fingerprint && !warned.has(theirs)) {
        warned.add(theirs);
        logger.warn(`worker: a producer checks with another glossary or QA settings than ${project.root}: its answers are stored without findings until it stores its own`);
      }
      return { writes: answerWrites(job, result, engine, settings), asProducer: theirs === fingerprint };
    };
    const worker = await createBullmqWorker({
      url: remote.url,
      ...(remote.prefix ? { prefix: remote.prefix } : {}),
      ...(remote.lockDurationMs ? { lockDurationMs: remote.lockDurationMs } : {}),
      engines: names,
      engineFor,
      concurrency: options.concurrency ?? 2,
      retry: {
        retries: project.config.pipeline.retries,
        minDelayMs: project.config.pipeline.retryDelayMs,
        maxDelayMs: project.config.pipeline.maxRetryDelayMs,
        maxRetryAfterMs: project.config.pipeline.maxRetryAfterMs,
      },
      store: { memory: store, writes },
      logger,
    });
    options.onReady?.({ engines: names, queue: redactRedisUrl(remote.url) });
    const report = async () => {
      try {
        options.onHealth?.({ ...(await worker.health()), engines: names });
      } catch (error) {
        logger.warn(`worker: no health from Redis at ${redactRedisUrl(remote.url)}: ${(error as Error).message}`);
      }
    };
    const timer = setInterval(() => void report(), options.healthEveryMs ?? 60_000);
    try {
      await new Promise<void>((resolve) => {
        if (options.signal?.aborted) resolve();
        options.signal?.addEventListener('abort', () => resolve(), { once: true });
      });
    } finally {
      clearInterval(timer);
      await worker.close();
    }
    return { done: worker.done, failed: worker.failed, waiting: 0, active: 0 };
  } finally {
    await store.close();
    for (const engine of built.values()) await engine.then((e) => e.close?.(), () => {});
  }
}
