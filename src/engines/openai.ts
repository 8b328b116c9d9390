import OpenAI from 'openai';
import { EngineError } from '../core/errors.js';
import type { Engine, EngineContext, EngineTranslation, TranslateRequest } from './engine.js';
import { fromNetworkError, hideSecret, isRetryableStatus, parseRetryAfter, RetryableEngineError } from './errors.js';

export interface OpenAIOptions {
  /** From OPENAI_API_KEY (any non-empty string for local servers). */
  apiKey: string;
  /** OpenAI-compatible server: Ollama, vLLM, llama.cpp server… */
  baseURL?: string;
  /** @default "gpt-4o-mini" */
  model?: string;
  /** Per-request timeout. @default 120000 */
  timeoutMs?: number;
}

/** The instruction every request carries: tags and escapes are part of the contract. */
export const SYSTEM_PROMPT = `You translate segments of sports news articles.
Return JSON: {"translations": [...]} with exactly one translation per input segment, in order.
Segments contain placeholder tags like <1>…</1> and <2/>: keep every tag exactly once, around the words it belongs to.
Text is XML-escaped (&amp; &lt; &gt;): keep it escaped. Do not translate athletes' names. Do not add notes.`;

/**
 * Any OpenAI-compatible chat model through the official `openai` SDK. The
 * SDK's own retries are off so the pipeline's policy applies; Retry-After
 * headers are read from the SDK's error.
 */
export function createOpenAIEngine(options: OpenAIOptions): Engine {
  const client = new OpenAI({
    apiKey: options.apiKey,
    maxRetries: 0,
    timeout: options.timeoutMs ?? 120_000,
    ...(options.baseURL ? { baseURL: options.baseURL } : {}),
  });
  const model = options.model ?? 'gpt-4o-mini';
  return {
    name: 'openai',
    glossary: 'hints',
    readsContext: true,
    limits: { maxSegments: 40, maxCharacters: 12_000 },
    async translate(request: TranslateRequest): Promise<EngineTranslation[]> {
      let content: string | null | undefined;
      try {
        const completion = await client.chat.completions.create(
          {
            model,
            temperature: 0,
            response_format: { type: 'json_object' },
            messages: [
              { role: 'system', content: systemPrompt(request.glossary, request.context) },
              { role: 'user', content: userMessage(request) },
            ],
          },
          request.signal ? { signal: request.signal } : {},
        );
        content = completion.choices[0]?.message?.content;
      } catch (error) {
        throw mapOpenAIError(error, options.apiKey);
      }
      const translations = parseTranslations(content);
      if (!translations || translations.length !== request.segments.length) {
        throw new RetryableEngineError(`openai: expected ${request.segments.length} translations, got ${translations?.length ?? 'no JSON list'}`);
      }
      return translations.map((text) => ({ text }));
    },
  };
}

/** Said when a request carries context: the fields are there to read, never to translate or return. */
export const CONTEXT_PROMPT = `The fields "title", "before" and "after" are context from the same article (its headline, the text just before and just after these segments): read them, do not translate them, do not return them.`;

/** The instructions, with the context rule, the target language's style guide and the glossary terms this batch contains. */
export function systemPrompt(glossary: TranslateRequest['glossary'], context?: EngineContext): string {
  const parts = [SYSTEM_PROMPT];
  if (context?.title || context?.before?.length || context?.after?.length) parts.push(CONTEXT_PROMPT);
  if (context?.styleGuide) parts.push(`Style guide for the target language (follow it):\n${context.styleGuide}`);
  if (glossary?.length) {
    const lines = glossary.map((entry) => `- ${entry.source} → ${entry.target}`);
    parts.push(`Glossary: translate these terms exactly as given (names as written):\n${lines.join('\n')}`);
  }
  return parts.join('\n');
}

/** The task as JSON: context fields (when there are any) around the segments, in reading order. */
export function userMessage(request: TranslateRequest): string {
  const { title, before, after } = request.context ?? {};
  return JSON.stringify({
    from: request.sourceLanguage,
    to: request.targetLanguage,
    ...(title ? { title } : {}),
    ...(before?.length ? { before } : {}),
    segments: request.segments,
    ...(after?.length ? { after } : {}),
  });
}

function parseTranslations(content: string | null | undefined): string[] | undefined {
  try {
    const parsed = JSON.parse(content ?? '') as { translations?: unknown };
    const list = parsed.translations;
    return Array.isArray(list) && list.every((t) => typeof t === 'string') ? (list as string[]) : undefined;
  } catch {
    return undefined;
  }
}

function mapOpenAIError(error: unknown, key: string): EngineError {
  // The timeout error is a kind of connection error; it gets its own message.
  if (error instanceof OpenAI.APIConnectionTimeoutError) return new RetryableEngineError('openai: request timed out', { cause: error });
  if (error instanceof OpenAI.APIConnectionError) return new RetryableEngineError('openai: connection failed', { cause: error });
  if (error instanceof OpenAI.APIError && typeof error.status === 'number') {
    const reason = `openai: HTTP ${error.status}${error.code ? ` ${hideSecret(String(error.code), key)}` : ''}`;
    if (isRetryableStatus(error.status)) {
      const retryAfterMs = parseRetryAfter(error.headers?.get('retry-after-ms') ? String(Number(error.headers.get('retry-after-ms')) / 1000) : error.headers?.get('retry-after'));
      return new RetryableEngineError(reason, { status: error.status, retryAfterMs });
    }
    return new EngineError(error.status === 401 ? `${reason}: check OPENAI_API_KEY` : reason);
  }
  return fromNetworkError('openai', error);
}
