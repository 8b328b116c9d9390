import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/engines/index.js';
import { parseMarkdown } from '../../src/markdown/index.js';
import { treeShape } from '../../src/markdown/shape.js';
import { SqliteMemoryStore, type MemoryStore } from '../../src/memory/index.js';
import type { TranslateOptions } from '../../src/pipeline/index.js';
import { readProvenance } from '../../src/localized/index.js';
import { makeProject, repoRoot, snapshot } from '../helpers/project.js';
import { scriptedEngine, transient, upper, type ScriptedEngine } from '../helpers/scripted-engine.js';
import { translateWith } from '../helpers/translate-run.js';

const seed = readFileSync(join(repoRoot, 'articles/nl/kazachstan-parijs-2024.md'), 'utf8');
const rich = readFileSync(join(repoRoot, 'tests/fixtures/articles/rich.md'), 'utf8');
const config = (languages = ['af']) => JSON.stringify({ sourceLanguage: 'nl', targetLanguages: languages });

async function run(root: string, engines: Record<string, Engine>, extra: Partial<TranslateOptions> & { store?: MemoryStore } = {}) {
  const store = extra.store ?? new SqliteMemoryStore(join(root, '.tolk/tm.sqlite'));
  try {
    return await translateWith(root, { concurrency: 2, retries: 3, ...extra, engines, store });
  } finally {
    if (!extra.store) await store.close();
  }
}

