import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { Database as DB, Statement } from 'better-sqlite3';
import { InputError } from '../../core/errors.js';
import { plainText } from '../../tagged/index.js';
import { rankCandidates } from '../fuzzy-score.js';
import type { FuzzyMatch, FuzzyOptions, MemoryEntry, MemoryStats, MemoryStore, MemoryWrite, Status, WriteResult } from '../store.js';
import { renumberTags, textKey, textKeyHash } from '../text-key.js';
import { migrate } from './migrations.js';
import { toEntry, type UnitRow } from '../unit-row.js';
import { sqliteError } from './sqlite-errors.js';
import { applyBatch, SORTED_BATCH } from './sqlite-batch.js';


const UNIT_COLUMNS = `hex(s.segment_id) AS segment_id, s.source_lang, u.target_lang, s.source, u.target, u.origin, u.status,
  u.created_at, u.updated_at, u.previous_target, u.previous_origin, u.violations`;
/** A lookup by id knows the id it asked for: no hex conversion. */
const BY_ID_COLUMNS = `s.source_lang, u.target_lang, s.source, u.target, u.origin, u.status,
  u.created_at, u.updated_at, u.previous_target, u.previous_origin, u.violations`;
/** Occurrences cost a second lookup; only listings that show them ask for them. */
const ARTICLES = `(SELECT group_concat(article, char(10)) FROM occurrences o WHERE o.source_rowid = s.num) AS articles`;

/** Fuzzy candidates: at most this many postings are read per query, so p95 stays flat as the memory grows. */
const CANDIDATE_POSTINGS = 5_000;
const CANDIDATES = 30;
/** How long a write waits for another process's write to finish before failing. */
const BUSY_TIMEOUT_MS = 15_000;
const QUERY_TERMS = 8;

/** How much memory SQLite may hold: page cache and memory-mapped reads, in MiB. */
export interface SqliteOptions {
  /** @default 32 */
  cacheMB?: number;
  /** @default 0 */
  mmapMB?: number;
}

/**
 * The embedded default store: better-sqlite3 in WAL mode. Every write batch is
 * one transaction, so a killed process leaves a valid database that has lost
 * at most the batch in flight.
 */
export class SqliteMemoryStore implements MemoryStore {
  readonly #file: string;
  readonly #options: SqliteOptions;
  #db: DB | undefined;
  #stmt: Record<string, Statement> = {};

  /**
   * Nothing is opened or created here: reads of a memory that does not exist
   * yet answer empty, and the first write creates it. A command that fails
   * early, or only reads, leaves no database behind.
   */
  constructor(file: string, options: SqliteOptions = {}) {
    this.#file = file;
    this.#options = options;
  }

