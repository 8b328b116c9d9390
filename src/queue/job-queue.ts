import type { EngineJob, EngineResult } from './job.js';

/**
 * Where engine jobs wait their turn. Plain data crosses it both ways, so an
 * implementation may run jobs in this process (p-queue, the embedded default)
 * or hand them to workers elsewhere (BullMQ on Redis). Every implementation
 * passes `describeJobQueue` (tests/queue/contract.ts).
 */
export interface JobQueue {
  /**
   * Runs a job through its engine with the queue's concurrency, rate limit and
   * retries. Resolves with the result, including a job that failed for good
   * (`failure`); rejects only when `signal` aborts before the job finished,
   * or when the queue itself is unreachable.
   */
  submit(job: EngineJob, options?: { signal?: AbortSignal }): Promise<EngineResult>;
  /** Resolves when fewer than `limit` of this producer's jobs are waiting or running (backpressure). */
  onSizeLessThan(limit: number): Promise<void>;
  /** This producer's jobs waiting or running. */
  readonly size: number;
  /** Releases connections; jobs still waiting are this producer's no longer. */
  close(): Promise<void>;
  /**
   * The jobs of every producer and worker in the engine queues this producer
   * has used so far (a queue shared across machines). Absent on a queue that
   * runs jobs in this process: `size` says it all there.
   */
  counts?(): Promise<QueueCounts>;
}

/** Jobs in a shared queue, whoever added or runs them: waiting (delayed and rate-limited included), running, finished (kept `keepFinishedSeconds`), failed. */
export interface QueueCounts {
  waiting: number;
  active: number;
  done: number;
  failed: number;
}

/** Per engine: jobs running at once and starts per interval. */
export interface QueueLimits {
  /** Jobs running at once. */
  concurrency: number;
  /** At most `intervalCap` job starts per `interval` ms. */
  intervalCap?: number;
  interval?: number;
}
