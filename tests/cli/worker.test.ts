/**
 * `tolk worker` and producers with `queue.url`, at the edges: config errors,
 * servers that are not there, a graceful stop, planning without keys.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { writeArticleCorpus } from '../../src/bench/articles.js';
import { freePort } from '../../src/bench/servers.js';
import { startTolk } from '../helpers/child.js';
import { freshDatabase } from '../helpers/postgres.js';
import { startFakeEngine } from '../helpers/fake-engine-server.js';
import { makeProject, removeProject, runTolkAsync } from '../helpers/project.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) removeProject(root);
});

function project(extra: Record<string, unknown>): string {
  const root = makeProject({ 'tolk.config.json': JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['af'], engines: { '*': 'pseudo' }, ...extra }) });
  roots.push(root);
  writeArticleCorpus(join(root, 'articles/nl'), 3, 5);
  return root;
}

/** No environment overrides from the machine running the tests. */
const clean = { TOLK_QUEUE_URL: '', TOLK_MEMORY_URL: '', DEEPL_AUTH_KEY: '' };

describe('tolk worker', () => {
  it('worker: queue.url without a shared memory is a config error (exit 2) naming memory.url', async () => {
    const root = project({ queue: { url: inject('redisUrl') } });
    for (const args of [['translate'], ['worker']]) {
      const result = await runTolkAsync(args, root, clean);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/queue\.url .* needs a shared memory: set memory\.url/);
    }
  });

  it('worker: Redis not there at start is exit 2 with the host and what to check, no stack', async () => {
    const port = await freePort();
    const root = project({ memory: { url: await freshDatabase('tolk_worker_cli') }, queue: { url: `redis://127.0.0.1:${port}` } });
    const result = await runTolkAsync(['worker'], root, clean);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`cannot reach the queue's Redis at redis://127.0.0.1:${port}`);
    expect(result.stderr).toMatch(/check that redis-server runs there/);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    // A producer learns the same before it reads a single article.
    const producer = await runTolkAsync(['translate'], root, clean);
    expect(producer.code).toBe(2);
    expect(producer.stderr).toContain(`redis://127.0.0.1:${port}`);
  });

  it('worker: the memory not there at start is exit 2 naming its host', async () => {
    const port = await freePort();
    const root = project({ memory: { url: `postgres://tolk@127.0.0.1:${port}/tolk` }, queue: { url: inject('redisUrl') } });
    const result = await runTolkAsync(['worker'], root, clean);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`cannot reach the translation memory at 127\\.0\\.0\\.1.*${port}`));
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('worker: SIGTERM stops it gracefully (exit 0) after a line saying what it did', async () => {
    const root = project({ memory: { url: await freshDatabase('tolk_worker_cli') }, queue: { url: inject('redisUrl'), prefix: `tolk-cli-${process.pid}` } });
    const worker = startTolk(['worker', '--engines', 'pseudo', '--concurrency', '1'], root, { ...clean, TOLK_WORKER_HEALTH_MS: '200' });
    while (!/worker: \d+ done, \d+ failed, \d+ waiting/.test(worker.stdout())) {
      if (worker.child.exitCode !== null) throw new Error(worker.stderr());
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(worker.stdout()).toMatch(/worker: taking pseudo jobs from redis:\/\/127\.0\.0\.1:\d+/);
    worker.child.kill('SIGTERM');
    const ended = await worker.ended;
    expect(ended.code).toBe(0);
    expect(ended.stdout).toMatch(/worker: stopped after 0 done, 0 failed/);
  });

  it('worker: translate and translate --strings through a worker: articles and strings filled, exit 0', async () => {
    const root = project({ memory: { url: await freshDatabase('tolk_worker_cli') }, queue: { url: inject('redisUrl'), prefix: `tolk-cli-strings-${process.pid}` } });
    mkdirSync(join(root, 'locales/nl'), { recursive: true });
    writeFileSync(join(root, 'locales/nl/common.json'), JSON.stringify({ greeting: 'Welkom bij de wedstrijd', score: 'Eindstand' }));
    const worker = startTolk(['worker', '--engines', 'pseudo'], root, clean);
    try {
      while (!worker.stdout().includes('worker: taking')) {
        if (worker.child.exitCode !== null) throw new Error(worker.stderr());
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const articles = await runTolkAsync(['translate', '--json'], root, clean);
      expect(articles.code, articles.stderr).toBe(0);
      expect((JSON.parse(articles.stdout) as { written: string[] }).written).toHaveLength(3);
      const strings = await runTolkAsync(['translate', '--strings', '--json'], root, clean);
      expect(strings.code, strings.stderr).toBe(0);
      const filled = JSON.parse(readFileSync(join(root, 'locales/af/common.json'), 'utf8')) as Record<string, string>;
      expect(Object.keys(filled).sort()).toEqual(['greeting', 'score']);
    } finally {
      worker.child.kill('SIGTERM');
      await worker.ended;
    }
    expect(worker.stdout()).toMatch(/worker: stopped after [1-9]\d* done, 0 failed/);
  });

  it('worker: a producer plans with a remote queue without the engine key, and --dry-run needs no Redis', async () => {
    const port = await freePort();
    const root = project({ memory: { url: await freshDatabase('tolk_worker_cli') }, queue: { url: `redis://127.0.0.1:${port}` }, engines: { '*': 'deepl' } });
    const dry = await runTolkAsync(['translate', '--dry-run', '--json'], root, clean);
    expect(dry.code, dry.stderr).toBe(0);
    const summary = JSON.parse(dry.stdout) as { engineRequests: number; engineSegments: number };
    expect(summary.engineSegments).toBeGreaterThan(0);
    expect(summary.engineRequests).toBeGreaterThan(0);
    // Without the queue the same run needs the key on this machine.
    const local = project({ memory: { url: await freshDatabase('tolk_worker_cli') }, engines: { '*': 'deepl' } });
    const needsKey = await runTolkAsync(['translate', '--dry-run'], local, clean);
    expect(needsKey.code).toBe(2);
    expect(needsKey.stderr).toMatch(/DEEPL_AUTH_KEY/);
  });

  it('worker: a producer follows the queue across workers on stderr (waiting / active / done); --json stdout stays one JSON document', async () => {
    // The engine holds every answer until the producer has shown a job running at a worker: no timing involved.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const engine = await startFakeEngine({ protocol: 'libretranslate', before: () => held });
    try {
      const root = project({
        engines: { '*': 'libretranslate' },
        engineOptions: { libretranslate: { url: engine.url, concurrency: 2 } },
        memory: { url: await freshDatabase('tolk_worker_cli') },
        queue: { url: inject('redisUrl'), prefix: `tolk-cli-progress-${process.pid}` },
      });
      const worker = startTolk(['worker', '--concurrency', '2'], root, clean);
      try {
        while (!worker.stdout().includes('worker: taking')) {
          if (worker.child.exitCode !== null) throw new Error(worker.stderr());
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        const producer = startTolk(['translate', '--json'], root, { ...clean, TOLK_QUEUE_PROGRESS_MS: '100' });
        while (!/^queue: \d+ waiting, [1-9]\d* active, \d+ done \(all workers\)$/m.test(producer.stderr())) {
          if (producer.child.exitCode !== null) throw new Error(producer.stderr());
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        release();
        const ended = await producer.ended;
        expect(ended.code, ended.stderr).toBe(0);
        const summary = JSON.parse(ended.stdout) as { written: string[]; queue: { waiting: number; active: number; done: number; failed: number } };
        expect(summary.written).toHaveLength(3);
        // The counts as the run ended, also the last line on stderr.
        expect(summary.queue).toMatchObject({ waiting: 0, active: 0, failed: 0 });
        expect(summary.queue.done).toBeGreaterThan(0);
        expect(ended.stderr.trim().split('\n').at(-1)).toBe(`queue: 0 waiting, 0 active, ${summary.queue.done} done (all workers)`);
      } finally {
        worker.child.kill('SIGTERM');
        await worker.ended;
      }
    } finally {
      release();
      await engine.close();
    }
  });
});
