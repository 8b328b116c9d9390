import type { Database } from 'better-sqlite3';

/**
 * Schema versions, applied in order and recorded in `PRAGMA user_version`.
 * Append only: a released migration never changes.
 */
const MIGRATIONS: string[] = [
  // 1: sources (one row per source segment), units (one per target language),
  // where segments occur, and a contentless FTS5 index as the fuzzy candidate filter.
  `
  CREATE TABLE sources (
    rowid INTEGER PRIMARY KEY,
    segment_id BLOB NOT NULL UNIQUE, -- the 32 sha256 bytes: half the index of the hex text
    source_lang TEXT NOT NULL,
    source TEXT NOT NULL,
    -- 48 bits of the hash of the tag-number-free text key: an integer index is a
    -- fraction of the cost of indexing whole sentences; matches are re-checked.
    key_hash INTEGER NOT NULL
  );
  CREATE INDEX sources_by_key ON sources (key_hash);
  CREATE TABLE units (
    source_rowid INTEGER NOT NULL REFERENCES sources (rowid),
    target_lang TEXT NOT NULL,
    target TEXT NOT NULL,
    origin TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('machine', 'translated', 'reviewed', 'final')),
    previous_target TEXT,
    previous_origin TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (source_rowid, target_lang)
  ) WITHOUT ROWID;
  CREATE TABLE occurrences (
    source_rowid INTEGER NOT NULL,
    article TEXT NOT NULL,
    PRIMARY KEY (source_rowid, article)
  ) WITHOUT ROWID;
  CREATE VIRTUAL TABLE source_words USING fts5 (plain, content = '');
  CREATE VIRTUAL TABLE source_vocab USING fts5vocab (source_words, 'row');
  `,
  // 2: glossary violations found in a target when it was stored (JSON list), so translators see them.
  `ALTER TABLE units ADD COLUMN violations TEXT;`,
  // 3: keyed by segment id. A lookup by id was three B-tree descents (the id index, the sources row, the
  // unit); now it is two primary keys: units (segment_id, target_lang) and sources (segment_id), both
  // WITHOUT ROWID. \`num\` keeps the integer the FTS index and occurrences use.
  `
  CREATE TABLE sources_v3 (
    segment_id BLOB PRIMARY KEY,
    num INTEGER NOT NULL UNIQUE,
    source_lang TEXT NOT NULL,
    source TEXT NOT NULL,
    key_hash INTEGER NOT NULL
  ) WITHOUT ROWID;
  INSERT INTO sources_v3 (segment_id, num, source_lang, source, key_hash)
    SELECT segment_id, rowid, source_lang, source, key_hash FROM sources;
  CREATE TABLE units_v3 (
    segment_id BLOB NOT NULL,
    target_lang TEXT NOT NULL,
    target TEXT NOT NULL,
    origin TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('machine', 'translated', 'reviewed', 'final')),
    previous_target TEXT,
    previous_origin TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    violations TEXT,
    PRIMARY KEY (segment_id, target_lang)
  ) WITHOUT ROWID;
  INSERT INTO units_v3 (segment_id, target_lang, target, origin, status, previous_target, previous_origin, created_at, updated_at, violations)
    SELECT s.segment_id, u.target_lang, u.target, u.origin, u.status, u.previous_target, u.previous_origin, u.created_at, u.updated_at, u.violations
    FROM units u JOIN sources s ON s.rowid = u.source_rowid;
  DROP TABLE units;
  DROP TABLE sources;
  ALTER TABLE sources_v3 RENAME TO sources;
  ALTER TABLE units_v3 RENAME TO units;
  CREATE INDEX sources_by_key ON sources (key_hash);
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export function migrate(db: Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(`${file} has schema version ${version}; this tolk knows up to ${SCHEMA_VERSION}: upgrade tolk`);
  }
  if (version === SCHEMA_VERSION) return;
  // Every pending step in one IMMEDIATE transaction, the version read again inside: two processes opening a new
  // memory migrate it once, and one killed midway leaves the schema it found, never one between versions.
  db.transaction(() => {
    for (let v = db.pragma('user_version', { simple: true }) as number; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
