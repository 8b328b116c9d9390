import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { writeArticleCorpus } from '../../src/bench/articles.js';
import { fromXmlPlaceholders } from '../../src/engines/xml-placeholders.js';
import { readProvenance } from '../../src/localized/index.js';
import { startTolk } from '../helpers/child.js';
import { startFakeEngine, type FakeEngine } from '../helpers/fake-engine-server.js';
import { makeProject, removeProject, runTolkAsync } from '../helpers/project.js';
import { fill2 } from '../sync/helpers.js';

let server: FakeEngine | undefined;
const roots: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const root of roots.splice(0)) removeProject(root);
});

/**
 * A fake LibreTranslate that holds every answer until `open()` is called (or
 * 10 s passed, so a broken lock shows as double sending, not as a hang).
 */
async function gatedServer() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => {
    open = resolve;
    setTimeout(resolve, 10_000).unref();
  });
  server = await startFakeEngine({ protocol: 'libretranslate', before: () => gate });
  return { server, open };
}

function project(url: string, articles: number): string {
  const root = makeProject({
    'tolk.config.json': JSON.stringify({
      sourceLanguage: 'nl',
      targetLanguages: ['af'],
      engines: { af: 'libretranslate' },
      engineOptions: { libretranslate: { url } },
      pipeline: { concurrency: 2, retries: 1, retryDelayMs: 10 },
    }),
  });
  roots.push(root);
  writeArticleCorpus(join(root, 'articles/nl'), articles, 7);
  return root;
}

