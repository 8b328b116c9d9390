import type { Logger } from '../core/logger.js';
import type { Engine, EngineTranslation } from '../engines/index.js';
import type { GlossaryHint, Protected } from '../glossary/index.js';
import { restoreTerms } from '../glossary/index.js';
import { checkTags, tagShape } from '../markdown/index.js';
import { batches } from './batches.js';
import type { JobQueue } from './job-queue.js';
import { withRetry, type RetryPolicy } from './retry.js';

export interface EnginePhase {
  engine: Engine;
  queue: JobQueue;
  retry: RetryPolicy;
  sourceLanguage: string;
  targetLanguage: string;
  /** [segment id, tagged source] pairs the memory could not serve. */
  segments: Array<[string, string]>;
  /** What actually travels for a source (glossary placeholders); identity by default. */
  prepare?: (id: string, source: string) => Protected;
  /** Glossary entries for a batch, for engines that take them. */
  hints?: (sources: string[]) => GlossaryHint[] | undefined;
  /** Stores translations as soon as their batch returns; called with tags checked and terms restored. */
  store: (pairs: Array<[string, string]>) => Promise<void>;
  failed: (id: string, reason: string) => void;
  onUnknownWords?: (id: string, words: string[]) => void;
  onAttempt?: () => void;
  onProgress?: (done: number, total: number) => void;
  logger: Logger;
  signal?: AbortSignal;
}

/**
 * The engine part of a run: batches within the engine's limits through its
 * queue, each request retried by policy. The queue holds a slot only while
 * the engine works; checking tags and storing happen after the slot is free,
 * so the engine stays busy. A segment whose tags come back broken gets one
 * more try on its own, then is reported as failed — never stored broken.
 */
export async function runEnginePhase(phase: EnginePhase): Promise<void> {
  const { engine, queue, signal } = phase;
  const identity = (_: string, source: string): Protected => ({ tagged: source, fills: new Map() });
  const prepare = phase.prepare ?? identity;
  const call = (segments: Array<[string, string]>) => {
    const hints = phase.hints?.(segments.map(([, s]) => s));
    return withRetry(
      () =>
        engine.translate({
          sourceLanguage: phase.sourceLanguage,
          targetLanguage: phase.targetLanguage,
          segments: segments.map(([id, s]) => prepare(id, s).tagged),
          ...(hints?.length ? { glossary: hints } : {}),
          ...(signal ? { signal } : {}),
        }),
      phase.retry,
      {
        ...(signal ? { signal } : {}),
        ...(phase.onAttempt ? { onAttempt: phase.onAttempt } : {}),
        onRetry: (error, attempt) => phase.logger.warn(`${phase.targetLanguage}: ${error.message} (attempt ${attempt}, retrying)`),
      },
    );
  };
  let done = 0;
  const total = phase.segments.length;
  phase.onProgress?.(done, total);
  const settle = async (batch: Array<[string, string]>, results: EngineTranslation[]) => {
    const good: Array<[string, string]> = [];
    const broken: Array<[string, string]> = [];
    batch.forEach(([id, source], i) => {
      const result = results[i]!;
      if (result.unknownWords?.length) phase.onUnknownWords?.(id, result.unknownWords);
      const sent = prepare(id, source);
      if (checkTags(tagShape(sent.tagged), result.text)) broken.push([id, source]);
      else good.push([id, restoreTerms(result.text, sent.fills)]);
    });
    await phase.store(good);
    for (const [id, source] of broken) {
      const retried = await queue.add(() => call([[id, source]])).catch(() => undefined);
      const text = retried?.[0]?.text;
      const sent = prepare(id, source);
      const problem = text === undefined ? 'engine failed on retry' : checkTags(tagShape(sent.tagged), text);
      if (problem) phase.failed(id, `tags came back broken twice (${problem})`);
      else await phase.store([[id, restoreTerms(text!, sent.fills)]]);
    }
    done += batch.length;
    phase.onProgress?.(done, total);
  };
  await Promise.all(
    [...batches(phase.segments, engine.limits)].map((batch) =>
      queue
        .add(() => {
          signal?.throwIfAborted();
          return call(batch);
        })
        .then(
          (results) => settle(batch, results),
          (error: Error) => {
            if (signal?.aborted) throw error;
            for (const [id] of batch) phase.failed(id, error.message);
          },
        ),
    ),
  );
  signal?.throwIfAborted();
}
