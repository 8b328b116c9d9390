import * as deepl from 'deepl-node';
import { EngineError } from '../core/errors.js';
import type { Engine, EngineTranslation, TranslateRequest } from './engine.js';
import { fromNetworkError, hideSecret, RetryableEngineError } from './errors.js';
import { fromXmlPlaceholders, toXmlPlaceholders } from './xml-placeholders.js';

export interface DeepLOptions {
  /** From DEEPL_AUTH_KEY. */
  authKey: string;
  /** Another server speaking DeepL's API (tests, proxies). @default DeepL's, chosen by the key */
  serverUrl?: string;
  formality?: 'default' | 'more' | 'less' | 'prefer_more' | 'prefer_less';
  /**
   * Per-request timeout (deepl-node's `minTimeout`). The SDK never waits less
   * than about one second on a first attempt, whatever this says.
   * @default 10000 (the SDK's)
   */
  timeoutMs?: number;
}

/** DeepL's documented request limits: at most 50 texts, and a body of at most 128 KiB. */
export const DEEPL_MAX_TEXTS = 50;
export const DEEPL_MAX_BODY_BYTES = 128 * 1024;
/** Room for the form fields besides `text` (languages, tag_handling, formality, show_billed_characters). */
const OTHER_FIELDS_BYTES = 1024;
/**
 * Form encoding at its worst: one UTF-16 unit (a BMP letter such as "€") is
 * 3 UTF-8 bytes, each written %XX. Placeholders cost less per unit
 * (`<1>` → `%3Cg+id%3D%221%22%3E` is 20 bytes for 3).
 */
const WORST_BYTES_PER_UNIT = 9;

/** Most characters of DeepL's `context` (free of charge, but part of the 128 KiB body, so kept out of `maxCharacters`). */
export const DEEPL_MAX_CONTEXT = 3000;

/** DeepL requires a regional variant for these targets. */
const REGIONAL_TARGET: Record<string, string> = { en: 'en-GB', pt: 'pt-PT' };

/**
 * DeepL through the official deepl-node SDK with `tag_handling=xml`. The SDK's
 * own retries are off: the pipeline's retry policy (backoff, jitter, budget)
 * applies to every engine the same way. deepl-node keeps response headers to
 * itself, so a 429's Retry-After cannot be passed on.
 */
export function createDeepLEngine(options: DeepLOptions): Engine {
  const translator = new deepl.Translator(options.authKey, {
    ...(options.serverUrl ? { serverUrl: options.serverUrl } : {}),
    ...(options.timeoutMs !== undefined ? { minTimeout: options.timeoutMs } : {}),
    maxRetries: 0,
    sendPlatformInfo: false,
    appInfo: { appName: 'tolk', appVersion: '0.1.0' },
  });
  const glossaries = glossaryCache(translator);
  return {
    name: 'deepl',
    glossary: 'hints',
    readsContext: true,
    // A batch within these limits fits one request even in the worst encoding.
    limits: {
      maxSegments: DEEPL_MAX_TEXTS,
      maxCharacters: Math.floor((DEEPL_MAX_BODY_BYTES - OTHER_FIELDS_BYTES - DEEPL_MAX_TEXTS * 'text=&'.length) / WORST_BYTES_PER_UNIT) - DEEPL_MAX_CONTEXT,
    },
    async translate(request: TranslateRequest): Promise<EngineTranslation[]> {
      const source = request.sourceLanguage.split('-')[0]!.toLowerCase() as deepl.SourceLanguageCode;
      const target = (REGIONAL_TARGET[request.targetLanguage.toLowerCase()] ?? request.targetLanguage) as deepl.TargetLanguageCode;
      const results: EngineTranslation[] = [];
      const glossary = request.glossary?.length ? await glossaries(source, target, request.glossary) : undefined;
      const context = contextText(request.context);
      // Callers that ignore `limits` still never send what DeepL refuses (413, "Too many texts").
      for (const texts of wireRequests(request.segments.map(toXmlPlaceholders), context)) {
        request.signal?.throwIfAborted();
        let translated: deepl.TextResult[];
        try {
          translated = await translator.translateText(texts, source, target, {
            tagHandling: 'xml',
            ...(glossary ? { glossary } : {}),
            ...(context ? { context } : {}),
            ...(options.formality ? { formality: options.formality } : {}),
          });
        } catch (error) {
          throw mapDeepLError(error, options.authKey);
        }
        if (translated.length !== texts.length) {
          throw new RetryableEngineError(`deepl: expected ${texts.length} translations, got ${translated.length}`);
        }
        results.push(...translated.map((r) => ({ text: fromXmlPlaceholders(r.text) })));
      }
      return results;
    },
  };
}

