/**
 * The `JobQueue` contract: what the pipeline relies on from any queue, run
 * unchanged against each implementation (p-queue in process, BullMQ on Redis).
 * Engines here are in-process objects; a remote queue's factory runs a worker
 * with them. Time appears only as lower bounds the contract promises (a
 * Retry-After is waited out), never as a speed expectation.
 */
import { describe, expect, it } from 'vitest';
import { RetryableEngineError, type Engine, type TranslateRequest } from '../../src/engines/index.js';
import { type EngineJob, type JobQueue, type QueueLimits, type RetryPolicy } from '../../src/queue/index.js';
import { jobId } from '../../src/queue/job.js';
import { scriptedEngine, upper } from '../helpers/scripted-engine.js';

export interface QueueSetup {
  engines: Engine[];
  limits: (engine: string) => QueueLimits;
  retry: RetryPolicy;
}

export interface QueueFactory {
  /** A queue over these engines (and, for a remote queue, the workers that run its jobs). */
  create(setup: QueueSetup): Promise<{ queue: JobQueue; close(): Promise<void> }>;
}

const fastRetry: RetryPolicy = { retries: 3, minDelayMs: 1, maxDelayMs: 5 };

/** A unique job per test and run, so a remote queue's finished jobs never answer another test. */
let counter = 0;
const job = (engine: string, texts: string[], extra: Partial<EngineJob> = {}): EngineJob => {
  const run = `${process.pid}-${Date.now()}-${counter++}`;
  return {
    engine,
    sourceLanguage: 'nl',
    targetLanguage: 'af',
    segments: texts.map((text, i) => ({ id: `${run}-${i}`, text })),
    ...extra,
  };
};

