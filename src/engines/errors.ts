import { EngineError } from '../core/errors.js';

/**
 * A failure worth trying again: rate limits (429, LibreTranslate's
 * "Slowdown"), overload (503), server errors, timeouts, dropped connections.
 * `retryAfterMs` carries the server's `Retry-After` when it sent one.
 */
export class RetryableEngineError extends EngineError {
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;
  constructor(message: string, options: { status?: number; retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, {}, { cause: options.cause });
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
  }
}

/** `Retry-After` as seconds or an HTTP date, in milliseconds; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** HTTP statuses that mean "later", not "never". */
export const isRetryableStatus = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/** Network-level failures (refused, reset, timed out) are retryable; everything else is final. */
export function fromNetworkError(engine: string, error: unknown): EngineError {
  const e = error as { name?: string; code?: string; cause?: { code?: string } };
  const code = e.cause?.code ?? e.code;
  if (e.name === 'TimeoutError' || e.name === 'AbortError' || (code && /ECONN|EPIPE|ETIMEDOUT|UND_ERR|EAI_AGAIN/.test(code))) {
    return new RetryableEngineError(`${engine}: ${e.name === 'TimeoutError' ? 'request timed out' : `connection failed (${code ?? e.name})`}`, {
      cause: error,
    });
  }
  return error instanceof EngineError ? error : new EngineError(`${engine}: ${(error as Error)?.message ?? String(error)}`);
}
