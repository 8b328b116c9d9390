import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { RetryableEngineError, type Engine } from '../../src/engines/index.js';
import { SqliteMemoryStore, type MemoryStore } from '../../src/memory/index.js';
import { createBullmqQueue, createBullmqWorker } from '../../src/queue/bullmq/index.js';
import { answerWrites } from '../../src/pipeline/index.js';
import type { EngineJob, EngineResult, JobQueue, RetryPolicy } from '../../src/queue/index.js';
import { segmentId } from '../../src/tagged/index.js';
import { scriptedEngine } from '../helpers/scripted-engine.js';
import { describeJobQueue } from './contract.js';

const url = inject('redisUrl');
let run = 0;
const fastRetry: RetryPolicy = { retries: 2, minDelayMs: 1, maxDelayMs: 5 };

describeJobQueue('BullMQ on Redis', {
  async create(setup) {
    // A prefix per test: its queues, limits and kept jobs answer no other test.
    const prefix = `tolk-test-${process.pid}-${run++}`;
    const engines = new Map(setup.engines.map((e) => [e.name, e]));
    const worker = await createBullmqWorker({
      url,
      prefix,
      engines: [...engines.keys()],
      engineFor: async (job) => engines.get(job.engine)!,
      concurrency: 8,
      retry: setup.retry,
    });
    const queue = createBullmqQueue({ url, prefix, limits: setup.limits, retry: setup.retry });
    return {
      queue,
      async close() {
        await queue.close();
        await worker.close();
      },
    };
  },
});

/** A worker over `engine` and `producers` queues on one fresh prefix. */
async function setup(engine: Engine, producers: number, options: { store?: MemoryStore; concurrency?: number; asProducer?: boolean } = {}) {
  const prefix = `tolk-test-${process.pid}-${run++}`;
  const worker = await createBullmqWorker({
    url,
    prefix,
    engines: [engine.name],
    engineFor: async () => engine,
    concurrency: options.concurrency ?? 2,
    retry: fastRetry,
    ...(options.store ? { store: { memory: options.store, writes: (j: EngineJob, r: EngineResult, e: Engine) => ({ writes: answerWrites(j, r, e), asProducer: options.asProducer ?? false }) } } : {}),
  });
  const queues: JobQueue[] = Array.from({ length: producers }, () => createBullmqQueue({ url, prefix, limits: () => ({ concurrency: 4 }), retry: fastRetry }));
  return {
    queues,
    async close() {
      for (const q of queues) await q.close();
      await worker.close();
    },
  };
}

const job = (engine: string, texts: string[], extra: Partial<EngineJob> = {}): EngineJob => {
  const id = `${process.pid}-${Date.now()}-${run++}`;
  return { engine, sourceLanguage: 'nl', targetLanguage: 'af', segments: texts.map((text, i) => ({ id: `${id}-${i}`, text })), ...extra };
};

