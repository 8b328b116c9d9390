/**
 * Translation across processes on BullMQ: real `tolk worker` processes and
 * `tolk translate` producers (the built bin), the run's Redis and a
 * PostgreSQL memory, a fake LibreTranslate on 127.0.0.1 that records when
 * each request came. No timed assertions: the rate limit is checked on the
 * server's own time stamps against what the limit allows.
 */
import { cpSync, existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { QueueEvents } from 'bullmq';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { writeArticleCorpus } from '../../src/bench/articles.js';
import { startRedis, type RedisServer } from '../../src/bench/servers.js';
import { createBullmqQueue } from '../../src/queue/bullmq/index.js';
import type { EngineJob } from '../../src/queue/index.js';
import { fromXmlPlaceholders } from '../../src/engines/xml-placeholders.js';
import { readProvenance } from '../../src/localized/index.js';
import { startTolk, type RunningTolk } from '../helpers/child.js';
import { startFakeEngine, type FakeEngine, type FakeEngineOptions } from '../helpers/fake-engine-server.js';
import { freshDatabase } from '../helpers/postgres.js';
import { makeProject, removeProject, runTolkAsync } from '../helpers/project.js';

const LANGUAGES = ['af', 'en', 'de'];
/** The shared rate limit: starts per interval, across every worker. */
const INTERVAL_CAP = 6;
const INTERVAL = 300;

let run = 0;
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A fake LibreTranslate whose requests carry the time they arrived. */
async function fakeEngine(options: Partial<FakeEngineOptions> = {}) {
  const stamps: number[] = [];
  const server = await startFakeEngine({
    protocol: 'libretranslate',
    latencyMs: 20,
    ...options,
    before: async (request) => {
      stamps.push(Date.now());
      await options.before?.(request);
    },
  });
  cleanup.push(() => server.close());
  return { server, stamps };
}

interface Team {
  memoryUrl: string;
  redisUrl: string;
  prefix: string;
}

async function team(redisUrl = inject('redisUrl')): Promise<Team> {
  return { memoryUrl: await freshDatabase('tolk_workers'), redisUrl, prefix: `tolk-workers-${process.pid}-${run++}` };
}

const config = (engineUrl: string, shared?: Team) =>
  JSON.stringify({
    sourceLanguage: 'nl',
    targetLanguages: LANGUAGES,
    engines: { '*': 'libretranslate' },
    engineOptions: { libretranslate: { url: engineUrl, concurrency: 4, intervalCap: INTERVAL_CAP, interval: INTERVAL } },
    pipeline: { retries: 2, retryDelayMs: 20 },
    ...(shared
      ? { memory: { url: shared.memoryUrl }, queue: { url: shared.redisUrl, prefix: shared.prefix, lockDurationMs: 2000 } }
      : {}),
  });

function project(engineUrl: string, articles: number, shared?: Team): string {
  const root = makeProject({ 'tolk.config.json': config(engineUrl, shared) });
  cleanup.push(() => removeProject(root));
  writeArticleCorpus(join(root, 'articles/nl'), articles, 11);
  return root;
}

/** A clone of a project (its own directory, so its own lock), articles and config alike. */
function clone(root: string): string {
  const copy = makeProject({});
  cpSync(root, copy, { recursive: true });
  cleanup.push(() => removeProject(copy));
  return copy;
}

/** `tolk worker` processes on their own config directory; stopped (SIGTERM) after the test. */
function workers(root: string, count: number): RunningTolk[] {
  const started = Array.from({ length: count }, () => startTolk(['worker', '--concurrency', '2', '--root', root], root, { TOLK_WORKER_HEALTH_MS: '1000' }));
  cleanup.push(async () => {
    if (process.env.TOLK_TEST_DEBUG) for (const w of started) console.log(w.stdout(), w.stderr());
    for (const w of started) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
    await Promise.all(started.map((w) => w.ended));
  });
  return started;
}

async function untilReady(started: RunningTolk[]): Promise<void> {
  for (const w of started) {
    while (!w.stdout().includes('worker: taking')) {
      if (w.child.exitCode !== null) throw new Error(`worker exited ${w.child.exitCode}: ${w.stderr()}`);
      await sleep(50);
    }
  }
}

/** Localized articles of every language, path → text. */
function localized(root: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const language of LANGUAGES) {
    const dir = join(root, 'articles', language);
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir, { recursive: true }) as string[]) {
      if (name.endsWith('.md')) out.set(`${language}/${name}`, readFileSync(join(dir, name), 'utf8'));
    }
  }
  return out;
}