  /** The open database, or undefined when it does not exist and `create` is false. */
  #open(create: boolean): DB | undefined {
    if (this.#db) return this.#db;
    const file = this.#file;
    if (!create && file !== ':memory:' && !existsSync(file)) return undefined;
    let db: DB;
    try {
      if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
      // The busy timeout comes first: switching to WAL takes a lock too. Writes begin IMMEDIATE, so a waiting
      // writer waits here rather than failing at once on a read-to-write upgrade.
      db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
      // Both count in resident memory: a translate run over 5,000 articles stays small with the defaults, a
      // million-unit memory serving many exact lookups gains from more (see README, memory.cacheMB / mmapMB).
      db.pragma(`cache_size = -${(this.#options.cacheMB ?? 32) * 1024}`);
      db.pragma(`mmap_size = ${(this.#options.mmapMB ?? 0) * 1024 * 1024}`);
      migrate(db, file);
    } catch (error) {
      const mapped = sqliteError(error, file);
      throw mapped !== error ? mapped : new InputError(`cannot open translation memory: ${(error as Error).message}`, { file });
    }
    const stmt: Record<string, Statement> = {
      // Two primary-key descents (schema v3): the unit, then its source.
      // Rows as arrays (`raw`): no object keyed by column names built per lookup only to be copied into an entry.
      byId: db
        .prepare(`SELECT ${BY_ID_COLUMNS} FROM units u JOIN sources s ON s.segment_id = u.segment_id WHERE u.segment_id = ? AND u.target_lang = ?`)
        .raw(true),
      byKey: db.prepare(
        `SELECT ${UNIT_COLUMNS} FROM sources s JOIN units u ON u.segment_id = s.segment_id
         WHERE s.key_hash = ? AND s.source_lang = ? AND u.target_lang = ?
         ORDER BY CASE u.status WHEN 'final' THEN 0 WHEN 'reviewed' THEN 1 WHEN 'translated' THEN 2 ELSE 3 END, u.updated_at DESC`,
      ),
      sourceRow: db.prepare('SELECT num FROM sources WHERE segment_id = ?'),
      // `num` is counted in Node from the transaction's first max (writes are IMMEDIATE: no other writer):
      // computing it in the statement with RETURNING cost ~50 µs per insert, most of an import's time.
      maxNum: db.prepare('SELECT max(num) AS n FROM sources'),
      insertSource: db.prepare('INSERT INTO sources (segment_id, num, source_lang, source, key_hash) VALUES (?, ?, ?, ?, ?)'),
      insertWords: db.prepare('INSERT INTO source_words (rowid, plain) VALUES (?, ?)'),
      unit: db.prepare('SELECT target, status, origin FROM units WHERE segment_id = ? AND target_lang = ?'),
      insertUnit: db.prepare(
        `INSERT INTO units (segment_id, target_lang, target, origin, status, created_at, updated_at, violations, previous_target, previous_origin)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      updateUnit: db.prepare(
        `UPDATE units SET target = ?, origin = ?, status = ?, updated_at = ?, violations = ? WHERE segment_id = ? AND target_lang = ?`,
      ),
      updateUnitHistory: db.prepare(
        `UPDATE units SET target = ?, origin = ?, status = ?, updated_at = ?, violations = ?, previous_target = ?, previous_origin = ?
         WHERE segment_id = ? AND target_lang = ?`,
      ),
      updateUnitKeep: db.prepare(
        `UPDATE units SET previous_target = target, previous_origin = origin, target = ?, origin = ?, status = ?, updated_at = ?, violations = ?
         WHERE segment_id = ? AND target_lang = ?`,
      ),
      occurrence: db.prepare('INSERT OR IGNORE INTO occurrences (source_rowid, article) VALUES (?, ?)'),
      termDocs: db.prepare('SELECT doc FROM source_vocab WHERE term = ?'),
      match: db.prepare(`SELECT rowid FROM source_words WHERE source_words MATCH ? ORDER BY rank LIMIT ${CANDIDATES}`),
      candidatesFor: db.prepare(
        `SELECT hex(s.segment_id) AS segment_id, s.source, u.target, u.origin, u.status FROM sources s
         JOIN units u ON u.segment_id = s.segment_id AND u.target_lang = ?
         WHERE s.num IN (SELECT value FROM json_each(?)) AND s.source_lang = ?`,
      ),
      stats: db.prepare(
        `SELECT s.source_lang, u.target_lang, u.origin, u.status, count(*) AS n FROM units u
         JOIN sources s ON s.segment_id = u.segment_id GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      ),
      page: db.prepare(
        `SELECT s.num AS rid, ${UNIT_COLUMNS}, ${ARTICLES} FROM sources s JOIN units u ON u.segment_id = s.segment_id
         WHERE (s.num, u.target_lang) > (?, ?) AND (? IS NULL OR u.target_lang = ?) AND (? IS NULL OR s.source_lang = ?)
         ORDER BY s.num, u.target_lang LIMIT 1000`,
      ),
    };
    this.#db = db;
    this.#stmt = stmt;
    return db;
  }

  get file(): string {
    return this.#file;
  }

