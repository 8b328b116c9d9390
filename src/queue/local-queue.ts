import PQueue from 'p-queue';
import { UsageError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { Engine } from '../engines/index.js';
import type { EngineJob, EngineResult } from './job.js';
import type { JobQueue, QueueLimits } from './job-queue.js';
import type { RetryPolicy } from './retry.js';
import { runJob } from './run-job.js';
import { InFlight } from './in-flight.js';

export interface LocalQueueOptions {
  /** The engines jobs may name, by `engine.name`. */
  engines: Iterable<Engine>;
  /** Concurrency and rate limit of one engine's p-queue. */
  limits: (engine: string) => QueueLimits;
  retry: RetryPolicy;
  logger?: Logger;
}

/**
 * The embedded queue: one p-queue per engine in this process, each job run by
 * `runJob` while it holds a slot (so retries wait inside the engine's limits,
 * as a worker's do). The slot is free again before the producer looks at
 * the answer, so the engine stays busy.
 */
export function createLocalQueue(options: LocalQueueOptions): JobQueue {
  const engines = new Map([...options.engines].map((e) => [e.name, e]));
  const queues = new Map<string, PQueue>();
  const queueFor = (name: string): PQueue => {
    let queue = queues.get(name);
    if (!queue) {
      const limits = options.limits(name);
      queue = new PQueue({
        concurrency: limits.concurrency,
        ...(limits.intervalCap ? { intervalCap: limits.intervalCap, interval: limits.interval ?? 1000 } : {}),
      });
      queues.set(name, queue);
    }
    return queue;
  };
  const inFlight = new InFlight();
  return {
    async submit(job: EngineJob, { signal }: { signal?: AbortSignal } = {}): Promise<EngineResult> {
      const engine = engines.get(job.engine);
      if (!engine) throw new UsageError(`no engine "${job.engine}" in this queue (it has: ${[...engines.keys()].join(', ')})`);
      signal?.throwIfAborted();
      // The signal is not handed to p-queue: it would reject a running job at once and drop an answer already paid
      // for. A waiting job starts, sees the abort and ends; a running one sees it between attempts.
      return inFlight.hold(
        async () =>
          (await queueFor(job.engine).add(() => {
            signal?.throwIfAborted();
            return runJob(engine, job, options.retry, { ...(signal ? { signal } : {}), ...(options.logger ? { logger: options.logger } : {}) });
          })) as EngineResult,
      );
    },
    onSizeLessThan: (limit: number) => inFlight.below(limit),
    get size() {
      return inFlight.size;
    },
    async close() {
      for (const queue of queues.values()) queue.clear();
    },
  };
}
