import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { segmentId } from '../../src/tagged/index.js';
import { PostgresMemoryStore, type MemoryWrite } from '../../src/memory/index.js';
import { queryWords } from '../../src/memory/postgres/pg-keys.js';
import { PG_SCHEMA_VERSION } from '../../src/memory/postgres/migrations.js';
import { emptyResult } from '../../src/memory/postgres/pg-store.js';
import { applyBatch, raiseWordCounts, WordCounts } from '../../src/memory/postgres/pg-write.js';
import { freshDatabase } from '../helpers/postgres.js';

// Child processes run the built store (npm test builds first).
const worker = fileURLToPath(new URL('./workers/pg-writer.mjs', import.meta.url));

type Result = { code: number | null; stdout: string; stderr: string };

function run(args: string[], onReady?: () => void): { done: Promise<Result>; go: () => void } {
  const child = spawn(process.execPath, [worker, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  const done = new Promise<Result>((resolve) => {
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout === 'ready\n') onReady?.();
    });
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  return { done, go: () => child.stdin.end('go\n') };
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Whether a write finishes (or fails), or is first seen waiting on a lock (a waiter shows up in pg_locks): a write that waits
 * for an open transaction ends the test as a failure instead of hanging it.
 */
async function storedOrWaiting(pool: pg.Pool, write: Promise<unknown>): Promise<'stored' | 'waiting' | 'failed'> {
  let outcome: 'stored' | 'waiting' | 'failed' | undefined;
  void write.then(
    () => (outcome ??= 'stored'),
    () => (outcome ??= 'failed'),
  );
  while (!outcome) {
    const waiting = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted');
    if (waiting.rows[0]!.n > 0) outcome ??= 'waiting';
    else await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return outcome;
}

/** A machine translation into Afrikaans of `source`. */
const entry = (source: string): MemoryWrite => ({ sourceLanguage: 'nl', targetLanguage: 'af', source, target: `[af] ${source}`, origin: 'engine:test', status: 'machine' });

/** A fresh memory with its schema made, a store on it, and a connection of its own for another writer. */
async function memoryAndAnotherWriter(prefix: string): Promise<{ url: string; store: PostgresMemoryStore; pool: pg.Pool; open: pg.PoolClient }> {
  const url = await freshDatabase(prefix);
  const store = new PostgresMemoryStore(url);
  await store.write([entry('Een eerste zin om het schema te maken.')]);
  const pool = new pg.Pool({ connectionString: url });
  return { url, store, pool, open: await pool.connect() };
}

const SEGMENTS = 1000;
const source = (i: number) => `Wedstrijd ${i} eindigde in een gelijkspel na verlenging.`;

describe('PostgreSQL memory under concurrency', () => {
  it('race: 4 processes writing machine and human targets at once over stored machine text → human text kept, machine text as history', async () => {
    const url = await freshDatabase('tolk_race');
    const store = new PostgresMemoryStore(url);
    const first: MemoryWrite[] = Array.from({ length: SEGMENTS }, (_, i) => ({
      sourceLanguage: 'nl',
      targetLanguage: 'af',
      source: source(i),
      target: `m0 ${i}`,
      origin: 'engine:e0',
      status: 'machine',
    }));
    expect((await store.write(first)).inserted).toBe(SEGMENTS);

    const results = await Promise.all([1, 2, 3, 4].map((k) => run([url, 'race', String(k), String(SEGMENTS)]).done));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const totals = results.map((r) => JSON.parse(r.stdout) as { inserted: number; updated: number; unchanged: number; skipped: number });
    // Every write was either applied, found unchanged or refused by the rules; none was lost to an error.
    for (const t of totals) expect(t.inserted + t.updated + t.unchanged + t.skipped).toBe(2 * SEGMENTS);
    expect(totals.reduce((n, t) => n + t.inserted, 0)).toBe(0);

    const found = await store.lookup(Array.from({ length: SEGMENTS }, (_, i) => segmentId('nl', source(i))), 'af');
    expect(found.size).toBe(SEGMENTS);
    for (let i = 0; i < SEGMENTS; i++) {
      const entry = found.get(segmentId('nl', source(i)))!;
      expect(entry).toMatchObject({ target: `human ${i}`, origin: 'human', status: 'translated' });
      expect(entry.previousTarget).toMatch(new RegExp(`^m[0-4] ${i}$`));
      expect(entry.previousOrigin).toMatch(/^engine:e[0-4]$/);
    }
    // Nothing stored twice: one source and one unit per segment, postings and word counts agree.
    const [counts] = await query<{ sources: string; units: string; postings: string; df: string }>(
      url,
      'SELECT (SELECT count(*) FROM tolk_sources) AS sources, (SELECT count(*) FROM tolk_units) AS units, (SELECT count(*) FROM tolk_postings) AS postings, (SELECT sum(df) FROM tolk_words) AS df',
    );
    const words = Array.from({ length: SEGMENTS }, (_, i) => queryWords(source(i)).length).reduce((a, b) => a + b, 0);
    expect(counts).toEqual({ sources: String(SEGMENTS), units: String(SEGMENTS), postings: String(words), df: String(words) });
    await store.close();
  }, 400_000);

  it('migration race: four processes opening a fresh database at once each migrate it once, without error', async () => {
    for (let round = 0; round < 2; round++) {
      const url = await freshDatabase('tolk_migrate');
      let ready = 0;
      const children: Array<ReturnType<typeof run>> = [];
      const allReady = new Promise<void>((resolve) => {
        for (let i = 0; i < 4; i++) children.push(run([url, 'open'], () => ++ready === 4 && resolve()));
      });
      await allReady;
      for (const child of children) child.go();
      const results = await Promise.all(children.map((c) => c.done));
      for (const r of results) expect(r.code, r.stderr).toBe(0);
      const versions = await query<{ version: number }>(url, 'SELECT version FROM tolk_schema_migrations ORDER BY version');
      expect(versions.map((v) => v.version)).toEqual(Array.from({ length: PG_SCHEMA_VERSION }, (_, i) => i + 1));
    }
  }, 300_000);
  it('writers do not queue on shared words: a store sharing a new word with a writer whose transaction is still open goes through', async () => {
    const { url, store, pool, open } = await memoryAndAnotherWriter('tolk_words_race');
    // Another writer, in the middle of its transaction: it has stored sources with a new word ("Oranjevreugde").
    try {
      await open.query('BEGIN');
      const words = new WordCounts(new Map(), (sql, values) => pool.query(sql, values));
      await applyBatch(open, [entry('Oranjevreugde in de straten van Parijs.')], emptyResult(), words);
      // This store shares "Oranjevreugde" and "de": it must not wait for that transaction (nor hang the test: a
      // writer waiting on a lock shows up in pg_locks, and that ends the test as a failure).
      expect(await storedOrWaiting(pool, store.write([entry('Oranjevreugde op de tribunes.')]))).toBe('stored');
      await raiseWordCounts(() => pool.connect(), words.counts);
      await open.query('COMMIT');
    } finally {
      open.release();
      await pool.end();
    }
    // The fuzzy search finds the new word's sources before its count is raised, and closing the store raises it:
    // both writers' counts are in.
    const found = await store.fuzzy('Oranjevreugde op de tribune.', { sourceLanguage: 'nl', targetLanguage: 'af', threshold: 50 });
    expect(found.map((m) => m.source)).toContain('Oranjevreugde op de tribunes.');
    await store.close();
    expect(await query<{ df: number }>(url, "SELECT df FROM tolk_words WHERE word = 'oranjevreugde'")).toEqual([{ df: 2 }]);
  });

  it("a job's store does not wait for another writer's open transaction on the same source (its row lock lets foreign-key checks through)", async () => {
    const url = await freshDatabase('tolk_source_lock');
    const store = new PostgresMemoryStore(url);
    const entry = (targetLanguage: string): MemoryWrite => ({
      sourceLanguage: 'nl',
      targetLanguage,
      source: 'Ajax won met 2-1 van PSV.',
      target: `[${targetLanguage}] Ajax won met 2-1 van PSV.`,
      origin: 'engine:test',
      status: 'machine',
      article: `nl/${targetLanguage}.md`,
    });
    await store.write([entry('af')]);
    const pool = new pg.Pool({ connectionString: url });
    const open = await pool.connect();
    try {
      // An import in the middle of its transaction: it has written a unit of that source (its foreign-key check
      // holds the source row FOR KEY SHARE until COMMIT).
      await open.query('BEGIN');
      await applyBatch(open, [entry('de')], emptyResult(), new WordCounts(new Map(), (sql, values) => pool.query(sql, values)));
      expect(await storedOrWaiting(pool, store.write([entry('en')]))).toBe('stored');
      await open.query('COMMIT');
    } finally {
      open.release();
      await pool.end();
    }
    const found = await store.lookup([segmentId('nl', 'Ajax won met 2-1 van PSV.')], 'en');
    expect([...found.values()].map((e) => e.target)).toEqual(['[en] Ajax won met 2-1 van PSV.']);
    await store.close();
  });

  it('a new word another writer commits while this store inserts it still gets its id and postings (read again after the statement)', async () => {
    const { url, store, pool, open } = await memoryAndAnotherWriter('tolk_late_word');
    try {
      // The other writer has inserted "kampioensschaal" and not committed: this store's insert of the word waits for it,
      // then finds the conflict, and the word is not in the snapshot its statement began with.
      await open.query('BEGIN');
      await open.query("INSERT INTO tolk_words (word, df) VALUES ('kampioensschaal', 0)");
      const write = store.write([entry('De kampioensschaal blijft in Eindhoven.')]);
      expect(await storedOrWaiting(pool, write)).toBe('waiting');
      await open.query('COMMIT');
      await write;
    } finally {
      open.release();
      await pool.end();
    }
    const postings = await query<{ n: number }>(
      url,
      "SELECT count(*)::int AS n FROM tolk_postings p JOIN tolk_words w ON w.id = p.word_id WHERE w.word = 'kampioensschaal'",
    );
    expect(postings).toEqual([{ n: 1 }]);
    const found = await store.fuzzy('De kampioensschaal blijft in Eindhoven!', { sourceLanguage: 'nl', targetLanguage: 'af', threshold: 50 });
    expect(found.map((m) => m.source)).toEqual(['De kampioensschaal blijft in Eindhoven.']);
    await store.close();
  });
});
