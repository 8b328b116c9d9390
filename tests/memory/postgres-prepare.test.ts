import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PostgresMemoryStore, type MemoryWrite } from '../../src/memory/index.js';
import { segmentId } from '../../src/tagged/index.js';
import { freshDatabase } from '../helpers/postgres.js';

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const sources = Array.from({ length: 50 }, (_, i) => `Zin ${i} over de wedstrijd van zondag tussen Ajax en PSV.`);
const prepared = sources.map((source) => ({ sourceLanguage: 'nl', source, segmentId: segmentId('nl', source) }));
const answer = (source: string, targetLanguage = 'af'): MemoryWrite => ({
  segmentId: segmentId('nl', source),
  sourceLanguage: 'nl',
  targetLanguage,
  source,
  target: `[${targetLanguage}] ${source}`,
  origin: 'engine:libretranslate',
  status: 'machine',
  article: 'nl/ajax-psv.md',
});

describe('PostgreSQL memory: prepare, then the answers', () => {
  it("after prepare, a job's write is the translations and their articles: it needs no right to write sources or postings", async () => {
    const url = await freshDatabase('tolk_prepare');
    // Tables made by the owner; the worker's role may write everything until its rights to the source tables are taken.
    const owner = new PostgresMemoryStore(url);
    await owner.stats();
    await owner.close();
    // A role of this test's own (roles are the server's, shared by every database on it).
    const role = `tolk_worker_${randomBytes(4).toString('hex')}`;
    await admin(
      url,
      `CREATE ROLE ${role} LOGIN; GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO ${role};
       GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${role}; GRANT USAGE, CREATE ON SCHEMA public TO ${role}`,
    );
    const workerUrl = new URL(url);
    workerUrl.username = role;
    const store = new PostgresMemoryStore(workerUrl.toString());
    try {
      await store.prepare(prepared);
      await admin(url, `REVOKE INSERT, UPDATE ON tolk_sources, tolk_postings FROM ${role}`);
      expect(await store.write(sources.map((s) => answer(s)))).toEqual({ inserted: 50, updated: 0, unchanged: 0, skipped: [] });
      // A source prepare was not told of takes the whole statement, which the role may no longer run.
      await expect(store.write([answer('Een zin die niemand voorbereidde.')])).rejects.toThrow(/permission denied for table tolk_sources/);
    } finally {
      await store.close();
      await admin(url, `DROP OWNED BY ${role}; DROP ROLE ${role}`);
    }
    // What the owner sees: the sources once, their postings and occurrence, the units.
    const check = new pg.Client({ connectionString: url });
    await check.connect();
    try {
      const counts = await check.query<{ sources: number; units: number; occurrences: number; postings: number }>(
        `SELECT (SELECT count(*)::int FROM tolk_sources) AS sources, (SELECT count(*)::int FROM tolk_units) AS units,
                (SELECT count(*)::int FROM tolk_occurrences) AS occurrences, (SELECT count(DISTINCT source_id)::int FROM tolk_postings) AS postings`,
      );
      expect(counts.rows[0]).toEqual({ sources: 50, units: 50, occurrences: 50, postings: 50 });
    } finally {
      await check.end();
    }
    const reader = new PostgresMemoryStore(url);
    try {
      const found = await reader.fuzzy('Zin 7 over de wedstrijd van zaterdag tussen Ajax en PSV.', { sourceLanguage: 'nl', targetLanguage: 'af', threshold: 70 });
      expect(found[0]?.source).toBe(sources[7]);
    } finally {
      await reader.close();
    }
  });

  it('prepared ids that no longer hold their sources (a memory emptied and its ids given out again) send the write the long way', async () => {
    const url = await freshDatabase('tolk_prepare_gone');
    const store = new PostgresMemoryStore(url);
    try {
      await store.prepare(prepared.slice(0, 5));
      // Emptied, ids restarting at 1, and five other sources written by someone else: they get the ids just prepared.
      await admin(url, 'TRUNCATE tolk_postings, tolk_occurrences, tolk_units, tolk_sources RESTART IDENTITY');
      const others = sources.slice(10, 15).map((s) => answer(s, 'en'));
      const other = new PostgresMemoryStore(url);
      await other.write(others).finally(() => other.close());
      expect(await store.write(sources.slice(0, 5).map((s) => answer(s)))).toEqual({ inserted: 5, updated: 0, unchanged: 0, skipped: [] });
      const id = segmentId('nl', sources[3]!);
      expect((await store.lookup([id], 'af')).get(id)).toMatchObject({ source: sources[3], target: `[af] ${sources[3]}` });
      // The other writer's sources hold their own translations only.
      const theirs = segmentId('nl', sources[13]!);
      expect((await store.lookup([theirs], 'af')).size).toBe(0);
      expect((await store.lookup([theirs], 'en')).get(theirs)?.target).toBe(`[en] ${sources[13]}`);
      // The TRUNCATE alone (ids not given out again) fails the statement's check the same way.
      await store.prepare(prepared.slice(20, 22));
      await admin(url, 'TRUNCATE tolk_postings, tolk_occurrences, tolk_units, tolk_sources');
      expect((await store.write(sources.slice(20, 22).map((s) => answer(s)))).inserted).toBe(2);
    } finally {
      await store.close();
    }
  });
});
