import type { Logger } from '../core/logger.js';
import type { EngineContext } from '../engines/index.js';
import type { GlossaryHint, Protected } from '../glossary/index.js';
import { restoreTerms } from '../glossary/index.js';
import type { EngineJob, EngineProfile, EngineResult, JobQueue } from '../queue/index.js';
import { batches } from './batches.js';

/** What the engine phase is given: segments the memory could not serve, already protected. */
export interface EngineInput {
  engine: EngineProfile;
  /** Engine options a worker needs to build the engine (never keys). */
  engineOptions?: EngineJob['engineOptions'];
  sourceLanguage: string;
  targetLanguage: string;
  /** [segment id, tagged source] pairs, in article order. */
  segments: Array<[string, string]>;
  /** What travels for a segment (glossary placeholders in) and how to put the terms back. Identity when absent. */
  protect?: (id: string, source: string) => Protected;
  /** Glossary entries for a batch ([segment id, tagged source] pairs), for engines that take them. */
  hints?: (batch: Array<[string, string]>) => GlossaryHint[] | undefined;
  /** The article around a batch, for engines that read it. */
  context?: (ids: string[]) => EngineContext | undefined;
  /** The article a segment is sent with: batches never span two (set for engines that read context). */
  group?: (id: string) => string;
  /** The article a segment occurs in, for the worker that stores it in a shared memory. */
  article?: (id: string) => string | undefined;
  /** That article's subjects, for the worker's glossary checks. */
  subjects?: (id: string) => readonly string[] | undefined;
  /** Fingerprint of the checks the producer stores answers with, for a worker that stores them first (`JobMemory.checks`). */
  checks?: string;
}

/** What one answered job gives the run; the phase yields one per job, as answers arrive. */
export interface EngineOutput {
  /** [segment id, tagged target] with the tags checked and protected terms restored. */
  translations: Array<[string, string]>;
  failed: Array<{ id: string; reason: string }>;
  unknownWords: Array<[string, string[]]>;
  /** Engine requests made (retries included). */
  requests: number;
  /** Source segments this answer settles (translated or failed), for progress. */
  settled: number;
  /** A worker already stored these translations as the caller would (`EngineResult.stored`). */
  stored?: boolean;
}

const identity = (_: string, source: string): Protected => ({ tagged: source, fills: new Map() });

/**
 * The engine phase: segments into jobs within the engine's limits, all
 * submitted to the queue at once (the queue paces them), answers yielded in
 * the order they arrive so the caller can store each before the next. A
 * segment whose tags came back broken gets one more job of its own, then is
 * failed — never stored broken. Nothing here knows where jobs run.
 */
export async function* runEnginePhase(input: EngineInput, queue: JobQueue, options: { signal?: AbortSignal; logger?: Logger } = {}): AsyncGenerator<EngineOutput> {
  const { signal } = options;
  const protect = input.protect ?? identity;
  const sent = new Map<string, Protected>();
  const jobOf = (batch: Array<[string, string]>): EngineJob => {
    const segments = batch.map(([id, source]) => {
      const p = protect(id, source);
      sent.set(id, p);
      return { id, text: p.tagged };
    });
    // What a remote worker stores in the shared memory before acknowledging (the local queue ignores it).
    const memory = {
      origin: `engine:${input.engine.name}`,
      ...(input.checks ? { checks: input.checks } : {}),
      segments: batch.map(([id, source]) => {
        const fills = sent.get(id)!.fills;
        const article = input.article?.(id);
        const subjects = input.subjects?.(id);
        return { source, ...(fills.size ? { fills: [...fills] } : {}), ...(article ? { article } : {}), ...(subjects ? { subjects: [...subjects] } : {}) };
      }),
    };
    const hints = input.hints?.(batch);
    const context = input.context?.(batch.map(([id]) => id));
    return {
      engine: input.engine.name,
      ...(input.engineOptions ? { engineOptions: input.engineOptions } : {}),
      sourceLanguage: input.sourceLanguage,
      targetLanguage: input.targetLanguage,
      segments,
      ...(hints?.length ? { glossary: hints } : {}),
      ...(context ? { context } : {}),
      memory,
    };
  };
  type Answer = { batch: Array<[string, string]>; second: boolean; result?: EngineResult; error?: unknown };
  const arrived: Answer[] = [];
  let wake: (() => void) | undefined;
  let outstanding = 0;
  const submit = (batch: Array<[string, string]>, second: boolean) => {
    outstanding++;
    queue.submit(jobOf(batch), signal ? { signal } : {}).then(
      (result) => arrived.push({ batch, second, result }),
      (error: unknown) => arrived.push({ batch, second, error }),
    ).finally(() => wake?.());
  };
  for (const batch of batches(input.segments, input.engine.limits, input.group)) submit(batch, false);
  while (outstanding > 0) {
    if (arrived.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    wake = undefined;
    const answer = arrived.shift();
    if (!answer) continue;
    outstanding--;
    const { batch, second, result, error } = answer;
    if (error !== undefined || !result) {
      if (signal?.aborted) continue; // interrupted: the run reports it, not each segment
      yield { translations: [], failed: batch.map(([id]) => ({ id, reason: (error as Error).message })), unknownWords: [], requests: 0, settled: batch.length };
      continue;
    }
    if (result.failure !== undefined) {
      yield { translations: [], failed: batch.map(([id]) => ({ id, reason: result.failure! })), unknownWords: [], requests: result.attempts, settled: batch.length };
      continue;
    }
    const out: EngineOutput = { translations: [], failed: [], unknownWords: [], requests: result.attempts, settled: 0, ...(result.stored ? { stored: true } : {}) };
    const sources = new Map(batch);
    for (const segment of result.segments) {
      const restored = segment.text !== undefined ? restoreTerms(segment.text, sent.get(segment.id)!.fills, sent.get(segment.id)!.inflected, sent.get(segment.id)!.lowercaseAfter) : undefined;
      // A word the engine did not know inside a protected term is gone once the term is filled in.
      const fills = sent.get(segment.id)!.fills;
      const outside = segment.text !== undefined && fills.size ? restoreTerms(segment.text, new Map([...fills.keys()].map((id) => [id, '']))) : undefined;
      const unknown = outside === undefined ? segment.unknownWords : segment.unknownWords?.filter((w) => outside.includes(w));
      if (unknown?.length) out.unknownWords.push([segment.id, unknown]);
      if (restored !== undefined) {
        out.translations.push([segment.id, restored]);
        out.settled++;
      } else if (second) {
        out.failed.push({ id: segment.id, reason: `tags came back broken twice (${segment.brokenTags})` });
        out.settled++;
      } else if (!signal?.aborted) {
        submit([[segment.id, sources.get(segment.id)!]], true);
      }
    }
    yield out;
  }
  signal?.throwIfAborted();
}
