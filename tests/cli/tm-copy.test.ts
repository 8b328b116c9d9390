import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/bench/servers.js';
import { segmentId } from '../../src/tagged/index.js';
import { PostgresMemoryStore, SqliteMemoryStore, type MemoryEntry, type MemoryStore, type MemoryWrite } from '../../src/memory/index.js';
import { freshDatabase } from '../helpers/postgres.js';
import { nlaf as w } from '../memory/contract.js';
import { defaultConfig, makeProject, removeProject, runTolkAsync } from '../helpers/project.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeProject));
const project = (files: Record<string, string> = {}) => {
  const dir = makeProject({ 'tolk.config.json': defaultConfig(), ...files });
  dirs.push(dir);
  return dir;
};


async function listed(store: MemoryStore): Promise<MemoryEntry[]> {
  const list: MemoryEntry[] = [];
  for await (const e of store.entries()) list.push(e);
  await store.close();
  return list.sort((a, b) => (a.segmentId + a.targetLanguage < b.segmentId + b.targetLanguage ? -1 : 1));
}

/** A memory with every kind of entry: machine, a person's with history, violations, articles, two languages. */
async function richMemory(file: string, n = 1500): Promise<void> {
  const store = new SqliteMemoryStore(file);
  const writes: MemoryWrite[] = [];
  for (let i = 0; i < n; i++) writes.push(w(`Zin ${i} over de <1>wedstrijd</1>.`, `Sin ${i} oor die <1>wedstryd</1>.`, { article: `nl/${i % 5}.md` }));
  for (let i = 0; i < n; i += 3) writes.push(w(`Zin ${i} over de <1>wedstrijd</1>.`, `Mens ${i}`, { origin: 'human', status: 'reviewed', article: 'nl/extra.md', violations: ['wedstrijd → wedstryd'] }));
  for (let i = 0; i < n; i += 2) writes.push(w(`Zin ${i} over de <1>wedstrijd</1>.`, `Satz ${i}`, { targetLanguage: 'de', origin: 'import:de.tmx', status: 'translated' }));
  await store.write(writes);
  await store.close();
}

const json = (stdout: string) => JSON.parse(stdout) as { entries: number; added: number; updated: number; kept: number; refused: number; refusedReasons: Record<string, number> };

