import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { writeArticleCorpus } from '../../src/bench/articles.js';
import { parseMarkdown, treeShape } from '../../src/markdown/index.js';
import { readProvenance } from '../../src/pipeline/index.js';
import { startFakeEngine, type Fault } from '../helpers/fake-engine-server.js';
import { bin, makeProject, runTolkAsync } from '../helpers/project.js';

type Fake = Awaited<ReturnType<typeof startFakeEngine>>;
let server: Fake | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** A project of generated articles translated by a fake LibreTranslate at `url`. */
function corpus(url: string, articles: number, pipeline: Record<string, number>): string {
  const root = makeProject({
    'tolk.config.json': JSON.stringify({
      sourceLanguage: 'nl',
      targetLanguages: ['af'],
      engines: { af: 'libretranslate' },
      engineOptions: { libretranslate: { url, timeoutMs: 300 } },
      pipeline,
    }),
  });
  writeArticleCorpus(join(root, 'articles/nl'), articles, 11);
  return root;
}

const storedIds = (root: string): Set<string> => {
  const file = join(root, '.tolk/tm.sqlite');
  if (!existsSync(file)) return new Set();
  const db = new Database(file, { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    // Killed before the schema was created: a valid, empty database.
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'units'").get()) return new Set();
    return new Set((db.prepare('SELECT s.source FROM units u JOIN sources s ON s.segment_id = u.segment_id').all() as Array<{ source: string }>).map((r) => r.source));
  } finally {
    db.close();
  }
};

/** Every localized article on disk is whole: it parses to its source's shape and carries its record. */
function expectWholeArticles(root: string): void {
  const dir = join(root, 'articles/af');
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    if (!name.endsWith('.md')) continue;
    const localized = readFileSync(join(dir, name), 'utf8');
    const source = readFileSync(join(root, 'articles/nl', name), 'utf8');
    expect(readProvenance(localized), name).toBeDefined();
    expect(treeShape(parseMarkdown(localized))).toBe(treeShape(parseMarkdown(source)));
  }
}

describe('pipeline reliability', () => {
  it('reliability: 429 with Retry-After, 500, timeouts, dropped connections and wrong batch sizes end with every segment stored or listed; a re-run finishes', async () => {
    const faults: Array<Fault | undefined> = [
      { kind: 'status', status: 429, retryAfter: '0.05', body: { error: 'Slowdown: too many requests' } },
      { kind: 'status', status: 500 },
      { kind: 'timeout' },
      { kind: 'drop' },
      { kind: 'wrong-count' },
      { kind: 'break-tags' },
    ];
    // Faults come first; afterwards every fourth request fails for good (400), so some segments cannot be done in this run.
    server = await startFakeEngine({ protocol: 'libretranslate', faults: (n) => faults[n] ?? (n % 4 === 3 ? { kind: 'status', status: 400 } : undefined) });
    const root = corpus(server.url, 12, { retries: 3, retryDelayMs: 10, maxRetryDelayMs: 100, concurrency: 2 });
    const first = await runTolkAsync(['translate', '--json'], root);
    const summary = JSON.parse(first.stdout);
    expect(first.code).toBe(1);
    const stored = storedIds(root);
    const failed = new Set((summary.failed as Array<{ source: string }>).map((f) => f.source));
    expect(failed.size).toBeGreaterThan(0);
    expect(stored.size + failed.size).toBe(summary.unique); // each segment is stored or listed, never lost
    for (const source of failed) expect(stored.has(source)).toBe(false);
    expectWholeArticles(root);

    await server.close();
    server = await startFakeEngine({ protocol: 'libretranslate' });
    const config = JSON.parse(readFileSync(join(root, 'tolk.config.json'), 'utf8'));
    config.engineOptions.libretranslate.url = server.url;
    writeFileSync(join(root, 'tolk.config.json'), JSON.stringify(config));
    const second = await runTolkAsync(['translate', '--json'], root);
    expect(second.code).toBe(0);
    const rest = JSON.parse(second.stdout);
    expect(rest.engineSegments).toBe(failed.size); // only what failed is sent again
    expect(new Set(server.received()).size).toBe(failed.size);
    expectWholeArticles(root);
    for (const name of readdirSync(join(root, 'articles/af'), { recursive: true }) as string[]) {
      if (name.endsWith('.md')) expect(readProvenance(readFileSync(join(root, 'articles/af', name), 'utf8'))!.complete).toBe(100);
    }
  }, 60_000);

  it('reliability: killed at random points, a run never leaves a corrupt article, never loses a stored translation, never re-sends a stored segment', async () => {
    server = await startFakeEngine({ protocol: 'libretranslate', latencyMs: 60, maxBatch: 50 });
    const root = corpus(server.url, 40, { concurrency: 1, retries: 1, retryDelayMs: 10, maxRetryDelayMs: 50 });
    /** Runs translate and SIGKILLs it once the engine has received `segments` more segments (or it ends). */
    const killAfter = (segments: number) =>
      new Promise<void>((resolve) => {
        const start = server!.received().length;
        const child = spawn(process.execPath, [bin, 'translate', '--json'], { cwd: root, stdio: 'ignore' });
        const poll = setInterval(() => {
          if (server!.received().length - start >= segments) child.kill('SIGKILL');
        }, 5);
        child.on('exit', () => {
          clearInterval(poll);
          resolve();
        });
      });
    let stored = new Set<string>();
    const storedAfterKill: number[] = [];
    for (const segments of [60, 1, 110, 75, 160]) {
      const before = server.received().length;
      await killAfter(segments);
      const sentThisRun = server.received().slice(before);
      // Nothing already stored was paid for again.
      for (const segment of sentThisRun) expect(stored.has(segment.replace(/^\[af\] /, ''))).toBe(false);
      const now = storedIds(root);
      for (const source of stored) expect(now.has(source)).toBe(true); // no stored translation lost
      stored = now;
      storedAfterKill.push(stored.size);
      expectWholeArticles(root);
    }
    // The kills landed mid-run: some, not all, was stored each time.
    expect(storedAfterKill.some((n, i) => n > (storedAfterKill[i - 1] ?? 0))).toBe(true);
    const before = server.received().length;
    const final = await runTolkAsync(['translate', '--json'], root);
    expect(final.code).toBe(0);
    for (const segment of server.received().slice(before)) expect(stored.has(segment)).toBe(false);
    const summary = JSON.parse(final.stdout);
    expect(storedIds(root).size).toBe(summary.unique);
    expectWholeArticles(root);
  }, 60_000);
});
