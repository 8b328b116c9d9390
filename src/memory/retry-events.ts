/**
 * While a server-backed memory is away (a restart, a failover), the store
 * keeps retrying and says so here; once it answers again, it says that too.
 * Published on a `node:diagnostics_channel`, so library code writes nothing to
 * the terminal: the CLI subscribes and tells the person waiting (on stderr,
 * never in `--json` output). Free of dependencies, so the CLI can listen
 * without loading a store.
 */
export const MEMORY_RETRY_CHANNEL = 'tolk:memory-retry';

export type MemoryRetryEvent =
  | {
      kind: 'retry';
      /** `host:port` of the server. */
      host: string;
      /** What is being retried, e.g. "storing 500 translations". */
      what: string;
      /** Why, in one line (no password). */
      reason: string;
      /** How long this operation has been retried, and how long it may be. */
      waitedMs: number;
      retryForMs: number;
    }
  | { kind: 'resumed'; host: string; what: string; waitedMs: number };
