import pRetry from 'p-retry';
import { setTimeout as sleep } from 'node:timers/promises';
import { RetryableEngineError } from '../engines/index.js';

export interface RetryPolicy {
  retries: number;
  /** First backoff in ms; doubles per attempt, randomized ×1–2 (jitter). */
  minDelayMs: number;
  maxDelayMs: number;
}

/**
 * Runs an engine call with p-retry: only RetryableEngineError is retried
 * (rate limits, overload, timeouts, dropped connections); a server's
 * Retry-After is waited out before the backoff. Every attempt is counted.
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
        const wait = Math.min(error.retryAfterMs ?? 0, policy.maxDelayMs);
        if (wait > 0) await sleep(wait, undefined, hooks.signal ? { signal: hooks.signal } : {});
      },
    },
  );
}