function expectComplete(root: string, articles: number): void {
  const files = localized(root);
  expect(files.size).toBe(articles * LANGUAGES.length);
  for (const [name, text] of files) expect(readProvenance(text)?.complete, name).toBe(100);
}

/** Segments (as the memory holds them) the engine received more than once for the same language. */
const sentTwice = (server: FakeEngine): number => {
  const sent = server.requests.flatMap((r) => r.segments.map((s) => `${r.target}\u0000${fromXmlPlaceholders(s)}`));
  return sent.length - new Set(sent).size;
};

describe('workers on BullMQ', () => {
  it('workers: 3 worker processes and a producer translate every article as one process does, within the shared rate limit', async () => {
    // 200 articles (the size, TOLK_TEST_WORKER_ARTICLES=200) pass too but take 3 minutes on two shared cores.
    const ARTICLES = Number(process.env.TOLK_TEST_WORKER_ARTICLES) || 60;
    const single = await fakeEngine();
    const alone = project(single.server.url, ARTICLES);
    const t0 = Date.now();
    const reference = await runTolkAsync(['translate', '--json'], alone);
    const t1 = Date.now();
    expect(reference.code, reference.stderr).toBe(0);

    const shared = await team();
    const { server, stamps } = await fakeEngine();
    const root = project(server.url, ARTICLES, shared);
    const started = workers(clone(root), 3);
    await untilReady(started);
    const t2 = Date.now();
    const produced = await runTolkAsync(['translate', '--json'], root);
    expect(produced.code, produced.stderr).toBe(0);
    console.log(`${ARTICLES} articles × ${LANGUAGES.length}: one process ${t1 - t0} ms, 3 workers ${Date.now() - t2} ms, ${stamps.length} requests`);

    expectComplete(root, ARTICLES);
    const ours = localized(root);
    const theirs = localized(alone);
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    for (const [name, text] of ours) expect(text, name).toBe(theirs.get(name));
    // Every worker took part.
    for (const w of started) expect(w.stdout()).toMatch(/worker: [1-9]\d* done/);

    // At the server: no sliding window of one interval holds more than 2 × intervalCap requests (BullMQ's windows
    // are fixed and may meet at a boundary), and the total stays within what the windows of the run allow.
    stamps.sort((a, b) => a - b);
    let most = 0;
    for (let i = 0, j = 0; j < stamps.length; j++) {
      while (stamps[j]! - stamps[i]! >= INTERVAL) i++;
      most = Math.max(most, j - i + 1);
    }
    expect(most).toBeLessThanOrEqual(2 * INTERVAL_CAP);
    const elapsed = stamps.at(-1)! - stamps[0]!;
    const summary = JSON.parse(produced.stdout) as { languages: Record<string, { engineRequests: number }> };
    const retries = Object.values(summary.languages).reduce((n, l) => n + l.engineRequests, 0) - stamps.length;
    // A run that spans `elapsed` touches at most ⌈elapsed / interval⌉ + 1 of BullMQ's fixed windows.
    expect(stamps.length).toBeLessThanOrEqual(INTERVAL_CAP * (Math.ceil((elapsed + 1) / INTERVAL) + 1) + Math.max(0, retries));
    expect(sentTwice(server)).toBe(0);
  }, 240_000);

  it('workers: the rate limit holds at the server across 3 worker processes that could go faster', async () => {
    // Few jobs and a long interval: unlimited, the workers would start all 8 within one interval even on a busy machine.
    const cap = 2;
    const interval = 2000;
    const shared = await team();
    const { server, stamps } = await fakeEngine();
    const root = project(server.url, 1, shared);
    await untilReady(workers(clone(root), 3));
    const queue = createBullmqQueue({ url: shared.redisUrl, prefix: shared.prefix, limits: () => ({ concurrency: 4, intervalCap: cap, interval }), retry: { retries: 0, minDelayMs: 10, maxDelayMs: 10 } });
    cleanup.push(() => queue.close());
    const jobs = Array.from({ length: 8 }, (_, j): EngineJob => ({
      engine: 'libretranslate',
      engineOptions: { url: server.url },
      sourceLanguage: 'nl',
      targetLanguage: 'af',
      segments: [{ id: `${shared.prefix}-${j}`, text: `Zin ${j} van ${shared.prefix}.` }],
    }));
    const results = await Promise.all(jobs.map((job) => queue.submit(job)));
    expect(results.every((r) => r.failure === undefined)).toBe(true);
    expect(stamps).toHaveLength(8);
    stamps.sort((a, b) => a - b);
    for (let i = 0; i + 2 * cap < stamps.length; i++) expect(stamps[i + 2 * cap]! - stamps[i]!, 'more than 2 × intervalCap in one interval').toBeGreaterThanOrEqual(interval);
    // A run that spans `elapsed` touches at most ⌈elapsed / interval⌉ + 1 of BullMQ's fixed windows.
    expect(stamps.length).toBeLessThanOrEqual(cap * (Math.ceil((stamps.at(-1)! - stamps[0]! + 1) / interval) + 1));
  }, 120_000);

  it('workers: a worker killed with SIGKILL mid-job loses nothing; what it was sending is sent again, nothing more', async () => {
    const ARTICLES = 40;
    const shared = await team();
    let killed: RunningTolk | undefined;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const { server } = await fakeEngine({
      // The first request is held until its worker is dead; later ones pass.
      before: (request) => (request.index === 0 ? held : undefined),
    });
    const root = project(server.url, ARTICLES, shared);
    const config = clone(root);
    [killed] = workers(config, 1);
    await untilReady([killed!]);
    const producer = runTolkAsync(['translate', '--json'], root);
    while (server.requests.length === 0) await sleep(20);
    killed!.child.kill('SIGKILL');
    await killed!.ended;
    release();
    // The others take over once the dead worker's lock runs out (lockDurationMs: 2000).
    await untilReady(workers(config, 2));
    const produced = await producer;
    expect(produced.code, produced.stderr).toBe(0);
    expectComplete(root, ARTICLES);
    const twice = sentTwice(server);
    // Bounded by the killed worker's in-flight jobs: 2 jobs of at most 50 segments (LibreTranslate's batch).
    expect(twice).toBeLessThanOrEqual(2 * 50);
    console.log(`kill -9 of a worker: ${twice} segments sent twice`);
  }, 240_000);

  it('workers: two producers in two clones sharing memory and queue send each unique segment once', async () => {
    // One chunk (25 articles): each producer looks the memory up once, before anything is stored.
    const ARTICLES = 25;
    const shared = await team();
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { server } = await fakeEngine({ before: () => gate });
    const a = project(server.url, ARTICLES, shared);
    const b = clone(a);
    const dry = await runTolkAsync(['translate', '--dry-run', '--json'], a);
    expect(dry.code, dry.stderr).toBe(0);
    const jobs = Object.values((JSON.parse(dry.stdout) as { languages: Record<string, { engineRequests: number }> }).languages).reduce((n, l) => n + l.engineRequests, 0);

    // Both producers have asked for every job once the second asking of each is seen (BullMQ's `duplicated`).
    const events = new QueueEvents('libretranslate', { connection: { url: shared.redisUrl }, prefix: shared.prefix });
    cleanup.push(() => events.close());
    let duplicated = 0;
    events.on('duplicated', () => void duplicated++);
    await events.waitUntilReady();
    await untilReady(workers(clone(a), 2));
    const both = [runTolkAsync(['translate', '--json'], a), runTolkAsync(['translate', '--json'], b)];
    while (duplicated < jobs) await sleep(50);
    open();
    for (const result of await Promise.all(both)) expect(result.code, result.stderr).toBe(0);
    expectComplete(a, ARTICLES);
    expectComplete(b, ARTICLES);
    expect(sentTwice(server)).toBe(0);
  }, 240_000);

  it('workers: Redis restarted mid-run (nothing saved) — the run resumes or stops saying so, and a re-run finishes with nothing lost', async () => {
    const ARTICLES = 40;
    let redis: RedisServer | undefined = await startRedis();
    cleanup.push(() => redis?.stop());
    const shared = await team(redis.url);
    let restarted = false;
    const { server } = await fakeEngine({
      before: async (request) => {
        if (request.index !== 3 || restarted) return;
        restarted = true;
        const port = redis!.port;
        await redis!.stop();
        await sleep(500);
        redis = await startRedis({ port });
      },
    });
    const root = project(server.url, ARTICLES, shared);
    await untilReady(workers(clone(root), 2));
    const first = await runTolkAsync(['translate', '--json'], root);
    expect(restarted).toBe(true);
    if (first.code !== 0) expect(first.stderr).toMatch(/lost the queue's Redis at redis:\/\/127\.0\.0\.1:\d+.*running the command again resumes/s);
    const again = await runTolkAsync(['translate', '--json'], root);
    expect(again.code, again.stderr).toBe(0);
    expectComplete(root, ARTICLES);
    console.log(`Redis restarted mid-run: first run exit ${first.code}, ${sentTwice(server)} segments sent twice`);
  }, 240_000);
});