  lookup(segmentIds: readonly string[], targetLanguage: string): Promise<Map<string, MemoryEntry>> {
    // Not an async function: one id per call is a hot path (the pipeline's and the bench's), and the
    // answer is ready at once.
    try {
      return Promise.resolve(this.lookupSync(segmentIds, targetLanguage));
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Synchronous core of `lookup`, for hot loops inside this process. */
  lookupSync(segmentIds: readonly string[], targetLanguage: string): Map<string, MemoryEntry> {
    const found = new Map<string, MemoryEntry>();
    if (!this.#db && !this.#open(false)) return found;
    const byId = this.#stmt.byId!;
    for (const id of segmentIds) {
      const row = byId.get(Buffer.from(id, 'hex'), targetLanguage) as ByIdRow | undefined;
      if (row) found.set(id, byIdEntry(id, row));
    }
    return found;
  }

  async lookupText(source: string, sourceLanguage: string, targetLanguage: string): Promise<MemoryEntry | undefined> {
    if (!this.#open(false)) return undefined;
    const key = textKey(source);
    // The index holds a hash of the key: confirm the text really matches.
    const row = (this.#stmt.byKey!.all(textKeyHash(source), sourceLanguage, targetLanguage) as UnitRow[]).find((r) => textKey(r.source) === key);
    if (!row) return undefined;
    const entry = toEntry(row);
    return { ...entry, target: renumberTags(entry.target, entry.source, source), source };
  }

  async lookupTexts(sources: readonly string[], sourceLanguage: string, targetLanguage: string): Promise<Map<string, MemoryEntry>> {
    const found = new Map<string, MemoryEntry>();
    for (const source of new Set(sources)) {
      const entry = await this.lookupText(source, sourceLanguage, targetLanguage);
      if (entry) found.set(source, entry);
    }
    return found;
  }

  async fuzzy(source: string, options: FuzzyOptions): Promise<FuzzyMatch[]> {
    const limit = options.limit ?? 5;
    const threshold = options.threshold ?? 75;
    if (!this.#open(false)) return [];
    const rowids = this.#candidates(source);
    if (rowids.length === 0) return [];
    const rows = this.#stmt.candidatesFor!.all(options.targetLanguage, JSON.stringify(rowids), options.sourceLanguage) as Array<
      Pick<UnitRow, 'segment_id' | 'source' | 'target' | 'origin' | 'status'>
    >;
    return rankCandidates(source, rows, threshold, limit);
  }

  /**
   * Candidate sources sharing the query's rarest words: FTS5 postings read
   * rarest-first until a fixed budget, ranked by bm25. Common words alone
   * never decide, and a million units cost no more than ten thousand.
   */
  #candidates(source: string): number[] {
    const words = [...new Set(plainText(source).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])];
    const df = words
      .map((word) => ({ word, docs: (this.#stmt.termDocs!.get(word) as { doc: number } | undefined)?.doc ?? 0 }))
      .filter((w) => w.docs > 0)
      .sort((a, b) => a.docs - b.docs);
    const chosen: string[] = [];
    let budget = 0;
    for (const { word, docs } of df) {
      if (chosen.length >= QUERY_TERMS || (chosen.length > 0 && budget + docs > CANDIDATE_POSTINGS)) break;
      chosen.push(word);
      budget += docs;
    }
    if (chosen.length === 0) return [];
    const query = chosen.map((w) => `"${w.replace(/"/g, '""')}"`).join(' OR ');
    return (this.#stmt.match!.all(query) as Array<{ rowid: number }>).map((r) => r.rowid);
  }

  async write(writes: readonly MemoryWrite[]): Promise<WriteResult> {
    const result = emptyResult();
    if (writes.length === 0) return result;
    // IMMEDIATE: the transaction reads before it writes; a deferred one could not wait for another writer.
    this.#open(true)!.transaction(() => {
      const tx = this.#begun();
      for (let i = 0; i < writes.length; i += SORTED_BATCH) applyBatch(this.#stmt, writes.slice(i, i + SORTED_BATCH), result, tx);
    }).immediate();
    return result;
  }

  async writeAll(writes: AsyncIterable<MemoryWrite>): Promise<WriteResult> {
    const result = emptyResult();
    // All or nothing includes the file: an import that fails into a memory that did not exist leaves none behind.
    const created = !this.#db && this.#file !== ':memory:' && !existsSync(this.#file);
    const db = this.#open(true)!;
    db.exec('BEGIN IMMEDIATE');
    try {
      const tx = this.#begun();
      let batch: MemoryWrite[] = [];
      for await (const write of writes) {
        batch.push(write);
        if (batch.length >= SORTED_BATCH) {
          applyBatch(this.#stmt, batch, result, tx);
          batch = [];
        }
      }
      applyBatch(this.#stmt, batch, result, tx);
      db.exec('COMMIT');
    } catch (error) {
      if (db.inTransaction) db.exec('ROLLBACK');
      if (created) {
        await this.close();
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${this.#file}${suffix}`, { force: true });
      }
      throw error;
    }
    return result;
  }

  /** What a write transaction counts from, read once it holds the write lock. */
  #begun(): { nextNum: number } {
    return { nextNum: ((this.#stmt.maxNum!.get() as { n: number | null }).n ?? 0) + 1 };
  }

  async *entries(filter: { targetLanguage?: string; sourceLanguage?: string } = {}): AsyncIterable<MemoryEntry> {
    if (!this.#open(false)) return;
    const target = filter.targetLanguage ?? null;
    const source = filter.sourceLanguage ?? null;
    // Keyset pages, not an open iterator: the caller may use the store between pages.
    let after: [number, string] = [0, ''];
    for (;;) {
      const rows = this.#stmt.page!.all(...after, target, target, source, source) as Array<UnitRow & { rid: number }>;
      for (const row of rows) yield toEntry(row);
      if (rows.length < 1000) return;
      const last = rows[rows.length - 1]!;
      after = [last.rid, last.target_lang];
    }
  }

  async stats(): Promise<MemoryStats> {
    if (!this.#open(false)) return { units: 0, pairs: [] };
    const rows = this.#stmt.stats!.all() as Array<{ source_lang: string; target_lang: string; origin: string; status: string; n: number }>;
    const pairs = new Map<string, MemoryStats['pairs'][number]>();
    for (const row of rows) {
      const key = `${row.source_lang}\n${row.target_lang}`;
      const pair = pairs.get(key) ?? { sourceLanguage: row.source_lang, targetLanguage: row.target_lang, units: 0, byOrigin: {}, byStatus: {} };
      pair.units += row.n;
      pair.byOrigin[row.origin] = (pair.byOrigin[row.origin] ?? 0) + row.n;
      pair.byStatus[row.status] = (pair.byStatus[row.status] ?? 0) + row.n;
      pairs.set(key, pair);
    }
    const list = [...pairs.values()];
    return { units: list.reduce((n, p) => n + p.units, 0), pairs: list };
  }

  async close(): Promise<void> {
    if (this.#db?.open) this.#db.close();
    this.#db = undefined;
  }
}

/** A `byId` row: BY_ID_COLUMNS in order. */
type ByIdRow = [string, string, string, string, string, Status, string, string, string | null, string | null, string | null];

function byIdEntry(id: string, r: ByIdRow): MemoryEntry {
  const entry: MemoryEntry = {
    segmentId: id.toLowerCase(),
    sourceLanguage: r[0],
    targetLanguage: r[1],
    source: r[2],
    target: r[3],
    origin: r[4],
    status: r[5],
    createdAt: r[6],
    updatedAt: r[7],
  };
  if (r[8] !== null) entry.previousTarget = r[8];
  if (r[9] !== null) entry.previousOrigin = r[9];
  if (r[10]) entry.violations = JSON.parse(r[10]) as string[];
  return entry;
}

function emptyResult(): WriteResult {
  return { inserted: 0, updated: 0, unchanged: 0, skipped: [] };
}

