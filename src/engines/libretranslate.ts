import { EngineError } from '../core/errors.js';
import type { Engine, EngineTranslation, TranslateRequest } from './engine.js';
import { fromNetworkError, hideSecret, isRetryableStatus, parseRetryAfter, RetryableEngineError } from './errors.js';
import { fromXmlPlaceholders, toXmlPlaceholders } from './xml-placeholders.js';

export interface LibreTranslateOptions {
  /** Server base URL, e.g. http://127.0.0.1:5000. */
  url: string;
  /** From LIBRETRANSLATE_API_KEY; optional on self-hosted servers. */
  apiKey?: string;
  /** Per-request timeout. @default 60000 */
  timeoutMs?: number;
}

/** LibreTranslate's `/translate` with `q` as an array and `format=html`, so placeholders pass as elements. */
export function createLibreTranslateEngine(options: LibreTranslateOptions): Engine {
  const endpoint = new URL('/translate', options.url);
  return {
    name: 'libretranslate',
    limits: { maxSegments: 50, maxCharacters: 20_000 },
    async translate(request: TranslateRequest): Promise<EngineTranslation[]> {
      const body = {
        q: request.segments.map(toXmlPlaceholders),
        source: request.sourceLanguage.split('-')[0],
        target: request.targetLanguage.split('-')[0],
        format: 'html',
        ...(options.apiKey ? { api_key: options.apiKey } : {}),
      };
      let response: Response;
      try {
        const timeout = AbortSignal.timeout(options.timeoutMs ?? 60_000);
        response = await fetch(endpoint, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: request.signal ? AbortSignal.any([request.signal, timeout]) : timeout,
        });
      } catch (error) {
        if (request.signal?.aborted) throw error;
        throw fromNetworkError('libretranslate', error);
      }
      const payload = (await response.json().catch(() => undefined)) as { translatedText?: unknown; error?: string } | undefined;
      if (!response.ok) {
        const reason = `libretranslate: HTTP ${response.status}${payload?.error ? ` ${hideSecret(String(payload.error), options.apiKey)}` : ''}`;
        // LibreTranslate answers rate limits with 429 and an error starting "Slowdown".
        if (isRetryableStatus(response.status) || /^slowdown/i.test(payload?.error ?? '')) {
          throw new RetryableEngineError(reason, { status: response.status, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) });
        }
        throw new EngineError(reason);
      }
      const texts = payload?.translatedText;
      if (!Array.isArray(texts) || texts.length !== request.segments.length || !texts.every((t) => typeof t === 'string')) {
        throw new RetryableEngineError(`libretranslate: expected ${request.segments.length} translations, got ${Array.isArray(texts) ? texts.length : typeof texts}`);
      }
      return (texts as string[]).map((text) => ({ text: fromXmlPlaceholders(text) }));
    },
  };
}
