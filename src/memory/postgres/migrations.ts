import type pg from 'pg';

/**
 * Schema versions of the PostgreSQL store, applied in order under an advisory
 * lock and recorded in `tolk_schema_migrations`. Append only.
 */
const MIGRATIONS: string[] = [
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
];

export const PG_SCHEMA_VERSION = MIGRATIONS.length;

/** Any constant: the key of the advisory lock every tolk process migrating a database takes. */
const LOCK_KEY = 7_331_000_016;

/**
 * Brings the database to this tolk's schema. Two processes doing this at once
 * are safe: the second waits for the lock, then finds nothing left to do.
 */
export async function migrate(client: pg.PoolClient): Promise<void> {
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
    for (let v = version; v < PG_SCHEMA_VERSION; v++) {
      await client.query('BEGIN');
      try {
        await client.query(MIGRATIONS[v]!);
        await client.query('INSERT INTO tolk_schema_migrations (version) VALUES ($1)', [v + 1]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
}