/** Sources stored in the memory (tagged form), after checking the database is whole. */
function storedSources(root: string): string[] {
  const db = new Database(join(root, '.tolk/tm.sqlite'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return (db.prepare("SELECT s.source FROM units u JOIN sources s ON s.segment_id = u.segment_id WHERE u.target_lang = 'af'").all() as Array<{ source: string }>).map(
      (r) => r.source,
    );
  } finally {
    db.close();
  }
}

/**
 * Every segment the engine received, in the memory's tagged form; each must be one the memory now holds, none sent
 * twice, and every stored segment was sent — or, with `translators`, came from the translators' file instead.
 */
function expectEachSentOnce(fake: FakeEngine, root: string, translators: readonly string[] = []): void {
  const sent = fake.received().map(fromXmlPlaceholders);
  const stored = new Set(storedSources(root));
  expect(sent.length).toBeGreaterThan(0);
  for (const segment of sent) expect(stored.has(segment), segment).toBe(true); // same format on both sides
  expect(sent.length - new Set(sent).size, 'segments sent more than once').toBe(0);
  expect(new Set([...sent, ...translators]).size).toBe(stored.size);
}

function expectEveryArticleComplete(root: string, count: number): void {
  const sources = (readdirSync(join(root, 'articles/nl'), { recursive: true }) as string[]).filter((n) => n.endsWith('.md'));
  expect(sources.length).toBe(count);
  for (const name of sources) {
    const file = join(root, 'articles/af', name);
    expect(existsSync(file), name).toBe(true);
    expect(readProvenance(readFileSync(file, 'utf8'))?.complete, name).toBe(100);
  }
}

const holderLock = (root: string, holder: { pid: number; host?: string; started?: string }) => {
  mkdirSync(join(root, '.tolk'), { recursive: true });
  const file = join(root, '.tolk/lock');
  writeFileSync(file, JSON.stringify({ host: hostname(), command: 'tolk translate', started: '2026-01-01T10:02:00Z', ...holder }));
  return file;
};

/** A pid that was just in use and is not any more. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('two runs at once', () => {
  it('lock: two tolk translate runs started together send every unique segment exactly once, both exit 0, every article complete', async () => {
    const { server: fake, open } = await gatedServer();
    const root = project(fake.url, 60);
    const a = startTolk(['translate', '--json'], root);
    const b = startTolk(['translate', '--json'], root);
    // Answers wait until one run says it waits for the other, so the two really overlap.
    // (Or after 10 s: without a lock nobody waits, and the double sending must show as a failure, not a hang.)
    await Promise.race([a.stderrIncludes('waiting for tolk translate (pid '), b.stderrIncludes('waiting for tolk translate (pid '), sleep(10_000)]);
    open();
    const [ra, rb] = await Promise.all([a.ended, b.ended]);
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);
    expect(() => JSON.parse(ra.stdout)).not.toThrow();
    expect(() => JSON.parse(rb.stdout)).not.toThrow();
    const waited = [ra, rb].filter((r) => /waiting for tolk translate \(pid \d+, started \d\d:\d\d\) …/.test(r.stderr));
    expect(waited.length).toBe(1);
    expectEachSentOnce(fake, root);
    expectEveryArticleComplete(root, 60);
    expect(existsSync(join(root, '.tolk/lock'))).toBe(false);
  }, 120_000);

  it('lock: tolk sync import racing tolk translate: nothing sent twice, the translator’s work kept, every article complete', async () => {
    const { server: fake, open } = await gatedServer();
    const root = project(fake.url, 60);
    open();
    // A translator's file for the first 15 articles, made before the race.
    const first = await runTolkAsync(['translate', '--articles', '0[0-4]/*.md'], root);
    expect(first.code, first.stderr).toBe(0);
    const exported = await runTolkAsync(['sync', 'export', '--to', 'af', '--all', '-o', 'af.xlf'], root);
    expect(exported.code, exported.stderr).toBe(0);
    const xliff = fill2(readFileSync(join(root, 'af.xlf'), 'utf8'));
    writeFileSync(join(root, 'af.xlf'), xliff);
    const units = [...xliff.matchAll(/<unit id="/g)].length;
    expect(units).toBeGreaterThan(0);

    const before = fake.received().length;
    const translate = startTolk(['translate', '--json'], root);
    const importing = startTolk(['sync', 'import', 'af.xlf', '--json'], root);
    const [rt, ri] = await Promise.all([translate.ended, importing.ended]);
    expect(rt.code, rt.stderr).toBe(0);
    expect(ri.code, ri.stderr).toBe(0);
    expect(JSON.parse(ri.stdout).imported).toBe(units);
    expect(`${rt.stderr}${ri.stderr}`).toMatch(/waiting for tolk (translate|sync import) \(pid \d+/);
    // Whichever won the lock: an import that ran first leaves the engine nothing of what the translator did.
    const db0 = new Database(join(root, '.tolk/tm.sqlite'), { readonly: true });
    const translated = (db0.prepare("SELECT s.source FROM units u JOIN sources s ON s.segment_id = u.segment_id WHERE u.origin = 'human'").all() as Array<{ source: string }>).map((r) => r.source);
    db0.close();
    expectEachSentOnce(fake, root, translated);
    if (/waiting for tolk sync import/.test(rt.stderr)) {
      // The import went first: nothing the translator had translated may reach the engine afterwards.
      const human = new Set(translated);
      expect(fake.received().slice(before).map(fromXmlPlaceholders).filter((segment) => human.has(segment))).toEqual([]);
    }
    expectEveryArticleComplete(root, 60);
    const db = new Database(join(root, '.tolk/tm.sqlite'), { readonly: true });
    const human = db.prepare("SELECT count(*) AS n FROM units WHERE origin = 'human' OR origin LIKE 'import:%' OR status = 'translated'").get() as { n: number };
    db.close();
    expect(human.n).toBe(units); // whichever ran second, the translator's work was not overwritten
  }, 120_000);

  it('lock: --no-wait exits 2 at once naming the holder; nothing is written', async () => {
    server = await startFakeEngine({ protocol: 'libretranslate' });
    const root = project(server.url, 3);
    // This test process is alive and on this host: a live holder.
    holderLock(root, { pid: process.pid });
    const result = await runTolkAsync(['translate', '--no-wait'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`tolk translate (pid ${process.pid}, started`);
    expect(result.stderr).not.toMatch(/\n\s+at /); // one line, no stack
    expect(server.requests.length).toBe(0);
    expect(existsSync(join(root, 'articles/af'))).toBe(false);
    for (const args of [['tm', 'import', 'x.tmx'], ['sync', 'import', 'x.xlf'], ['sync'], ['export', '--out', 'site'], ['translate', '--strings']]) {
      const other = await runTolkAsync([...args, '--no-wait'], root);
      if (args[0] === 'export') expect(other.code).toBe(0); // exports into --out take their own lock
      else expect(other.code, args.join(' ')).toBe(2);
    }
  }, 60_000);

  it('lock: a second run waits for a live holder, says for whom, and goes on when the lock is released', async () => {
    server = await startFakeEngine({ protocol: 'libretranslate' });
    const root = project(server.url, 3);
    const lock = holderLock(root, { pid: process.pid, started: new Date(2026, 0, 1, 10, 2).toISOString() });
    const run = startTolk(['translate'], root);
    await run.stderrIncludes(`waiting for tolk translate (pid ${process.pid}, started 10:02) …`);
    // Read-only commands and dry runs never wait.
    for (const args of [['check'], ['tm', 'stats'], ['translate', '--dry-run'], ['segments', 'articles/nl/00/artikel-0.md']]) {
      const other = await runTolkAsync(args, root);
      expect(other.stderr, args.join(' ')).not.toContain('waiting for');
      expect(other.code, `${args.join(' ')}: ${other.stderr}`).not.toBe(2);
    }
    expect(server.requests.length).toBe(0);
    (await import('node:fs')).unlinkSync(lock);
    const ended = await run.ended;
    expect(ended.code, ended.stderr).toBe(0);
    expectEveryArticleComplete(root, 3);
  }, 60_000);

  it('lock: a lock left by a dead process on this host is taken over with a warning; one from another host after 60 s without refresh', async () => {
    server = await startFakeEngine({ protocol: 'libretranslate' });
    const root = project(server.url, 2);
    const pid = deadPid();
    holderLock(root, { pid });
    const taken = await runTolkAsync(['translate', '--no-wait'], root);
    expect(taken.code, taken.stderr).toBe(0);
    expect(taken.stderr).toContain(`warning: took over the lock of tolk translate (pid ${pid}, started`);
    expect(taken.stderr).toContain(`process ${pid} is no longer running`);
    expect(existsSync(join(root, '.tolk/lock'))).toBe(false);

    // Elsewhere the pid says nothing: a fresh lock is respected, one untouched for a minute is not.
    const lock = holderLock(root, { pid: 1, host: 'another-host' });
    expect((await runTolkAsync(['translate', '--no-wait', '--force'], root)).code).toBe(2);
    const old = new Date(Date.now() - 61_000);
    utimesSync(lock, old, old);
    const remote = await runTolkAsync(['translate', '--no-wait', '--force'], root);
    expect(remote.code, remote.stderr).toBe(0);
    expect(remote.stderr).toMatch(/took over the lock of tolk translate \(pid 1 on another-host, started [^)]*\): not refreshed for 6\d s/);
  }, 60_000);
});
