import * as deepl from 'deepl-node';
import { EngineError } from '../core/errors.js';
import type { Engine, EngineTranslation, TranslateRequest } from './engine.js';
import { fromNetworkError, RetryableEngineError } from './errors.js';
import { fromXmlPlaceholders, toXmlPlaceholders } from './xml-placeholders.js';

export interface DeepLOptions {
  /** From DEEPL_AUTH_KEY. */
  authKey: string;
  /** Another server speaking DeepL's API (tests, proxies). @default DeepL's, chosen by the key */
  serverUrl?: string;
  formality?: 'default' | 'more' | 'less' | 'prefer_more' | 'prefer_less';
}

/** DeepL requires a regional variant for these targets. */
const REGIONAL_TARGET: Record<string, string> = { en: 'en-GB', pt: 'pt-PT' };

/**
 * DeepL through the official deepl-node SDK with `tag_handling=xml`. The SDK's
 * own retries are off: the pipeline's retry policy (backoff, jitter, budget)
 * applies to every engine the same way.
 */
export function createDeepLEngine(options: DeepLOptions): Engine {
  const translator = new deepl.Translator(options.authKey, {
    ...(options.serverUrl ? { serverUrl: options.serverUrl } : {}),
    maxRetries: 0,
    sendPlatformInfo: false,
    appInfo: { appName: 'tolk', appVersion: '0.1.0' },
  });
  return {
    name: 'deepl',
    // DeepL's documented request limits: 50 texts, 128 KiB body.
    limits: { maxSegments: 50, maxCharacters: 120 * 1024 },
    async translate(request: TranslateRequest): Promise<EngineTranslation[]> {
      const source = request.sourceLanguage.split('-')[0]!.toLowerCase() as deepl.SourceLanguageCode;
      const target = (REGIONAL_TARGET[request.targetLanguage.toLowerCase()] ?? request.targetLanguage) as deepl.TargetLanguageCode;
      try {
        const results = await translator.translateText(request.segments.map(toXmlPlaceholders), source, target, {
          tagHandling: 'xml',
          ...(options.formality ? { formality: options.formality } : {}),
        });
        if (results.length !== request.segments.length) {
          throw new RetryableEngineError(`deepl: expected ${request.segments.length} translations, got ${results.length}`);
        }
        return results.map((r) => ({ text: fromXmlPlaceholders(r.text) }));
      } catch (error) {
        throw mapDeepLError(error);
      }
    },
  };
}

function mapDeepLError(error: unknown): EngineError {
  if (error instanceof EngineError) return error;
  if (error instanceof deepl.TooManyRequestsError) return new RetryableEngineError('deepl: too many requests (429)', { status: 429, cause: error });
  if (error instanceof deepl.QuotaExceededError) return new EngineError('deepl: character quota exceeded (456)');
  if (error instanceof deepl.AuthorizationError) return new EngineError('deepl: authorization failed: check DEEPL_AUTH_KEY');
  if (error instanceof deepl.ConnectionError) return new RetryableEngineError(`deepl: connection failed (${error.message})`, { cause: error });
  if (error instanceof deepl.DeepLError && /5\d\d|service unavailable|internal/i.test(error.message)) {
    return new RetryableEngineError(`deepl: ${error.message}`, { cause: error });
  }
  return fromNetworkError('deepl', error);
}