describe('tolk tm copy', () => {
  it('tm copy: SQLite → PostgreSQL → SQLite keeps every entry with origin, status, history, violations and articles; a re-run is a no-op', async () => {
    const dir = project();
    const url = await freshDatabase('tolk_copy');
    await richMemory(join(dir, 'a.sqlite'));
    const original = await listed(new SqliteMemoryStore(join(dir, 'a.sqlite')));
    expect(original.some((e) => e.previousTarget && e.violations && e.articles!.length === 2)).toBe(true);

    const first = await runTolkAsync(['tm', 'copy', 'a.sqlite', url, '--json'], dir);
    expect(first.code, first.stderr).toBe(0);
    expect(json(first.stdout)).toMatchObject({ entries: original.length, added: original.length, updated: 0, kept: 0, refused: 0 });
    expect(await listed(new PostgresMemoryStore(url))).toEqual(original);

    const again = await runTolkAsync(['tm', 'copy', 'a.sqlite', url, '--json'], dir);
    expect(json(again.stdout)).toMatchObject({ added: 0, updated: 0, kept: original.length, refused: 0 });
    expect(await listed(new PostgresMemoryStore(url))).toEqual(original);

    const back = await runTolkAsync(['tm', 'copy', url, 'b.sqlite'], dir);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stdout).toMatch(new RegExp(`${original.length} entries, ${original.length} added, 0 updated, 0 kept, 0 refused`));
    expect(await listed(new SqliteMemoryStore(join(dir, 'b.sqlite')))).toEqual(original);
  }, 300_000);

  it('tm copy: into a non-empty memory it merges under the status rules and reports added, updated, kept and refused', async () => {
    const dir = project();
    const url = await freshDatabase('tolk_merge');
    const into = new PostgresMemoryStore(url);
    await into.write([
      w('Keeper', 'Doelwagter', { origin: 'human', status: 'final' }),
      w('Scheidsrechter', 'Skeidsregter (masjien)'),
      w('Gelijk', 'Gelyk', { origin: 'human', status: 'translated' }),
    ]);
    await into.close();
    const from = new SqliteMemoryStore(join(dir, 'from.sqlite'));
    await from.write([
      w('Keeper', 'Doelman (masjien)'),
      w('Scheidsrechter', 'Skeidsregter', { origin: 'human', status: 'reviewed' }),
      w('Gelijk', 'Gelyk', { origin: 'human', status: 'translated' }),
      w('Nieuw', 'Nuut'),
    ]);
    await from.close();
    const result = await runTolkAsync(['tm', 'copy', 'from.sqlite', url, '--json'], dir);
    expect(result.code, result.stderr).toBe(0);
    const report = json(result.stdout);
    expect(report).toMatchObject({ entries: 4, added: 1, updated: 1, kept: 1, refused: 1 });
    expect(Object.keys(report.refusedReasons)[0]).toMatch(/never overwrites a final one/);
    const after = new PostgresMemoryStore(url);
    const found = await after.lookup(['Keeper', 'Scheidsrechter'].map((s) => segmentId('nl', s)), 'af');
    expect(found.get(segmentId('nl', 'Keeper'))?.target).toBe('Doelwagter');
    expect(found.get(segmentId('nl', 'Scheidsrechter'))).toMatchObject({ target: 'Skeidsregter', previousTarget: 'Skeidsregter (masjien)' });
    await after.close();
  }, 60_000);

  it('tm copy: all or nothing — an entry that cannot be read after thousands were written leaves the target as it was', async () => {
    const dir = project();
    const url = await freshDatabase('tolk_atomic');
    await richMemory(join(dir, 'a.sqlite'), 3000);
    // Damage one stored row near the end: reading it fails after more than one batch was already written.
    const db = new Database(join(dir, 'a.sqlite'));
    db.prepare(`UPDATE units SET violations = '{not json' WHERE segment_id = (SELECT segment_id FROM sources ORDER BY num DESC LIMIT 1)`).run();
    db.close();
    const into = await runTolkAsync(['tm', 'copy', 'a.sqlite', url, '--json'], dir);
    expect(into.code).not.toBe(0);
    expect(into.stdout).toBe('');
    expect(into.stderr).not.toMatch(/\n\s+at /);
    const store = new PostgresMemoryStore(url);
    expect((await store.stats()).units).toBe(0);
    await store.close();
    const file = await runTolkAsync(['tm', 'copy', 'a.sqlite', 'new.sqlite'], dir);
    expect(file.code).not.toBe(0);
    expect(existsSync(join(dir, 'new.sqlite'))).toBe(false);
  }, 300_000);

  it('tm copy and every memory command: an unreachable server is exit 2 naming the host and what to check, never the password', async () => {
    const dir = project();
    const port = await freePort();
    const secret = 'S3cr3t-pw';
    const url = `postgres://tolk:${secret}@127.0.0.1:${port}/tm`;
    await richMemory(join(dir, 'a.sqlite'), 10);
    for (const [args, env] of [
      [['tm', 'copy', 'a.sqlite', url], {}],
      [['tm', 'stats'], { TOLK_MEMORY_URL: url }],
      [['tm', 'search', 'Zin 1', '--to', 'af', '--json'], { TOLK_MEMORY_URL: url }],
    ] as Array<[string[], NodeJS.ProcessEnv]>) {
      const result = await runTolkAsync(args, dir, env);
      expect(result.code, result.stderr).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`127.0.0.1:${port}`);
      expect(result.stderr).toMatch(/Check that PostgreSQL runs there/);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(result.stdout + result.stderr).not.toContain(secret);
    }
    // A password written into tolk.config.json is refused, and not repeated.
    const withPassword = project({ 'tolk.config.json': defaultConfig({ memory: { url } }) });
    const refused = await runTolkAsync(['tm', 'stats'], withPassword);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/must not contain a password/);
    expect(refused.stderr).not.toContain(secret);
  }, 60_000);
});
