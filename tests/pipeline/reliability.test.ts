import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { writeArticleCorpus } from '../../src/bench/articles.js';
import { fromXmlPlaceholders } from '../../src/engines/xml-placeholders.js';
import { SCHEMA_VERSION } from '../../src/memory/sqlite/migrations.js';
import { parseMarkdown } from '../../src/markdown/index.js';
import { treeShape } from '../../src/markdown/shape.js';
import { readProvenance } from '../../src/localized/index.js';
import { startFakeEngine, type Fault } from '../helpers/fake-engine-server.js';
import { seededRandom } from '../../src/bench/random.js';
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
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    return new Set((db.prepare('SELECT s.source FROM units u JOIN sources s ON s.segment_id = u.segment_id').all() as Array<{ source: string }>).map((r) => r.source));
  } finally {
    db.close();
  }
};

/** Every localized article on disk is whole: it parses to its source's shape and carries its record. */
function expectWholeArticles(root: string, language = 'af'): void {
  const dir = join(root, 'articles', language);
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

  it('reliability: killed at ≥ 20 seeded points (the n-th request), a run never leaves a corrupt article, never loses a stored translation, never re-sends a stored segment', async () => {
    // TOLK_TEST_SEED=<n> replays a failure; the seed is printed either way.
    const seed = Number(process.env.TOLK_TEST_SEED ?? Math.floor(Math.random() * 2 ** 31));
    console.log(`reliability kill test: TOLK_TEST_SEED=${seed}`);
    const random = seededRandom(seed);
    /** The run in flight, and when to kill it: at its n-th request, `delayMs` after the request arrived (0: before the answer). */
    let target: { child: ChildProcess; n: number; delayMs: number; seen: number } | undefined;
    server = await startFakeEngine({
      protocol: 'libretranslate',
      before: () => {
        if (!target) return;
        target.seen++;
        if (target.seen !== target.n) return;
        const { child, delayMs } = target;
        if (delayMs === 0) return void child.kill('SIGKILL');
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      },
    });
    // Two languages of 60 articles: about 50 requests of up to 50 segments, enough for 20 kills that each let a little through.
    const root = makeProject({
      'tolk.config.json': JSON.stringify({
        sourceLanguage: 'nl',
        targetLanguages: ['af', 'en'],
        engines: { af: 'libretranslate', en: 'libretranslate' },
        engineOptions: { libretranslate: { url: server.url, timeoutMs: 2000 } },
        pipeline: { concurrency: 2, retries: 1, retryDelayMs: 10, maxRetryDelayMs: 50 },
      }),
    });
    writeArticleCorpus(join(root, 'articles/nl'), 60, 11);
    /**
     * Every segment the engine received as `language<TAB>source`, in the memory's tagged form: the wire carries
     * `<g id="1">…</g>`, the memory `<1>…</1>`.
     */
    const sent = (from = 0) => server!.requests.flatMap((r) => r.segments.map((s) => `${r.target}\t${fromXmlPlaceholders(s)}`)).slice(from);
    const storedPairs = (): Set<string> => {
      const db = new Database(join(root, '.tolk/tm.sqlite'), { readonly: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'units'").get()) return new Set();
        // A new memory's schema is made in one transaction: a kill leaves none or all of it, never an older one.
        expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
        const rows = db.prepare('SELECT u.target_lang AS lang, s.source FROM units u JOIN sources s ON s.segment_id = u.segment_id').all() as Array<{ lang: string; source: string }>;
        return new Set(rows.map((r) => `${r.lang}\t${r.source}`));
      } finally {
        db.close();
      }
    };
    const storedNow = () => (existsSync(join(root, '.tolk/tm.sqlite')) ? storedPairs() : new Set<string>());
    let stored = new Set<string>();
    let kills = 0;
    let runs = 0;
    /** Kills after which the memory held more: only these can catch a re-send. */
    let progressed = 0;
    while (kills < 20 && runs < 40) {
      runs++;
      // With two requests in flight the third goes out as the first is being stored: n up to 4 kills mid-store too.
      const n = 1 + Math.floor(random() * 4);
      const delayMs = random() < 0.3 ? 0 : Math.floor(random() * 60);
      const before = server.received().length;
      const child = spawn(process.execPath, [bin, 'translate', '--json'], { cwd: root, stdio: 'ignore' });
      target = { child, n, delayMs, seen: 0 };
      const ended = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
      target = undefined;
      const context = `seed ${seed}, run ${runs}, killed at request ${n} + ${delayMs} ms`;
      if (ended.signal === null) {
        // Fewer than n requests were left: the run finished on its own, which is only right if nothing is left to send.
        expect(ended.code, context).toBe(0);
        break;
      }
      expect(ended.signal, context).toBe('SIGKILL');
      kills++;
      for (const segment of sent(before)) expect(stored.has(segment), `${context}: re-sent a stored segment: ${segment}`).toBe(false);
      const now = storedNow();
      for (const pair of stored) expect(now.has(pair), `${context}: lost ${pair}`).toBe(true);
      if (now.size > stored.size) progressed++;
      stored = now;
      expectWholeArticles(root);
      expectWholeArticles(root, 'en');
    }
    expect(kills, `seed ${seed}`).toBeGreaterThanOrEqual(20);
    expect(progressed, `seed ${seed}: kills that left something stored`).toBeGreaterThanOrEqual(5);
    const before = server.received().length;
    const final = await runTolkAsync(['translate', '--json'], root);
    expect(final.code, final.stderr).toBe(0);
    for (const segment of sent(before)) expect(stored.has(segment), `seed ${seed}: final run re-sent ${segment}`).toBe(false);
    const summary = JSON.parse(final.stdout);
    const all = storedNow();
    // The final run counts only the articles it still had to build; articles killed runs already finished are up to date.
    if (summary.upToDate === 0) expect(all.size).toBe(summary.unique);
    else expect(all.size).toBeGreaterThanOrEqual(summary.unique);
    // The comparison above is in one format: every segment ever received is a source the memory holds, tagged ones included.
    const everSent = sent();
    expect(everSent.some((s) => /<\d+>/.test(s)), 'the corpus has tagged segments').toBe(true);
    for (const segment of everSent) expect(all.has(segment), segment).toBe(true);
    expectWholeArticles(root);
    expectWholeArticles(root, 'en');
  }, 300_000);
});

