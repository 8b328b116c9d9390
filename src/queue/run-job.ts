import type { Logger } from '../core/logger.js';
import type { Engine } from '../engines/index.js';
import { checkTags, tagShape } from '../tagged/index.js';
import type { EngineJob, EngineResult } from './job.js';
import { withRetry, type RetryPolicy } from './retry.js';

/**
 * The worker side of a job, wherever it runs: one engine request, retried by
 * policy (Retry-After honoured), each translation's tags checked against what
 * was sent. A failure after the retries is a result (`failure`), not a throw:
 * it travels back to the producer like any answer. Only an abort throws.
 */
export async function runJob(
  engine: Engine,
  job: EngineJob,
  retry: RetryPolicy,
  options: { signal?: AbortSignal; logger?: Logger; onRetry?: (error: Error, attempt: number) => void } = {},
): Promise<EngineResult> {
  const { signal, logger } = options;
  let attempts = 0;
  try {
    const translations = await withRetry(
      () =>
        engine.translate({
          sourceLanguage: job.sourceLanguage,
          targetLanguage: job.targetLanguage,
          segments: job.segments.map((s) => s.text),
          ...(job.glossary?.length ? { glossary: job.glossary } : {}),
          ...(job.context ? { context: job.context } : {}),
          ...(signal ? { signal } : {}),
        }),
      retry,
      {
        ...(signal ? { signal } : {}),
        onAttempt: () => void attempts++,
        onRetry: (error, attempt) => {
          logger?.warn(`${job.targetLanguage}: ${error.message} (attempt ${attempt}, retrying)`);
          options.onRetry?.(error, attempt);
        },
      },
    );
    if (translations.length !== job.segments.length) {
      return { attempts, segments: [], failure: `${engine.name} returned ${translations.length} translations for ${job.segments.length} segments` };
    }
    return {
      attempts,
      segments: job.segments.map(({ id, text: sent }, i) => {
        const got = translations[i]!;
        const unknown = got.unknownWords?.length ? { unknownWords: got.unknownWords } : {};
        const broken = checkTags(tagShape(sent), got.text);
        return broken ? { id, brokenTags: broken, ...unknown } : { id, text: got.text, ...unknown };
      }),
    };
  } catch (error) {
    if (signal?.aborted) throw error;
    return { attempts, segments: [], failure: (error as Error).message };
  }
}
