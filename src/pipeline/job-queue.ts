import PQueue from 'p-queue';

/**
 * Where engine requests wait their turn. p-queue is the embedded default; a
 * BullMQ/Redis queue for team workers implements the same five members.
 */
export interface JobQueue {
  add<T>(task: () => Promise<T>): Promise<T>;
  /** Resolves when nothing is queued or running. */
  onIdle(): Promise<void>;
  /** Resolves when fewer than `limit` tasks are queued or running (backpressure for whoever adds them). */
  onSizeLessThan(limit: number): Promise<void>;
  /** Drops queued (not running) tasks, e.g. on Ctrl-C. */
  clear(): void;
  readonly size: number;
}

export interface QueueLimits {
  /** Tasks running at once. */
  concurrency: number;
  /** At most `intervalCap` task starts per `interval` ms. */
  intervalCap?: number;
  interval?: number;
}

export function createJobQueue(limits: QueueLimits): JobQueue {
  const queue = new PQueue({
    concurrency: limits.concurrency,
    ...(limits.intervalCap ? { intervalCap: limits.intervalCap, interval: limits.interval ?? 1000 } : {}),
  });
  return {
    add: <T>(task: () => Promise<T>) => queue.add(task) as Promise<T>,
    onIdle: () => queue.onIdle(),
    onSizeLessThan: async (limit: number) => {
      // p-queue's own onSizeLessThan counts only waiting tasks; running ones hold memory too.
      while (queue.size + queue.pending >= limit) await new Promise<void>((resolve) => queue.once('next', () => resolve()));
    },
    clear: () => queue.clear(),
    get size() {
      return queue.size + queue.pending;
    },
  };
}
