import type pg from 'pg';
import { fuzzyTokens } from '../fuzzy-score.js';
import { tokenCount } from './pg-keys.js';

/**
 * Schema versions of the PostgreSQL store, applied in order under an advisory
 * lock and recorded in `tolk_schema_migrations`. Append only.
 */
type Migration = string | ((client: pg.PoolClient) => Promise<void>);

const MIGRATIONS: Migration[] = [
  // 1: sources (one row per source segment), units (one per target language) with the status rank the
  // write statement compares, where segments occur, and the word table for fuzzy candidates: a document
  // frequency per word and postings (word, source) read rarest-word-first within a budget, as the SQLite store does.
  `
  CREATE TABLE tolk_sources (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    segment_id bytea NOT NULL UNIQUE,
    source_lang text NOT NULL,
    source text NOT NULL,
    key_hash bigint NOT NULL
  );
  CREATE INDEX tolk_sources_by_key ON tolk_sources (key_hash);
  CREATE TABLE tolk_units (
    source_id integer NOT NULL REFERENCES tolk_sources (id),
    target_lang text NOT NULL,
    target text NOT NULL,
    origin text NOT NULL,
    status text NOT NULL CHECK (status IN ('machine', 'translated', 'reviewed', 'final')),
    rank smallint NOT NULL CHECK (rank BETWEEN 0 AND 3),
    previous_target text,
    previous_origin text,
    violations text,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    PRIMARY KEY (source_id, target_lang)
  );
  CREATE TABLE tolk_occurrences (
    source_id integer NOT NULL REFERENCES tolk_sources (id),
    article text NOT NULL,
    PRIMARY KEY (source_id, article)
  );
  CREATE TABLE tolk_words (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    word text NOT NULL UNIQUE,
    df integer NOT NULL
  );
  CREATE TABLE tolk_postings (
    word_id integer NOT NULL,
    source_id integer NOT NULL,
    PRIMARY KEY (word_id, source_id)
  );
  `,
  // 2: each posting carries its source's length in fuzzy tokens, and the postings are keyed (word, length,
  // source): a fuzzy query reads only sources whose length can reach the threshold (a length band), so a
  // headline's common words no longer mean reading every long sentence that holds them.
  async (client) => {
    await client.query('CREATE TEMPORARY TABLE tolk_source_tokens (id integer PRIMARY KEY, tokens smallint NOT NULL) ON COMMIT DROP');
    // Tokens are counted by tolk's own tokenizer (the one the score uses), so the lengths come from Node.
    for (let after = 0; ; ) {
      const { rows } = await client.query<{ id: number; source: string }>('SELECT id, source FROM tolk_sources WHERE id > $1 ORDER BY id LIMIT 5000', [after]);
      if (rows.length === 0) break;
      await client.query('INSERT INTO tolk_source_tokens SELECT * FROM unnest($1::integer[], $2::smallint[])', [
        rows.map((r) => r.id),
        rows.map((r) => tokenCount(fuzzyTokens(r.source).length)),
      ]);
      after = rows[rows.length - 1]!.id;
    }
    // A new table rather than an UPDATE of every posting: no dead rows, and the key is built once.
    await client.query(`
      CREATE TABLE tolk_postings_v2 (word_id integer NOT NULL, tokens smallint NOT NULL, source_id integer NOT NULL);
      INSERT INTO tolk_postings_v2 SELECT p.word_id, t.tokens, p.source_id FROM tolk_postings p JOIN tolk_source_tokens t ON t.id = p.source_id
        ORDER BY 1, 2, 3;
      DROP TABLE tolk_postings;
      ALTER TABLE tolk_postings_v2 RENAME TO tolk_postings;
      ALTER TABLE tolk_postings ADD CONSTRAINT tolk_postings_pkey PRIMARY KEY (word_id, tokens, source_id);
      ANALYZE tolk_postings;
    `);
  },
];

export const PG_SCHEMA_VERSION = MIGRATIONS.length;

/** Any constant: the key of the advisory lock every tolk process migrating a database takes. */
const LOCK_KEY = 7_331_000_016;

/**
 * Brings the database to this tolk's schema. Two processes doing this at once
 * are safe: the second waits for the lock, then finds nothing left to do.
 * `upTo` stops at an earlier version (tests build old databases with it).
 */
export async function migrate(client: pg.PoolClient, upTo = PG_SCHEMA_VERSION): Promise<void> {
  // Waiting for another process's migration, and a migration of a large memory, may take longer than
  // the statement timeout that guards queries.
  await client.query('SET statement_timeout = 0');
  await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS tolk_schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM tolk_schema_migrations');
    const version = rows[0]?.v ?? 0;
    if (version > PG_SCHEMA_VERSION) {
      throw new Error(`the database has tolk schema version ${version}; this tolk knows up to ${PG_SCHEMA_VERSION}: upgrade tolk`);
    }
    for (let v = version; v < upTo; v++) {
      await client.query('BEGIN');
      try {
        const step = MIGRATIONS[v]!;
        if (typeof step === 'string') await client.query(step);
        else await step(client);
        await client.query('INSERT INTO tolk_schema_migrations (version) VALUES ($1)', [v + 1]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
    await client.query('RESET statement_timeout');
  }
}
