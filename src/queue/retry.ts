import pRetry from 'p-retry';
import { setTimeout as sleep } from 'node:timers/promises';
import { EngineError } from '../core/errors.js';
import { RetryableEngineError } from '../engines/index.js';

export interface RetryPolicy {
  retries: number;
  /** First backoff in ms; doubles per attempt, randomized ×1–2 (jitter). */
  minDelayMs: number;
  maxDelayMs: number;
  /**
   * Longest server-demanded wait (`Retry-After`) that is honoured in full; a
   * longer demand fails the request instead of retrying early. @default 300000
   */
  maxRetryAfterMs?: number;
}

/** Five minutes: a server that wants longer is down for this run. */
export const DEFAULT_MAX_RETRY_AFTER_MS = 300_000;

/**
 * Runs an engine call with p-retry: only RetryableEngineError is retried
 * (rate limits, overload, timeouts, dropped connections); a server's
 * Retry-After is waited out in full before the backoff, up to
 * `maxRetryAfterMs`: a longer demand fails the call with that reason rather
 * than asking again before the server allows. Every attempt is counted.
 * The abort signal is checked between attempts, not handed to p-retry: p-retry
 * rejects the moment it fires, which would drop a batch that came back.
 */
export function withRetry<T>(
  call: () => Promise<T>,
  policy: RetryPolicy,
  hooks: { signal?: AbortSignal; onAttempt?: () => void; onRetry?: (error: Error, attempt: number) => void } = {},
): Promise<T> {
  return pRetry(
    () => {
      hooks.signal?.throwIfAborted();
      hooks.onAttempt?.();
      return call();
    },
    {
      retries: policy.retries,
      minTimeout: policy.minDelayMs,
      maxTimeout: policy.maxDelayMs,
      factor: 2,
      randomize: true,
      shouldRetry: ({ error }) => error instanceof RetryableEngineError,
      onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
        if (!(error instanceof RetryableEngineError) || retriesLeft === 0) return;
        hooks.signal?.throwIfAborted();
        hooks.onRetry?.(error, attemptNumber);
        const wait = error.retryAfterMs ?? 0;
        const cap = policy.maxRetryAfterMs ?? DEFAULT_MAX_RETRY_AFTER_MS;
        if (wait > cap) {
          throw new EngineError(
            `${error.message}: the server asks to wait ${seconds(wait)} before retrying (Retry-After), longer than pipeline.maxRetryAfterMs ` +
              `(${seconds(cap)}); not retried in this run. Run again later, or raise pipeline.maxRetryAfterMs`,
          );
        }
        if (wait > 0) await sleep(wait, undefined, hooks.signal ? { signal: hooks.signal } : {});
      },
    },
  );
}

const seconds = (ms: number): string => (ms >= 120_000 ? `${Math.round(ms / 60_000)} min` : `${Math.ceil(ms / 1000)} s`);