describe('translate pipeline', () => {
  it('translate: unchanged articles send nothing on the second run', async () => {
    const root = makeProject({ 'tolk.config.json': config(), 'articles/nl/a.md': seed, 'articles/nl/b.md': rich });
    const first = scriptedEngine();
    const one = await run(root, { af: first });
    expect(one.written).toHaveLength(2);
    expect(one.engineSegments).toBe(one.unique);
    const second = scriptedEngine();
    const two = await run(root, { af: second });
    expect(second.requests).toBe(0);
    expect(two.upToDate).toBe(2);
    expect(two.written).toEqual([]);
  });

  it('translate: editing one paragraph sends exactly one segment', async () => {
    const root = makeProject({ 'tolk.config.json': config(), 'articles/nl/a.md': seed });
    await run(root, { af: scriptedEngine() });
    writeFileSync(join(root, 'articles/nl/a.md'), seed.replace('Een doorbraakprestatie', 'Een historische doorbraak'));
    const engine = scriptedEngine();
    const summary = await run(root, { af: engine });
    expect(engine.received).toEqual(['Een historische doorbraak']);
    expect(summary.engineRequests).toBe(1);
    expect(readFileSync(join(root, 'articles/af/a.md'), 'utf8')).toContain('## EEN HISTORISCHE DOORBRAAK');
  });

  it('translate: a fresh clone without the memory re-sends nothing already translated', async () => {
    const root = makeProject({ 'tolk.config.json': config(), 'articles/nl/a.md': seed });
    await run(root, { af: scriptedEngine() });
    const cloned = makeProject({
      'tolk.config.json': config(),
      'articles/nl/a.md': seed.replace('Een doorbraakprestatie', 'Een historische doorbraak'),
      'articles/af/a.md': readFileSync(join(root, 'articles/af/a.md'), 'utf8'),
    });
    const engine = scriptedEngine();
    const summary = await run(cloned, { af: engine });
    expect(engine.received).toEqual(['Een historische doorbraak']);
    expect(summary.harvested).toBe(18);
  });

  it('translate: identical segments across articles are sent once', async () => {
    const root = makeProject({ 'tolk.config.json': config(), 'articles/nl/a.md': seed, 'articles/nl/sub/b.md': seed });
    const engine = scriptedEngine();
    const summary = await run(root, { af: engine });
    expect(new Set(engine.received).size).toBe(engine.received.length);
    expect(summary.segments).toBe(40);
    expect(summary.unique).toBe(19);
    expect(summary.written.sort()).toEqual(['articles/af/a.md', 'articles/af/sub/b.md']);
  });

  it('translate: worked in chunks of one article, the run sends, counts and writes the same', async () => {
    const files = { 'tolk.config.json': config(), 'articles/nl/a.md': seed, 'articles/nl/b.md': rich, 'articles/nl/sub/c.md': seed };
    const whole = makeProject(files);
    const chunked = makeProject(files);
    const engines = [scriptedEngine(), scriptedEngine()];
    const one = await run(whole, { af: engines[0]! });
    const many = await run(chunked, { af: engines[1]! }, { chunkSize: 1 });
    // A segment of c.md seen in a.md's chunk is served from the memory, not sent again.
    expect(engines[1]!.received.sort()).toEqual(engines[0]!.received.sort());
    expect(new Set(engines[1]!.received).size).toBe(engines[1]!.received.length);
    const counts = ({ segments, unique, tmExact, engineSegments, written }: typeof one) => ({ segments, unique, tmExact, engineSegments, written: [...written].sort() });
    expect(counts(many)).toEqual(counts(one));
    const texts = (root: string) => Object.fromEntries(Object.entries(snapshot(root)).filter(([p]) => p.startsWith('articles/af')));
    expect(texts(chunked)).toEqual(texts(whole));
  });

  it('translate: batches respect the engine limits and each batch is stored as soon as it returns', async () => {
    const root = makeProject({ 'tolk.config.json': config(), 'articles/nl/a.md': seed });
    const store = new SqliteMemoryStore(':memory:');
    const seen: number[] = [];
    const engine = scriptedEngine('slow', (request, index) => {
      if (index === 2) throw new Error('engine crashed');
      return request.segments.map((s) => ({ text: upper(s) }));
    }, { maxSegments: 5, maxCharacters: 100_000 });
    const summary = await run(root, { af: engine }, { store, onProgress: ({ done }) => seen.push(done) });
    expect(engine.requests).toBe(4); // 19 segments in batches of 5
    expect(summary.failed).toHaveLength(5);
    expect(summary.failed[0]!.reason).toMatch(/engine crashed/);
    expect((await store.stats()).units).toBe(14); // the three good batches are stored
  });

  it('translate: retryable failures are retried, and a re-run finishes the rest', async () => {
    const root = makeProject({ 'tolk.config.json': config(), 'articles/nl/a.md': seed });
    let failures = 0;
    const flaky = scriptedEngine('flaky', (request) => {
      if (failures++ < 2) throw transient();
      return request.segments.map((s) => ({ text: upper(s) }));
    });
    const summary = await run(root, { af: flaky });
    expect(summary.failed).toEqual([]);
    expect(summary.engineRequests).toBe(flaky.requests);
    expect(flaky.requests).toBeGreaterThan(2);

    const root2 = makeProject({ 'tolk.config.json': config(), 'articles/nl/a.md': seed });
    const down = scriptedEngine('down', () => {
      throw transient();
    });
    const failed = await run(root2, { af: down });
    expect(failed.failed).toHaveLength(19);
    const complete = JSON.parse(JSON.stringify(readProvenance(readFileSync(join(root2, 'articles/af/a.md'), 'utf8'))));
    expect(complete.complete).toBe(0);
    const rest = await run(root2, { af: scriptedEngine() });
    expect(rest.failed).toEqual([]);
    expect(readProvenance(readFileSync(join(root2, 'articles/af/a.md'), 'utf8'))!.complete).toBe(100);
  });

  it('translate: tags broken by the engine are retried once, then reported, never written broken', async () => {
    const root = makeProject({ 'tolk.config.json': config(), 'articles/nl/b.md': rich });
    const breaker = scriptedEngine('breaker', (request) => request.segments.map((s) => ({ text: upper(s).replace(/<\d+\/>/g, '') })));
    const summary = await run(root, { af: breaker });
    expect(summary.failed.length).toBeGreaterThan(0);
    expect(summary.failed.every((f) => /tags came back broken twice/.test(f.reason))).toBe(true);
    const written = readFileSync(join(root, 'articles/af/b.md'), 'utf8');
    expect(treeShape(parseMarkdown(written))).toBe(treeShape(parseMarkdown(rich)));
  });

  it('translate: a failing engine does not stop the other languages', async () => {
    const root = makeProject({ 'tolk.config.json': config(['af', 'en']), 'articles/nl/a.md': seed });
    const summary = await run(root, {
      af: scriptedEngine('down', () => {
        throw new Error('HTTP 401');
      }),
      en: scriptedEngine(),
    });
    expect(summary.languages.af!.failed).toBe(19);
    expect(summary.languages.en!.failed).toBe(0);
    expect(readProvenance(readFileSync(join(root, 'articles/en/a.md'), 'utf8'))!.complete).toBe(100);
  });

  it('translate: a hand edit in a localized article is kept as a human translation', async () => {
    const root = makeProject({ 'tolk.config.json': config(), 'articles/nl/a.md': seed });
    await run(root, { af: scriptedEngine() });
    const file = join(root, 'articles/af/a.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('## EEN DOORBRAAKPRESTATIE', '## ’n Deurbraak'));
    writeFileSync(join(root, 'articles/nl/a.md'), seed.replace('De opkomst van nieuwe talenten', 'Nieuwe talenten'));
    const store = new SqliteMemoryStore(join(root, '.tolk/tm.sqlite'));
    await run(root, { af: scriptedEngine() }, { store });
    expect(readFileSync(file, 'utf8')).toContain('## ’n Deurbraak');
    const hits = await store.fuzzy('Een doorbraakprestatie', { sourceLanguage: 'nl', targetLanguage: 'af', threshold: 100 });
    expect(hits[0]).toMatchObject({ target: '’n Deurbraak', origin: 'human', status: 'translated' });
    await store.close();
  });

  it('translate: one segment hand-edited two ways in two articles is stored neither way and both places are named (sync\'s rule)', async () => {
    const root = makeProject({ 'tolk.config.json': config(), 'articles/nl/a.md': seed, 'articles/nl/b.md': seed });
    await run(root, { af: scriptedEngine() });
    const a = join(root, 'articles/af/a.md');
    const b = join(root, 'articles/af/b.md');
    writeFileSync(a, readFileSync(a, 'utf8').replace('## EEN DOORBRAAKPRESTATIE', '## ’n Deurbraak'));
    writeFileSync(b, readFileSync(b, 'utf8').replace('## EEN DOORBRAAKPRESTATIE', '## ’n Groot deurbraak'));
    const store = new SqliteMemoryStore(join(root, '.tolk/tm.sqlite'));
    const summary = await run(root, { af: scriptedEngine() }, { store, force: true });
    const conflicts = summary.diagnostics.filter((d) => d.rule === 'edit-conflict');
    expect(conflicts.map((d) => d.file).sort()).toEqual(['articles/af/a.md', 'articles/af/b.md']);
    expect(conflicts[0]!.message).toMatch(/edited differently at articles\/af\/[ab]\.md:\d+/);
    const hits = await store.fuzzy('Een doorbraakprestatie', { sourceLanguage: 'nl', targetLanguage: 'af', threshold: 100 });
    expect(hits[0]).toMatchObject({ target: 'EEN DOORBRAAKPRESTATIE', status: 'machine' });
    await store.close();
  });

  it('translate: across chunks every request is full but the last, and every article is written whole', async () => {
    const files = { 'tolk.config.json': config(), 'articles/nl/a.md': seed, 'articles/nl/b.md': rich, 'articles/nl/c.md': seed.replaceAll('e', 'ee') };
    const root = makeProject(files);
    const sizes: number[] = [];
    const engine = scriptedEngine('full', (request) => (sizes.push(request.segments.length), request.segments.map((s) => ({ text: upper(s) }))), {
      maxSegments: 7,
      maxCharacters: 100_000,
    });
    const summary = await run(root, { af: engine }, { chunkSize: 1 });
    expect(sizes.slice(0, -1).every((n) => n === 7)).toBe(true);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(summary.engineSegments);
    for (const name of ['a.md', 'b.md', 'c.md']) expect(readProvenance(readFileSync(join(root, 'articles/af', name), 'utf8'))!.complete).toBe(100);
  });

  it('translate: a segment left untranslated and translated by hand is read back as human; unreadable edits are reported', async () => {
    const root = makeProject({ 'tolk.config.json': config(), 'articles/nl/a.md': seed });
    // The engine refuses the heading: tolk leaves it in Dutch and records it untranslated.
    const refusing = () =>
      scriptedEngine('refusing', (request) => {
        if (request.segments.some((s) => s.includes('doorbraakprestatie'))) throw new Error('refused');
        return request.segments.map((s) => ({ text: upper(s) }));
      }, { maxSegments: 1, maxCharacters: 100_000 });
    await run(root, { af: refusing() });
    const file = join(root, 'articles/af/a.md');
    expect(readFileSync(file, 'utf8')).toContain('## Een doorbraakprestatie');
    writeFileSync(file, readFileSync(file, 'utf8').replace('## Een doorbraakprestatie', '## ’n Deurbraak'));
    writeFileSync(join(root, 'articles/nl/a.md'), seed.replace('De opkomst van nieuwe talenten', 'Nieuwe talenten'));
    const store = new SqliteMemoryStore(join(root, '.tolk/tm.sqlite'));
    const summary = await run(root, { af: refusing() }, { store });
    expect(readFileSync(file, 'utf8')).toContain('## ’n Deurbraak');
    const hits = await store.fuzzy('Een doorbraakprestatie', { sourceLanguage: 'nl', targetLanguage: 'af', threshold: 100 });
    expect(hits[0]).toMatchObject({ target: '’n Deurbraak', origin: 'human', status: 'translated' });
    expect(summary.diagnostics.filter((d) => d.rule.startsWith('edit-'))).toEqual([]);
    await store.close();

    // Emphasis removed by hand cannot be read back: said before the rebuild replaces it.
    writeFileSync(join(root, 'articles/nl/b.md'), '# Titel\n\nLees **dit** nu.\n');
    await run(root, { af: refusing() });
    const other = join(root, 'articles/af/b.md');
    expect(readFileSync(other, 'utf8')).toContain('LEES **DIT** NU.');
    writeFileSync(other, readFileSync(other, 'utf8').replace('LEES **DIT** NU.', 'Lees dit nou.'));
    writeFileSync(join(root, 'articles/nl/b.md'), '# Titel\n\nLees **dit** nu.\n\nMeer.\n');
    const again = await run(root, { af: refusing() });
    expect(again.diagnostics).toContainEqual(
      expect.objectContaining({ rule: 'edit-markup', file: 'articles/af/b.md', line: expect.any(Number), message: expect.stringMatching(/cannot be read back; the rebuild replaces it$/) }),
    );
  });

  it('translate: a rebuild identical to one that passed the structure check is not parsed again, and stays identical', async () => {
    const root = makeProject({ 'tolk.config.json': config(), 'articles/nl/a.md': seed, 'articles/nl/b.md': rich });
    const stateDir = join(root, '.tolk');
    await run(root, { af: scriptedEngine() }, { stateDir });
    const db = new Database(join(stateDir, 'state.sqlite'), { readonly: true });
    const rows = db.prepare('SELECT path, hash, verified FROM written ORDER BY path').all() as Array<{ path: string; hash: string | null; verified: string | null }>;
    db.close();
    expect(rows.map((r) => r.path)).toEqual([join(root, 'articles/af/a.md'), join(root, 'articles/af/b.md')]);
    expect(rows.every((r) => r.hash && r.verified)).toBe(true);
    const first = snapshot(root);
    await run(root, { af: scriptedEngine() }, { stateDir, force: true });
    const texts = (files: Record<string, string>) => Object.entries(files).filter(([p]) => p.startsWith('articles/af'));
    expect(texts(snapshot(root))).toEqual(texts(first));
  });

  it('translate: an article not written by tolk is left alone unless --force', async () => {
    const root = makeProject({ 'tolk.config.json': config(), 'articles/nl/a.md': seed, 'articles/af/a.md': '# Handgemaak\n' });
    const summary = await run(root, { af: scriptedEngine() });
    expect(summary.diagnostics.some((d) => d.rule === 'article-not-ours')).toBe(true);
    expect(readFileSync(join(root, 'articles/af/a.md'), 'utf8')).toBe('# Handgemaak\n');
    await run(root, { af: scriptedEngine() }, { force: true });
    expect(readFileSync(join(root, 'articles/af/a.md'), 'utf8')).toContain('EEN DOORBRAAKPRESTATIE');
  });

  it('translate: --dry-run sends nothing and changes nothing', async () => {
    const root = makeProject({ 'tolk.config.json': config(), 'articles/nl/a.md': seed });
    const before = snapshot(root);
    const engine = scriptedEngine();
    const summary = await run(root, { af: engine }, { dryRun: true, store: new SqliteMemoryStore(':memory:') });
    expect(engine.requests).toBe(0);
    expect(summary.engineSegments).toBe(19);
    expect(summary.engineCharacters).toBeGreaterThan(6000);
    expect(snapshot(root)).toEqual(before);
    expect(existsSync(join(root, 'articles/af'))).toBe(false);
  });

  it('translate: a bad article stops the run before anything is written', async () => {
    const root = makeProject({ 'tolk.config.json': config(), 'articles/nl/a.md': seed, 'articles/nl/z.md': '---\ntitle: [x\n---\n# y\n' });
    const before = snapshot(root);
    await expect(run(root, { af: scriptedEngine() }, { store: new SqliteMemoryStore(':memory:') })).rejects.toThrow(/invalid YAML/);
    expect(snapshot(root)).toEqual(before);
  });

  it('translate: Ctrl-C stops cleanly, keeps what was stored and writes no article', async () => {
    const root = makeProject({ 'tolk.config.json': config(), 'articles/nl/a.md': seed });
    const controller = new AbortController();
    const store = new SqliteMemoryStore(':memory:');
    const engine: ScriptedEngine = scriptedEngine('stopper', (request, index) => {
      if (index === 1) controller.abort(new Error('interrupted'));
      return request.segments.map((s) => ({ text: upper(s) }));
    }, { maxSegments: 5, maxCharacters: 100_000 });
    const summary = await run(root, { af: engine }, { store, signal: controller.signal });
    expect(summary.interrupted).toBe(true);
    expect((await store.stats()).units).toBeGreaterThanOrEqual(5);
    expect(existsSync(join(root, 'articles/af/a.md'))).toBe(false);
  });
});

describe('translate pipeline set-up', () => {
  it('a set-up that throws after the run state is opened (a language without an engine) closes the state database', async () => {
    const root = makeProject({ 'tolk.config.json': config(['af', 'en']), 'articles/nl/a.md': seed });
    const stateFile = join(root, '.tolk', 'state.sqlite');
    const held = () => readdirSync('/proc/self/fd').filter((fd) => {
      try {
        return readlinkSync(`/proc/self/fd/${fd}`).startsWith(stateFile);
      } catch {
        return false;
      }
    }).length;
    const store = new SqliteMemoryStore(join(root, '.tolk/tm.sqlite'));
    try {
      await expect(translateWith(root, { engines: { af: scriptedEngine() }, languages: ['af', 'en'], store, stateDir: join(root, '.tolk') })).rejects.toThrow();
    } finally {
      await store.close();
    }
    expect(existsSync(stateFile)).toBe(true);
    expect(held()).toBe(0);
  });
});
