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

/**
 * The three HTTP-date forms (RFC 9110 §5.6.7). Anything else is refused: V8's
 * `Date.parse` reads junk like "-1" or "later 2" as dates in 2001.
 */
const HTTP_DATE = [
  /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/, // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
  /^[A-Z][a-z]{5,8}, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/, // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT
  /^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/, // asctime: Sun Nov  6 08:49:37 1994 (UTC)
];

/** `Retry-After` as seconds or an HTTP date, in milliseconds; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const form = HTTP_DATE.findIndex((re) => re.test(text));
  if (form < 0) return undefined;
  // asctime carries no zone and means UTC; Date.parse would read it as local time.
  const date = Date.parse(form === 2 ? `${text} GMT` : text);
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

/**
 * Server-written text (error bodies, SDK messages) with the API key cut out:
 * some servers repeat the key they refused, and a reason ends up in stderr,
 * `--json` output and failure lists.
 */
export function hideSecret(text: string, secret: string | undefined): string {
  return secret && secret.length >= 4 ? text.split(secret).join('***') : text;
}
