import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as DB } from 'better-sqlite3';

/**
 * `.tolk/state.sqlite`: what earlier runs learnt about this clone — the hash
 * of every localized file as tolk wrote it and the QA findings of every
 * translation checked. A cache, never the only copy of anything: lost or
 * damaged, it is started again and the next run reads back and checks once
 * more. Kept in SQLite rather than in the run's memory, so a run over a
 * large corpus in many languages holds none of it (a 2,000-article run into
 * twenty languages checks 1.6M pairs).
 */
export type StateDb = DB;

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS qa_checked (key BLOB PRIMARY KEY, findings TEXT) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS written (path TEXT PRIMARY KEY, hash TEXT, verified TEXT) WITHOUT ROWID;
`;

export function openStateDb(file: string): StateDb {
  mkdirSync(dirname(file), { recursive: true });
  // What earlier tolk versions kept in JSON files (read whole into every run): superseded when this file is made.
  if (!existsSync(file)) for (const old of ['qa.json', 'written.json']) rmSync(join(dirname(file), old), { force: true });
  try {
    return open(file);
  } catch {
    // Damaged (or from a tolk that kept something else there): a cache starts again.
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
    return open(file);
  }
}

function open(file: string): StateDb {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    // A commit that a power cut loses is only a check done again.
    db.pragma('synchronous = OFF');
    db.pragma('cache_size = -8192');
    db.exec(SCHEMA);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/** The value stored under `key` in `meta`, replaced by `value`; returns whether it was already `value`. */
export function sameMeta(db: StateDb, key: string, value: string): boolean {
  const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
  if (row?.value === value) return true;
  db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  return false;
}