export function describeJobQueue(name: string, factory: QueueFactory): void {
  describe(`JobQueue contract: ${name}`, () => {
    const withQueue = async (setup: Partial<QueueSetup> & { engines: Engine[] }, body: (queue: JobQueue) => Promise<void>) => {
      const made = await factory.create({ limits: () => ({ concurrency: 2 }), retry: fastRetry, ...setup });
      try {
        await body(made.queue);
      } finally {
        await made.close();
      }
    };

    it('queue contract: results come back per segment, in the job\'s order, with unknown words', async () => {
      const engine = scriptedEngine('contract-order', (request) =>
        request.segments.map((s, i) => ({ text: upper(s), ...(i === 1 ? { unknownWords: ['wedstryd'] } : {}) })),
      );
      await withQueue({ engines: [engine] }, async (queue) => {
        const sent = job('contract-order', ['<1>een</1> twee', 'drie', 'vier<2/>']);
        const result = await queue.submit(sent);
        expect(result.failure).toBeUndefined();
        expect(result.attempts).toBe(1);
        expect(result.segments).toEqual([
          { id: sent.segments[0]!.id, text: '<1>EEN</1> TWEE' },
          { id: sent.segments[1]!.id, text: 'DRIE', unknownWords: ['wedstryd'] },
          { id: sent.segments[2]!.id, text: 'VIER<2/>' },
        ]);
        // Plain data all the way: the result survives JSON unchanged.
        expect(JSON.parse(JSON.stringify(result))).toEqual(result);
      });
    });

    it('queue contract: a segment whose tags come back broken is a per-segment problem, the others are kept', async () => {
      const engine = scriptedEngine('contract-tags', (request) => request.segments.map((s, i) => ({ text: i === 0 ? upper(s).replace('</1>', '') : upper(s) })));
      await withQueue({ engines: [engine] }, async (queue) => {
        const result = await queue.submit(job('contract-tags', ['<1>een</1>', 'twee']));
        expect(result.segments[0]!.text).toBeUndefined();
        expect(result.segments[0]!.brokenTags).toMatch(/1/);
        expect(result.segments[1]!.text).toBe('TWEE');
      });
    });

    it('queue contract: glossary hints and context reach the engine as sent', async () => {
      let seen: TranslateRequest | undefined;
      const engine = scriptedEngine('contract-context', (request) => {
        seen = request;
        return undefined;
      });
      await withQueue({ engines: [engine] }, async (queue) => {
        const context = { title: 'Ajax wint', before: ['Vorige zin.'], after: ['Volgende zin.'], styleGuide: 'Scores as 2-1' };
        await queue.submit(job('contract-context', ['doelpunt'], { glossary: [{ source: 'doelpunt', target: 'doel' }], context }));
        expect(seen?.glossary).toEqual([{ source: 'doelpunt', target: 'doel' }]);
        expect(seen?.context).toEqual(context);
        expect(seen?.segments).toEqual(['doelpunt']);
      });
    });

    it('queue contract: transient failures are retried and counted as attempts', async () => {
      const engine = scriptedEngine('contract-retry', (_request, index) => {
        if (index < 2) throw new RetryableEngineError('HTTP 503', { status: 503 });
        return undefined;
      });
      await withQueue({ engines: [engine] }, async (queue) => {
        const result = await queue.submit(job('contract-retry', ['een']));
        expect(result.segments.map((s) => s.text)).toEqual(['EEN']);
        expect(result.attempts).toBe(3);
        expect(engine.requests).toBe(3);
      });
    });

    it('queue contract: a server\'s Retry-After is waited out before the next attempt', async () => {
      const starts: number[] = [];
      const engine = scriptedEngine('contract-retry-after', (_request, index) => {
        starts.push(Date.now());
        if (index === 0) throw new RetryableEngineError('HTTP 429', { status: 429, retryAfterMs: 400 });
        return undefined;
      });
      await withQueue({ engines: [engine] }, async (queue) => {
        const result = await queue.submit(job('contract-retry-after', ['een']));
        expect(result.segments[0]!.text).toBe('EEN');
        expect(starts).toHaveLength(2);
        expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(390);
      });
    });

    it('queue contract: a failure that is not transient ends the job at once as a failure result', async () => {
      const engine = scriptedEngine('contract-fail', () => {
        throw new Error('HTTP 403: wrong key');
      });
      await withQueue({ engines: [engine] }, async (queue) => {
        const result = await queue.submit(job('contract-fail', ['een', 'twee']));
        expect(result.failure).toMatch(/wrong key/);
        expect(result.segments).toEqual([]);
        expect(engine.requests).toBe(1);
      });
    });

    it('queue contract: retries stop after the policy\'s count and the last error is the failure', async () => {
      const engine = scriptedEngine('contract-give-up', () => {
        throw new RetryableEngineError('HTTP 503 overloaded', { status: 503 });
      });
      await withQueue({ engines: [engine], retry: { retries: 2, minDelayMs: 1, maxDelayMs: 2 } }, async (queue) => {
        const result = await queue.submit(job('contract-give-up', ['een']));
        expect(result.failure).toMatch(/overloaded/);
        expect(result.attempts).toBe(3);
      });
    });

    it('queue contract: never more jobs of one engine at once than its concurrency', async () => {
      let running = 0;
      let most = 0;
      const engine: Engine = {
        name: 'contract-concurrency',
        limits: { maxSegments: 10, maxCharacters: 1000 },
        async translate(request) {
          most = Math.max(most, ++running);
          await new Promise((resolve) => setTimeout(resolve, 20));
          running--;
          return request.segments.map((text) => ({ text }));
        },
      };
      await withQueue({ engines: [engine], limits: () => ({ concurrency: 3 }) }, async (queue) => {
        const results = await Promise.all(Array.from({ length: 12 }, (_, i) => queue.submit(job('contract-concurrency', [`zin ${i}`]))));
        expect(results.every((r) => r.segments.length === 1)).toBe(true);
        expect(most).toBeLessThanOrEqual(3);
        expect(most).toBeGreaterThan(1);
      });
    });

    it('queue contract: the rate limit holds starts within one interval to its cap', async () => {
      const starts: number[] = [];
      const engine = scriptedEngine('contract-rate', () => {
        starts.push(Date.now());
        return undefined;
      });
      await withQueue({ engines: [engine], limits: () => ({ concurrency: 10, intervalCap: 2, interval: 500 }) }, async (queue) => {
        await Promise.all(Array.from({ length: 5 }, (_, i) => queue.submit(job('contract-rate', [`zin ${i}`]))));
        expect(starts).toHaveLength(5);
        // Any 3 consecutive starts span more than one interval (the cap is 2), allowing a fixed window's edge.
        starts.sort((a, b) => a - b);
        for (let i = 2; i < starts.length; i++) expect(starts[i]! - starts[i - 2]!).toBeGreaterThanOrEqual(400);
      });
    });

    it('queue contract: a job whose signal aborted before it ran never reaches the engine and rejects', async () => {
      const engine = scriptedEngine('contract-abort');
      await withQueue({ engines: [engine] }, async (queue) => {
        const controller = new AbortController();
        controller.abort(new Error('interrupted'));
        await expect(queue.submit(job('contract-abort', ['een']), { signal: controller.signal })).rejects.toThrow();
        expect(engine.requests).toBe(0);
      });
    });

    it('queue contract: size counts this producer\'s jobs and onSizeLessThan waits for room', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const engine: Engine = {
        name: 'contract-size',
        limits: { maxSegments: 10, maxCharacters: 1000 },
        async translate(request) {
          await gate;
          return request.segments.map((text) => ({ text }));
        },
      };
      await withQueue({ engines: [engine], limits: () => ({ concurrency: 1 }) }, async (queue) => {
        const pending = Array.from({ length: 4 }, (_, i) => queue.submit(job('contract-size', [`zin ${i}`])));
        expect(queue.size).toBe(4);
        let roomy = false;
        const room = queue.onSizeLessThan(2).then(() => (roomy = true));
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(roomy).toBe(false);
        release();
        await Promise.all(pending);
        await room;
        expect(queue.size).toBe(0);
      });
    });

    it('queue contract: a job is plain data with a stable id whatever its key order', () => {
      const a = job('x', ['een']);
      const b = JSON.parse(JSON.stringify({ segments: a.segments, targetLanguage: 'af', sourceLanguage: 'nl', engine: 'x' })) as EngineJob;
      expect(jobId(a)).toBe(jobId(b));
      expect(jobId(a)).toMatch(/^[0-9a-f]{64}$/);
      expect(jobId({ ...a, targetLanguage: 'en' })).not.toBe(jobId(a));
    });
  });
}
