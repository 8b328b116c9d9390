import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { PostgresMemoryStore } from '../../src/memory/index.js';
import { fuzzyTokens } from '../../src/memory/fuzzy-score.js';
import { migrate, PG_SCHEMA_VERSION } from '../../src/memory/postgres/migrations.js';
import { idBytes, queryWords } from '../../src/memory/postgres/pg-keys.js';
import { textKeyHash } from '../../src/memory/text-key.js';
import { segmentId } from '../../src/tagged/index.js';
import { freshDatabase } from '../helpers/postgres.js';

const SOURCES = [
  'Ajax 2-1 PSV',
  'Ajax won in de laatste minuut met 2-1 van PSV na een doelpunt van de <1>invaller</1>.',
  ...Array.from({ length: 40 }, (_, i) => `Ajax speelde in ronde ${i} met 2-1 gelijk tegen PSV in een volle Johan Cruijff Arena.`),
];

/** Rows as schema version 1 held them: postings (word, source) without the source's length. */
async function writeVersion1(client: pg.PoolClient): Promise<void> {
  const words = new Map<string, number[]>();
  for (const [i, source] of SOURCES.entries()) {
    await client.query(
      `INSERT INTO tolk_sources (segment_id, source_lang, source, key_hash) VALUES ($1, 'nl', $2, $3)`,
      [idBytes(segmentId('nl', source)), source, textKeyHash(source)],
    );
    await client.query(
      `INSERT INTO tolk_units (source_id, target_lang, target, origin, status, rank, created_at, updated_at) VALUES ($1, 'af', $2, 'human', 'translated', 1, 'x', 'x')`,
      [i + 1, `af: ${source}`],
    );
    for (const word of queryWords(source)) words.set(word, [...(words.get(word) ?? []), i + 1]);
  }
  for (const [word, sources] of words) {
    const { rows } = await client.query<{ id: number }>('INSERT INTO tolk_words (word, df) VALUES ($1, $2) RETURNING id', [word, sources.length]);
    for (const source of sources) await client.query('INSERT INTO tolk_postings (word_id, source_id) VALUES ($1, $2)', [rows[0]!.id, source]);
  }
}

describe('PostgreSQL schema migrations', () => {
  it('migration: a version-1 memory gains the token length of every posting, and short queries find their match in it', async () => {
    const url = await freshDatabase('tolk_migrate');
    const pool = new pg.Pool({ connectionString: url });
    const client = await pool.connect();
    try {
      await migrate(client, 1);
      await writeVersion1(client);

      const store = new PostgresMemoryStore(url);
      try {
        expect((await store.stats()).units).toBe(SOURCES.length);
        const { rows: version } = await client.query<{ v: number }>('SELECT max(version) AS v FROM tolk_schema_migrations');
        expect(version[0]!.v).toBe(PG_SCHEMA_VERSION);
        // Every posting carries its source's length as the fuzzy score counts it (tags and punctuation are tokens).
        const { rows } = await client.query<{ source: string; tokens: number; postings: string }>(
          `SELECT s.source, min(p.tokens) AS tokens, count(*) AS postings FROM tolk_postings p JOIN tolk_sources s ON s.id = p.source_id
           GROUP BY s.source HAVING min(p.tokens) = max(p.tokens)`,
        );
        expect(rows).toHaveLength(SOURCES.length);
        for (const row of rows) {
          expect(row.tokens).toBe(fuzzyTokens(row.source).length);
          expect(Number(row.postings)).toBe(queryWords(row.source).length);
        }
        const near = await store.fuzzy('Ajax 3-1 PSV', { sourceLanguage: 'nl', targetLanguage: 'af' });
        expect(near.map((m) => [m.source, m.score])).toEqual([['Ajax 2-1 PSV', 80]]);
        const long = await store.fuzzy('Ajax won in de laatste minuut met 3-1 van PSV na een doelpunt van de <1>invaller</1>.', {
          sourceLanguage: 'nl',
          targetLanguage: 'af',
        });
        expect(long[0]?.source).toBe(SOURCES[1]);
        // Written after the migration: found the same way.
        await store.write([{ sourceLanguage: 'nl', targetLanguage: 'af', source: 'Feyenoord 0-0 Ajax', target: 'Feyenoord 0-0 Ajax', origin: 'human', status: 'translated' }]);
        expect((await store.fuzzy('Feyenoord 1-0 Ajax', { sourceLanguage: 'nl', targetLanguage: 'af' }))[0]?.source).toBe('Feyenoord 0-0 Ajax');
      } finally {
        await store.close();
      }
    } finally {
      client.release();
      await pool.end();
    }
  }, 60_000);
});