/**
 * DeepL glossaries for the entries a batch needs, created once per language
 * pair and entry set and reused. A pair DeepL has no glossaries for (or any
 * refusal) means translating without one: tolk's own glossary check still
 * reports what comes back wrong.
 */
function glossaryCache(translator: deepl.Translator) {
  const created = new Map<string, Promise<string | undefined>>();
  return (source: string, target: string, entries: ReadonlyArray<{ source: string; target: string }>): Promise<string | undefined> => {
    const pairs = Object.fromEntries(entries.filter((e) => !/[\t\n]/.test(e.source + e.target)).map((e) => [e.source, e.target]));
    const targetBase = target.split('-')[0]!.toLowerCase();
    const key = JSON.stringify([source, targetBase, Object.entries(pairs).sort()]);
    let id = created.get(key);
    if (!id) {
      id = translator
        .createGlossary(`tolk ${source}-${targetBase}`, source as deepl.LanguageCode, targetBase as deepl.LanguageCode, new deepl.GlossaryEntries({ entries: pairs }))
        .then((info) => info.glossaryId)
        .catch(() => undefined);
      created.set(key, id);
    }
    return id;
  };
}


/**
 * DeepL's `context` parameter: plain text it reads and does not translate. The
 * article's title and the paragraphs around the batch, one per line, in
 * reading order; the style guide is for prompts, not for DeepL. Cut at
 * {@link DEEPL_MAX_CONTEXT} (the pipeline's context is bounded well below it).
 */
export function contextText(context: TranslateRequest['context']): string | undefined {
  if (!context) return undefined;
  const lines = [context.title, ...(context.before ?? []), ...(context.after ?? [])].filter((l): l is string => Boolean(l));
  let text = lines.join('\n');
  if (text.length > DEEPL_MAX_CONTEXT) text = text.slice(0, DEEPL_MAX_CONTEXT);
  return text || undefined;
}

/** Groups texts into requests of at most 50 texts and 128 KiB of form body (the context included), in order. */
function* wireRequests(texts: string[], context?: string): Generator<string[]> {
  const budget = DEEPL_MAX_BODY_BYTES - OTHER_FIELDS_BYTES - (context ? Buffer.byteLength(new URLSearchParams({ context }).toString()) + 1 : 0);
  let group: string[] = [];
  let bytes = 0;
  for (const text of texts) {
    // `text=<encoded>&`, exactly as URLSearchParams writes it.
    const size = Buffer.byteLength(new URLSearchParams({ text }).toString()) + 1;
    if (size > budget) {
      throw new EngineError(`deepl: a segment is ${size} bytes form-encoded; DeepL accepts at most ${DEEPL_MAX_BODY_BYTES} per request`);
    }
    if (group.length === DEEPL_MAX_TEXTS || bytes + size > budget) {
      yield group;
      group = [];
      bytes = 0;
    }
    group.push(text);
    bytes += size;
  }
  if (group.length) yield group;
}

/**
 * SDK errors become ours. The SDK error is not kept as `cause`: its connection
 * errors carry the axios request, Authorization header (the key) included.
 */
function mapDeepLError(error: unknown, key: string): EngineError {
  if (error instanceof EngineError) return error;
  if (error instanceof deepl.TooManyRequestsError) return new RetryableEngineError('deepl: too many requests (429)', { status: 429 });
  if (error instanceof deepl.QuotaExceededError) return new EngineError('deepl: character quota exceeded (456)');
  if (error instanceof deepl.AuthorizationError) return new EngineError('deepl: authorization failed (403): check DEEPL_AUTH_KEY');
  if (error instanceof deepl.ConnectionError) return new RetryableEngineError(`deepl: connection failed (${hideSecret(error.message, key)})`);
  if (error instanceof deepl.DeepLError) {
    // deepl-node reports a status only in its message: "Service unavailable…" for 503, "Unexpected status code: 502 …" for others.
    const status = /^Service unavailable/.test(error.message) ? 503 : Number(/^Unexpected status code: (\d{3})/.exec(error.message)?.[1]);
    // Its message quotes the server's body, which may repeat the key.
    const message = hideSecret(error.message, key);
    if (status >= 500) return new RetryableEngineError(`deepl: ${message}`, { status });
    return new EngineError(`deepl: ${message}`);
  }
  return fromNetworkError('deepl', error);
}
