import { EngineError } from '../core/errors.js';
import type { Engine, EngineTranslation, TranslateRequest } from './engine.js';
import { fromNetworkError, hideSecret, isRetryableStatus, parseRetryAfter, RetryableEngineError } from './errors.js';
import { createHttpClient, type HttpAnswer } from './http.js';
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
  const http = createHttpClient();
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
      let response: HttpAnswer;
      try {
        response = await http.post(endpoint, JSON.stringify(body), {
          headers: { 'content-type': 'application/json' },
          timeoutMs: options.timeoutMs ?? 60_000,
          ...(request.signal ? { signal: request.signal } : {}),
        });
      } catch (error) {
        if (request.signal?.aborted) throw error;
        throw fromNetworkError('libretranslate', error);
      }
      const payload = response.json() as { translatedText?: unknown; error?: string } | undefined;
      if (!response.ok) {
        const reason = `libretranslate: HTTP ${response.status}${payload?.error ? ` ${hideSecret(String(payload.error), options.apiKey)}` : ''}`;
        // LibreTranslate answers rate limits with 429 and an error starting "Slowdown".
        if (isRetryableStatus(response.status) || /^slowdown/i.test(payload?.error ?? '')) {
          throw new RetryableEngineError(reason, { status: response.status, retryAfterMs: parseRetryAfter(response.header('retry-after')) });
        }
        throw new EngineError(reason);
      }
      const texts = payload?.translatedText;
      if (!Array.isArray(texts) || texts.length !== request.segments.length || !texts.every((t) => typeof t === 'string')) {
        throw new RetryableEngineError(`libretranslate: expected ${request.segments.length} translations, got ${Array.isArray(texts) ? texts.length : typeof texts}`);
      }
      return (texts as string[]).map((text) => ({ text: fromXmlPlaceholders(text) }));
    },
    async close() {
      http.close();
    },
  };
}
