import { Queue, QueueEvents } from 'bullmq';
import { TolkError } from '../../core/errors.js';
import type { Logger } from '../../core/logger.js';
import { jobId, type EngineJob, type EngineResult } from '../job.js';
import type { JobQueue, QueueCounts, QueueLimits } from '../job-queue.js';
import type { RetryPolicy } from '../retry.js';
import { connectionFor, DEFAULT_PREFIX, redactRedisUrl } from './connection.js';
import { InFlight } from '../in-flight.js';

export interface BullmqQueueOptions {
  /** `redis://host:port`. */
  url: string;
  /** BullMQ key prefix; producers and workers must agree. @default "tolk" */
  prefix?: string;
  /** Concurrency and rate limit of one engine, held across every worker (BullMQ global concurrency and rate limit). */
  limits: (engine: string) => QueueLimits;
  /** A job's attempts after a worker failed it (crash, memory down): BullMQ's exponential backoff from `minDelayMs`. */
  retry: RetryPolicy;
  /** Finished jobs are kept this long, so a producer asking for the same batch gets the answer without paying again. @default 3600 */
  keepFinishedSeconds?: number;
  /** How often the producer checks that its jobs still exist (a Redis restarted without persistence loses them). @default 5000 */
  checkEveryMs?: number;
  /** Redis unreachable this long: waiting jobs reject with a message saying what to check. @default 60000 */
  giveUpAfterMs?: number;
  logger?: Logger;
}

/** Job starts per second that stand for "no rate limit". */
const UNBOUNDED_RATE = 1_000_000;

/** Redis went away for longer than a run waits: the run stops, saying what to check and that re-running resumes. */
export class QueueLostError extends TolkError {
  override readonly exitCode = 1;
}

/** A job failed for good by a worker: its reason and the engine requests it cost, kept in BullMQ's progress. */
interface Waiter {
  job: EngineJob;
  resolve(result: EngineResult): void;
  reject(error: unknown): void;
}

/** BullMQ's job options for every job: attempts after a worker failure, keeping finished jobs for sharing. */
const jobOptions = (id: string, options: BullmqQueueOptions) => {
  const age = options.keepFinishedSeconds ?? 3600;
  return {
    jobId: id,
    attempts: 3,
    backoff: { type: 'exponential', delay: Math.max(options.retry.minDelayMs, 100) },
    removeOnComplete: { age },
    removeOnFail: { age },
  };
};

/**
 * The producer side of engine work on BullMQ: one queue per engine (named for
 * it, prefix `tolk`), a job's id is `jobId(job)`, so two producers asking for
 * the same batch share one job and pay once, and a finished job's answer is
 * read back while it is kept. Workers (`createBullmqWorker`) run the jobs.
 * Aborting stops this producer's wait; the job stays for whoever else waits.
 */
