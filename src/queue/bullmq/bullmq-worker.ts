import { Queue, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Logger } from '../../core/logger.js';
import type { Engine } from '../../engines/index.js';
import { RetryableEngineError } from '../../engines/index.js';
import type { MemoryStore, MemoryWrite } from '../../memory/index.js';
import type { EngineJob, EngineResult } from '../job.js';
import type { RetryPolicy } from '../retry.js';
import { runJob } from '../run-job.js';
import { connectionFor, DEFAULT_PREFIX } from './connection.js';

export interface BullmqWorkerOptions {
  url: string;
  /** @default "tolk" */
  prefix?: string;
  /** Engine queues this worker takes jobs from. */
  engines: readonly string[];
  /** The engine that runs a job (built from the registry with the job's options and this machine's keys). */
  engineFor: (job: EngineJob) => Promise<Engine>;
  /** Jobs this process runs at once, per engine queue (the queue's global concurrency bounds all workers together). @default 2 */
  concurrency?: number;
  retry: RetryPolicy;
  /**
   * The shared memory: answers are stored here before the job is acknowledged,
   * as `writes` makes them (the pipeline's `answerWrites`: what the producer
   * would store). None: nothing is stored (tests).
   */
  store?: { memory: MemoryStore; writes: (job: EngineJob, result: EngineResult, engine: Engine) => { writes: MemoryWrite[]; asProducer: boolean } };
  /** A job whose worker stopped answering is given to another after this long. @default 30000 */
  lockDurationMs?: number;
  logger?: Logger;
}

export interface WorkerHealth {
  /** Jobs this worker finished (answers, failure results included) and failed (could not run or store). */
  done: number;
  failed: number;
  /** Jobs waiting in this worker's engine queues, from every producer. */
  waiting: number;
  active: number;
}

export interface BullmqWorker {
  health(): Promise<WorkerHealth>;
  /** Jobs finished and failed by this worker so far (no Redis needed). */
  readonly done: number;
  readonly failed: number;
  /** Stops taking jobs and waits for the running ones to finish (and be stored). */
  close(): Promise<void>;
}

/** What a failed attempt leaves in the job's progress: the requests it cost, and an answer the memory refused, kept for the next attempt. */
interface Progress {
  attempts?: number;
  result?: EngineResult;
}

/**
 * The worker side of the BullMQ queue: takes jobs from its engines' queues,
 * runs each through `runJob` (retries and Retry-After in the job; a 429 also
 * pauses the whole queue for every worker, BullMQ's manual rate limit), stores
 * the answer in the shared memory, and only then acknowledges it. A failure
 * result fails the job without BullMQ retries (the engine was asked as often
 * as the policy allows); a failure to store is retried with backoff, without
 * asking the engine again.
 */
export async function createBullmqWorker(options: BullmqWorkerOptions): Promise<BullmqWorker> {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const connection = connectionFor(options.url);
  let done = 0;
  let failed = 0;
  const queues = new Map(options.engines.map((name) => [name, new Queue(name, { connection, prefix })]));
  for (const queue of queues.values()) queue.on('error', () => {});

  const processJob = async (job: Job<EngineJob, EngineResult>): Promise<EngineResult> => {
    const data = job.data;
    const kept = (job.progress as Progress | undefined)?.result;
    const engine = await options.engineFor(data);
    // While the engine works, the memory stores what depends on the sources alone (PostgreSQL: the sources and their
    // fuzzy index): the store after the answer, which the engine slot waits for, is then the translations.
    const sources = (data.memory?.segments ?? []).flatMap((m, i) => (data.segments[i] ? [{ sourceLanguage: data.sourceLanguage, source: m.source, segmentId: data.segments[i]!.id }] : []));
    const preparing = kept ? undefined : options.store?.memory.prepare?.(sources);
    // Not this job's failure: the write stores the sources itself.
    preparing?.catch(() => {});
    try {
      return await answer(job, engine, kept, preparing);
    } finally {
      // Settled before the job is: a worker closing after its last job closes no memory a prepare still uses.
      await preparing?.catch(() => {});
    }
  };

  /** The job's answer (asked, or kept from an attempt whose store failed), stored once `preparing` has settled. */
  const answer = async (job: Job<EngineJob, EngineResult>, engine: Engine, kept: EngineResult | undefined, preparing: Promise<void> | undefined): Promise<EngineResult> => {
    const data = job.data;
    const result =
      kept ??
      (await runJob(engine, data, options.retry, {
        ...(options.logger ? { logger: options.logger } : {}),
        onRetry: (error) => {
          if (error instanceof RetryableEngineError && error.retryAfterMs) void queues.get(data.engine)?.rateLimit(error.retryAfterMs).catch(() => {});
        },
      }));
    if (result.failure !== undefined) {
      await job.updateProgress({ attempts: result.attempts } satisfies Progress);
      throw new UnrecoverableError(result.failure);
    }
    await preparing?.catch(() => {});
    try {
      const made = options.store?.writes(data, result, engine);
      if (made?.writes.length) await options.store!.memory.write(made.writes);
      // The producer skips its own write of what is stored as it would store it.
      if (made?.asProducer && made.writes.length) return { ...result, stored: true };
    } catch (error) {
      await job.updateProgress({ attempts: result.attempts, result } satisfies Progress);
      throw error;
    }
    return result;
  };

  const workers = options.engines.map((name) => {
    const worker = new Worker<EngineJob, EngineResult>(name, processJob, {
      connection,
      prefix,
      concurrency: options.concurrency ?? 2,
      lockDuration: options.lockDurationMs ?? 30_000,
      stalledInterval: Math.max(1000, Math.round((options.lockDurationMs ?? 30_000) / 2)),
      maxStalledCount: 2,
    });
    worker.on('completed', () => void done++);
    worker.on('failed', (job) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) failed++;
      else if (job?.failedReason) options.logger?.warn(`worker: ${name} job ${job.id?.slice(0, 12)}: ${job.failedReason} (will retry)`);
    });
    worker.on('error', (error) => options.logger?.warn(`worker: ${name}: ${error.message}`));
    return worker;
  });
  await Promise.all(workers.map((w) => w.waitUntilReady()));

  return {
    get done() {
      return done;
    },
    get failed() {
      return failed;
    },
    async health() {
      let waiting = 0;
      let active = 0;
      for (const queue of queues.values()) {
        const counts = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active');
        waiting += (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.delayed ?? 0);
        active += counts.active ?? 0;
      }
      return { done, failed, waiting, active };
    },
    async close() {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}
