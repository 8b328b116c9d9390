/**
 * The jobs a queue holds (submitted, not yet answered) and the wait for room
 * below a limit: the backpressure every `JobQueue` gives its producer
 * (`size`, `onSizeLessThan`).
 */
export class InFlight {
  #size = 0;
  readonly #waiters = new Set<() => void>();

  get size(): number {
    return this.#size;
  }

  /** Runs `work` counted as one job in flight, however it ends. */
  async hold<T>(work: () => Promise<T>): Promise<T> {
    this.#size++;
    try {
      return await work();
    } finally {
      this.#size--;
      for (const wake of this.#waiters) wake();
    }
  }

  /** Resolves once fewer than `limit` jobs are in flight. */
  async below(limit: number): Promise<void> {
    while (this.#size >= limit) {
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.#waiters.delete(wake);
          resolve();
        };
        this.#waiters.add(wake);
      });
    }
  }
}