export function createBullmqQueue(options: BullmqQueueOptions): JobQueue {
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const connection = connectionFor(options.url);
  const queues = new Map<string, Promise<{ queue: Queue; events: QueueEvents }>>();
  const waiting = new Map<string, Set<Waiter>>();
  const inFlight = new InFlight();
  let lastContact = Date.now();

  const applyLimits = async (queue: Queue, name: string) => {
    const limits = options.limits(name);
    await queue.setGlobalConcurrency(limits.concurrency);
    // Without a limit of its own the queue still gets one that never binds: BullMQ's manual rate limit (a worker's
    // pause after a 429) only takes effect on a queue that has a rate limit.
    await queue.setGlobalRateLimit(limits.intervalCap ?? UNBOUNDED_RATE, limits.intervalCap ? (limits.interval ?? 1000) : 1000);
  };
  const settle = (id: string, outcome: (w: Waiter) => void) => {
    const set = waiting.get(id);
    if (!set) return;
    waiting.delete(id);
    for (const w of set) outcome(w);
  };
  const failedResult = async (queue: Queue, id: string, reason: string): Promise<EngineResult> => {
    const stored = await queue.getJob(id).catch(() => undefined);
    const progress = stored?.progress as { attempts?: number } | undefined;
    return { segments: [], attempts: progress?.attempts ?? 0, failure: reason };
  };
  const queueFor = (name: string) => {
    let made = queues.get(name);
    if (!made) {
      made = (async () => {
        const queue = new Queue(name, { connection, prefix });
        const events = new QueueEvents(name, { connection, prefix });
        queue.on('error', () => {});
        events.on('error', () => {});
        events.on('completed', ({ jobId: id, returnvalue }) => {
          lastContact = Date.now();
          const result = (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as EngineResult;
          settle(id, (w) => w.resolve(result));
        });
        events.on('failed', ({ jobId: id, failedReason }) => {
          lastContact = Date.now();
          if (!waiting.has(id)) return;
          void failedResult(queue, id, failedReason).then((result) => settle(id, (w) => w.resolve(result)));
        });
        await events.waitUntilReady();
        await applyLimits(queue, name);
        return { queue, events };
      })();
      queues.set(name, made);
    }
    return made;
  };

  /**
   * Adds the job (or finds it), and answers at once when it already finished.
   * Two round trips for a new job (add, its state); the job itself is read
   * back only when another producer's copy had already finished.
   */
  const enqueue = async (job: EngineJob, id: string) => {
    const { queue } = await queueFor(job.engine);
    await queue.add(job.engine, job, jobOptions(id, options));
    const state = await queue.getJobState(id);
    lastContact = Date.now();
    if (state !== 'completed' && state !== 'failed') return;
    const stored = await queue.getJob(id);
    if (stored && state === 'completed') {
      // Stored in the memory when it finished; the memory may have been replaced since: this producer writes it again.
      const { stored: _stored, ...answer } = stored.returnvalue as EngineResult;
      settle(id, (w) => w.resolve(answer));
    }
    // A failure kept from an earlier run is not this run's answer: ask again (another producer may have already).
    else if (stored) await stored.retry('failed').catch(() => {});
  };

  // Jobs lost with a Redis that restarted without persistence are added again; a Redis gone too long ends the wait.
  let checking = false;
  const watchdog = setInterval(() => {
    if (waiting.size === 0) {
      lastContact = Date.now();
      return;
    }
    if (Date.now() - lastContact > (options.giveUpAfterMs ?? 60_000)) {
      const error = new QueueLostError(
        `lost the queue's Redis at ${redactRedisUrl(options.url)} for ${Math.round((Date.now() - lastContact) / 1000)} s: check that redis-server runs there; ` +
          `translations workers finished are in the memory, so running the command again resumes`,
      );
      for (const id of [...waiting.keys()]) settle(id, (w) => w.reject(error));
      return;
    }
    if (checking) return;
    checking = true;
    void (async () => {
      for (const [id, set] of [...waiting]) {
        const job = [...set][0]!.job;
        const { queue } = await queueFor(job.engine);
        const stored = await queue.getJob(id);
        lastContact = Date.now();
        if (!stored && waiting.has(id)) {
          options.logger?.warn(`queue: job ${id.slice(0, 12)} for ${job.engine} was lost (Redis restarted?); adding it again`);
          await applyLimits(queue, job.engine);
          await enqueue(job, id);
        }
      }
    })()
      .catch(() => {})
      .finally(() => (checking = false));
  }, options.checkEveryMs ?? 5000);
  watchdog.unref();

  return {
    async submit(job, { signal } = {}) {
      signal?.throwIfAborted();
      const id = jobId(job);
      return inFlight.hold(
        () =>
          new Promise<EngineResult>((resolve, reject) => {
            const waiter: Waiter = { job, resolve, reject };
            const onAbort = () => {
              waiting.get(id)?.delete(waiter);
              if (waiting.get(id)?.size === 0) waiting.delete(id);
              reject(signal!.reason);
            };
            signal?.addEventListener('abort', onAbort, { once: true });
            const done = () => signal?.removeEventListener('abort', onAbort);
            waiter.resolve = (result) => (done(), resolve(result));
            waiter.reject = (error) => (done(), reject(error));
            // Listen before adding: the answer may come before `add` returns.
            const set = waiting.get(id) ?? new Set();
            set.add(waiter);
            waiting.set(id, set);
            enqueue(job, id).catch((error: unknown) => {
              set.delete(waiter);
              waiter.reject(new QueueLostError(`cannot add a job to the queue's Redis at ${redactRedisUrl(options.url)}: ${(error as Error).message}`));
            });
          }),
      );
    },
    onSizeLessThan: (limit) => inFlight.below(limit),
    get size() {
      return inFlight.size;
    },
    async counts() {
      const total: QueueCounts = { waiting: 0, active: 0, done: 0, failed: 0 };
      for (const made of queues.values()) {
        const { queue } = await made;
        const c = await queue.getJobCounts('waiting', 'prioritized', 'delayed', 'waiting-children', 'active', 'completed', 'failed');
        total.waiting += (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0) + (c['waiting-children'] ?? 0);
        total.active += c.active ?? 0;
        total.done += c.completed ?? 0;
        total.failed += c.failed ?? 0;
      }
      lastContact = Date.now();
      return total;
    },
    async close() {
      clearInterval(watchdog);
      for (const made of queues.values()) {
        const { queue, events } = await made.catch(() => ({ queue: undefined, events: undefined }));
        await events?.close().catch(() => {});
        await queue?.close().catch(() => {});
      }
    },
  };
}