describe('BullMQ queue', () => {
  it('bullmq: two producers asking for the same batch share one job and pay once; a later ask gets the kept answer', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const engine = scriptedEngine('bull-share');
    let called = 0;
    const slow: Engine = { ...engine, translate: async (request) => (called++, await gate, engine.translate(request)) };
    const made = await setup(slow, 2);
    try {
      const asked = job('bull-share', ['een', 'twee']);
      const both = Promise.all(made.queues.map((q) => q.submit(structuredClone(asked))));
      // Both are waiting while the one job runs (held at the engine).
      while (called === 0) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 100));
      release();
      const [a, b] = await both;
      expect(a).toEqual(b);
      expect(a!.segments.map((s) => s.text)).toEqual(['EEN', 'TWEE']);
      const later = await made.queues[1]!.submit(structuredClone(asked));
      expect(later.segments.map((s) => s.text)).toEqual(['EEN', 'TWEE']);
      expect(engine.requests).toBe(1);
    } finally {
      await made.close();
    }
  });

  it('bullmq: the worker stores the answer in the memory (terms put back) before the producer hears of it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tolk-bull-'));
    const store = new SqliteMemoryStore(join(dir, 'tm.sqlite'));
    const made = await setup(scriptedEngine('bull-store'), 1, { store });
    try {
      // Real segment ids: the memory keys by them.
      const base = job('bull-store', ['Ajax <1/> wint', 'thuis']);
      base.segments = [
        { id: segmentId('nl', 'Ajax Amsterdam wint'), text: 'Ajax <1/> wint' },
        { id: segmentId('nl', `thuis ${run}`), text: 'thuis' },
      ];
      const asked: EngineJob = {
        ...base,
        memory: {
          origin: 'engine:bull-store',
          segments: [
            { source: 'Ajax Amsterdam wint', fills: [[1, 'Ajax Amsterdam']], article: 'nl/a.md' },
            { source: `thuis ${run}`, article: 'nl/a.md' },
          ],
        },
      };
      const result = await made.queues[0]!.submit(asked);
      expect(result.segments.map((s) => s.text)).toEqual(['AJAX <1/> WINT', 'THUIS']);
      const stored = await store.lookup(asked.segments.map((s) => s.id), 'af');
      expect(stored.get(asked.segments[0]!.id)).toMatchObject({ source: 'Ajax Amsterdam wint', target: 'AJAX Ajax Amsterdam WINT', origin: 'engine:bull-store', status: 'machine' });
      expect(stored.get(asked.segments[1]!.id)?.target).toBe('THUIS');
    } finally {
      await made.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bullmq: an answer a worker stored as the producer would says so; the same answer read back from a kept job does not', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tolk-bull-'));
    const store = new SqliteMemoryStore(join(dir, 'tm.sqlite'));
    const made = await setup(scriptedEngine('bull-stored'), 2, { store, asProducer: true });
    try {
      const source = `thuis ${run}`;
      const asked: EngineJob = {
        ...job('bull-stored', [source]),
        memory: { origin: 'engine:bull-stored', segments: [{ source, article: 'nl/a.md' }] },
      };
      asked.segments = [{ id: segmentId('nl', source), text: source }];
      const first = await made.queues[0]!.submit(asked);
      expect(first.stored).toBe(true);
      // Asked again after it finished: the memory may have been replaced since, so this producer writes it itself.
      const later = await made.queues[1]!.submit(asked);
      expect(later.segments).toEqual(first.segments);
      expect(later.stored).toBeUndefined();
    } finally {
      await made.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('bullmq: a 429 with Retry-After pauses the whole queue, not just the job that got it', async () => {
    const starts = new Map<string, number[]>();
    const engine = scriptedEngine('bull-429', (request, index) => {
      const key = request.segments[0]!;
      starts.set(key, [...(starts.get(key) ?? []), Date.now()]);
      if (index === 0) throw new RetryableEngineError('HTTP 429', { status: 429, retryAfterMs: 700 });
      return undefined;
    });
    const made = await setup(engine, 1, { concurrency: 2 });
    try {
      const first = made.queues[0]!.submit(job('bull-429', ['eerste']));
      while (engine.requests === 0) await new Promise((r) => setTimeout(r, 5));
      await new Promise((r) => setTimeout(r, 50));
      const second = made.queues[0]!.submit(job('bull-429', ['tweede']));
      await Promise.all([first, second]);
      const limited = starts.get('eerste')![0]!;
      // The worker had a free slot, yet the second job waited out the first's Retry-After.
      expect(starts.get('tweede')![0]! - limited).toBeGreaterThanOrEqual(650);
    } finally {
      await made.close();
    }
  });

  it('bullmq: a job that failed for good in an earlier run is asked again, not answered from the kept failure', async () => {
    const engine = scriptedEngine('bull-again', (_request, index) => {
      if (index === 0) throw new Error('HTTP 403: wrong key');
      return undefined;
    });
    const made = await setup(engine, 1);
    try {
      const asked = job('bull-again', ['een']);
      const failed = await made.queues[0]!.submit(structuredClone(asked));
      expect(failed.failure).toMatch(/wrong key/);
      expect(failed.attempts).toBe(1);
      const again = await made.queues[0]!.submit(structuredClone(asked));
      expect(again.failure).toBeUndefined();
      expect(again.segments[0]!.text).toBe('EEN');
      expect(engine.requests).toBe(2);
    } finally {
      await made.close();
    }
  });

  it('bullmq: a producer that aborts stops waiting; the job still runs for another producer', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const engine = scriptedEngine('bull-abort');
    const slow: Engine = { ...engine, translate: async (request) => (await gate, engine.translate(request)) };
    const made = await setup(slow, 2);
    try {
      const asked = job('bull-abort', ['een']);
      const controller = new AbortController();
      const leaving = made.queues[0]!.submit(structuredClone(asked), { signal: controller.signal });
      const staying = made.queues[1]!.submit(structuredClone(asked));
      await new Promise((r) => setTimeout(r, 100));
      controller.abort(new Error('interrupted'));
      await expect(leaving).rejects.toThrow(/interrupted/);
      expect(made.queues[0]!.size).toBe(0);
      release();
      expect((await staying).segments[0]!.text).toBe('EEN');
      expect(engine.requests).toBe(1);
    } finally {
      await made.close();
    }
  });
});
