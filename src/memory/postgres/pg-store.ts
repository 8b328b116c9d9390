import { channel } from 'node:diagnostics_channel';
import pg from 'pg';
import { ConfigError, TolkError } from '../../core/errors.js';
import { type FuzzyMatch, type FuzzyOptions, type MemoryEntry, type MemoryStats, type MemoryStore, type MemoryWrite, type WriteResult } from '../store.js';
import { renumberTags, textKey, textKeyHash } from '../text-key.js';
import { migrate } from './migrations.js';
import { describe, isTransient, wrap } from './pg-errors.js';
import { fuzzyQuery } from './pg-fuzzy.js';
import { idBytes } from './pg-keys.js';
import { applyBatch, PendingWordCounts, WordCounts, type OutsideQuery } from './pg-write.js';
import { classifyRest, prepareSources, writeInOneStatement, writePreparedUnits, type LeftAlone } from './pg-write-one.js';
import { bulkWrite } from './pg-bulk.js';
import { toEntry, type UnitRow as BaseRow } from '../unit-row.js';
import { hostOf, redactUrl } from './url.js';
import { MEMORY_RETRY_CHANNEL, type MemoryRetryEvent } from '../retry-events.js';

const retryEvents = channel(MEMORY_RETRY_CHANNEL);

export interface PostgresOptions {
  /** Connections per process. @default 4 */
  maxConnections?: number;
  /** Server-side limit for one statement, so one bad query cannot stall a run. @default 15000 */
  statementTimeoutMs?: number;
  /**
   * A write of at most this many translations goes to the server as one statement (pg-write-one.ts); larger
   * ones, and 0 here, as a transaction of several. @default 1000
   */
  oneStatementUpTo?: number;
  /** How long a batch is retried while the server is away (a restart, a failover). @default 60000 */
  retryForMs?: number;
  /**
   * Told of each retry (what was retried and why). Every store also publishes its retries, and its
   * recovery, on the `MEMORY_RETRY_CHANNEL` diagnostics channel, where the CLI listens.
   */
  onRetry?: (what: string, reason: string) => void;
}

/** A unit row, with the row number the fuzzy search reads candidates by. */
interface UnitRow extends BaseRow {
  rid?: number;
}

const UNIT_COLUMNS = `encode(s.segment_id, 'hex') AS segment_id, s.source_lang, u.target_lang, s.source, u.target, u.origin, u.status,
  u.created_at, u.updated_at, u.previous_target, u.previous_origin, u.violations`;

const WRITE_BATCH = 1_000;
/** Prepared sources kept for the writes of their answers: many jobs' worth. */
const PREPARED_KEPT = 20_000;

/**
 * The team store: node-postgres `Pool`, schema migrated by tolk under an
 * advisory lock. The status rules are enforced by the write statement itself
 * (`ON CONFLICT … DO UPDATE … WHERE`), so writers racing on other machines
 * cannot lose a person's translation; fuzzy candidates come from a word table
 * and are scored by tolk's own OmegaT score, so both stores rank alike.
 */
export class PostgresMemoryStore implements MemoryStore {
  readonly #url: string;
  readonly #options: Required<Omit<PostgresOptions, 'onRetry'>> & Pick<PostgresOptions, 'onRetry'>;
  readonly #pool: pg.Pool;
  #ready: Promise<void> | undefined;
  /** Word ids never change once committed: known ones are not asked for again. */
  readonly #wordIds = new Map<string, number>();
  /** Row ids of the sources `prepare` stored, by segment id, for the write of their answers, and the sources table's file then. */
  readonly #prepared = { ids: new Map<string, number>(), file: '' };
  /** Closed: a `prepare` still running when the store was closed leaves no word counts to raise. */
  #closed = false;
  /** A statement on a pooled connection, outside any transaction; named ones are prepared once per connection. */
  readonly #outside: OutsideQuery = (sql, values, name) => (name ? this.#pool.query({ name, text: sql, values }) : this.#pool.query(sql, values));
  /** Word counts of recent writes, raised after COMMIT a second at a time. */
  readonly #counts = new PendingWordCounts(() => this.#pool.connect());

  constructor(url: string, options: PostgresOptions = {}) {
    this.#url = url;
    this.#options = { maxConnections: 4, statementTimeoutMs: 15_000, retryForMs: 60_000, oneStatementUpTo: WRITE_BATCH, ...options };
    this.#pool = new pg.Pool({
      connectionString: url,
      max: this.#options.maxConnections,
      statement_timeout: this.#options.statementTimeoutMs,
      connectionTimeoutMillis: 10_000,
      application_name: 'tolk',
    });
    // An idle connection cut by a server restart is reported here; the next query reconnects.
    this.#pool.on('error', () => {});
    // A connection cut while checked out fails its query (retried or reported); the event itself must not crash the process.
    this.#pool.on('connect', (client) => client.on('error', () => {}));
  }

  /** The URL with any password masked: the only form of it that may appear in a message. */
  get displayUrl(): string {
    return redactUrl(this.#url);
  }

  /** Connects and migrates once; a server that cannot be reached at start is a configuration problem (exit 2). */
  #open(): Promise<void> {
    this.#ready ??= (async () => {
      let client: pg.PoolClient;
      try {
        client = await this.#pool.connect();
      } catch (error) {
        throw new ConfigError(
          `cannot reach the translation memory at ${hostOf(this.#url)} (${this.displayUrl}): ${describe(error)}. ` +
            'Check that PostgreSQL runs there and accepts TCP connections from this machine, the user and database in memory.url ' +
            '(or TOLK_MEMORY_URL), and the password in PGPASSWORD or ~/.pgpass',
        );
      }
      try {
        await migrate(client);
      } catch (error) {
        client.release(true);
        throw new ConfigError(`cannot prepare the translation memory at ${this.displayUrl}: ${describe(error)}`);
      }
      client.release();
    })();
    // A failed start may be retried by a later call.
    this.#ready.catch(() => (this.#ready = undefined));
    return this.#ready;
  }

  /** Runs `work` again while the server is away, up to `retryForMs`; then reports what was not stored. */
  async #retrying<T>(what: string, work: () => Promise<T>): Promise<T> {
    await this.#open();
    const started = Date.now();
    const host = hostOf(this.#url);
    for (let attempt = 0; ; attempt++) {
      try {
        const value = await work();
        if (attempt > 0) this.#publish({ kind: 'resumed', host, what, waitedMs: Date.now() - started });
        return value;
      } catch (error) {
        if (!isTransient(error)) throw wrap(error, what, this.displayUrl);
        const waitedMs = Date.now() - started;
        if (waitedMs > this.#options.retryForMs) {
          throw new TolkError(`lost the translation memory at ${this.displayUrl} for ${Math.round(waitedMs / 1000)} s: ${what} was not done (${describe(error)})`);
        }
        this.#options.onRetry?.(what, describe(error));
        this.#publish({ kind: 'retry', host, what, reason: describe(error), waitedMs, retryForMs: this.#options.retryForMs });
        await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 50 * 2 ** attempt)));
      }
    }
  }

  #publish(event: MemoryRetryEvent): void {
    if (retryEvents.hasSubscribers) retryEvents.publish(event);
  }

  async #transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect();
    let broken: unknown;
    try {
      await client.query('BEGIN');
      const value = await work(client);
      await client.query('COMMIT');
      return value;
    } catch (error) {
      broken = error;
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release(broken !== undefined && isTransient(broken) ? (broken as Error) : undefined);
    }
  }

  async lookup(segmentIds: readonly string[], targetLanguage: string): Promise<Map<string, MemoryEntry>> {
    const found = new Map<string, MemoryEntry>();
    if (segmentIds.length === 0) return found;
    const { rows } = await this.#retrying('an exact lookup', () =>
      this.#pool.query<UnitRow>(
        `SELECT ${UNIT_COLUMNS} FROM tolk_sources s JOIN tolk_units u ON u.source_id = s.id AND u.target_lang = $2
         WHERE s.segment_id = ANY($1::bytea[])`,
        [segmentIds.map(idBytes), targetLanguage],
      ),
    );
    const wanted = new Set(segmentIds.map((id) => id.toLowerCase()));
    for (const row of rows) if (wanted.has(row.segment_id)) found.set(row.segment_id, toEntry(row));
    // Callers ask with the ids they hold; answer under the same spelling.
    if (segmentIds.some((id) => id !== id.toLowerCase())) {
      const byLower = new Map(found);
      found.clear();
      for (const id of segmentIds) if (byLower.has(id.toLowerCase())) found.set(id, byLower.get(id.toLowerCase())!);
    }
    return found;
  }

  async lookupText(source: string, sourceLanguage: string, targetLanguage: string): Promise<MemoryEntry | undefined> {
    return (await this.lookupTexts([source], sourceLanguage, targetLanguage)).get(source);
  }

  async lookupTexts(sources: readonly string[], sourceLanguage: string, targetLanguage: string): Promise<Map<string, MemoryEntry>> {
    const found = new Map<string, MemoryEntry>();
    const unique = [...new Set(sources)];
    if (unique.length === 0) return found;
    const hashes = unique.map((s) => textKeyHash(s));
    const { rows } = await this.#retrying('a lookup by text', () =>
      this.#pool.query<UnitRow & { key_hash: string; rank: number }>(
        `SELECT ${UNIT_COLUMNS}, s.key_hash, u.rank FROM tolk_sources s JOIN tolk_units u ON u.source_id = s.id AND u.target_lang = $3
         WHERE s.key_hash = ANY($1::bigint[]) AND s.source_lang = $2
         ORDER BY u.rank DESC, u.updated_at DESC, s.id`,
        [[...new Set(hashes)], sourceLanguage, targetLanguage],
      ),
    );
    const byHash = new Map<number, Array<UnitRow>>();
    for (const row of rows) {
      const list = byHash.get(Number(row.key_hash)) ?? [];
      list.push(row);
      byHash.set(Number(row.key_hash), list);
    }
    unique.forEach((source, i) => {
      // The index holds a hash of the key: confirm the text really matches.
      const key = textKey(source);
      const row = byHash.get(hashes[i]!)?.find((r) => textKey(r.source) === key);
      if (!row) return;
      const entry = toEntry(row);
      found.set(source, { ...entry, target: renumberTags(entry.target, entry.source, source), source });
    });
    return found;
  }

  async fuzzy(source: string, options: FuzzyOptions): Promise<FuzzyMatch[]> {
    await this.#counts.settle();
    return this.#retrying('a fuzzy lookup', () => fuzzyQuery((sql, values) => this.#pool.query(sql, values), source, options));
  }

  /**
   * Sources about to be translated stored now, with their postings
   * (`prepareSources`): the write of their answers is then the units and
   * where they occur. Their row ids are kept for that write (the latest 20,000).
   */
  async prepare(sources: ReadonlyArray<Pick<MemoryWrite, 'sourceLanguage' | 'source' | 'segmentId'>>): Promise<void> {
    if (this.#closed || sources.length === 0 || sources.length > Math.min(this.#options.oneStatementUpTo, WRITE_BATCH)) return;
    await this.#open();
    const { ids, counts, file } = await prepareSources(this.#outside, sources, this.#wordIds);
    if (this.#closed) return;
    this.#counts.add(counts);
    const prepared = this.#prepared;
    // Ids from another file of the table name nothing now.
    if (prepared.file !== file) {
      prepared.ids.clear();
      prepared.file = file;
    }
    for (const [segment, id] of ids) {
      prepared.ids.delete(segment);
      prepared.ids.set(segment, id);
    }
    for (const segment of prepared.ids.keys()) {
      if (prepared.ids.size <= PREPARED_KEPT) break;
      prepared.ids.delete(segment);
    }
  }

  async write(writes: readonly MemoryWrite[]): Promise<WriteResult> {
    if (writes.length === 0) return emptyResult();
    // A batch is idempotent under the status rules, so sending it again after a lost connection (even one
    // lost while COMMIT was on its way) stores nothing twice.
    let counts: ReadonlyMap<string, number> | undefined;
    let rest: LeftAlone[] = [];
    const outside = this.#outside;
    const result = await this.#retrying(`storing ${writes.length} translations`, async () => {
      const small = writes.length <= Math.min(this.#options.oneStatementUpTo, WRITE_BATCH);
      // Answers to sources `prepare` stored: the units alone.
      const units = small ? await this.#writePrepared(writes) : undefined;
      if (units) {
        rest = units.rest;
        return units.result;
      }
      // One job's answers: one statement (see pg-write-one.ts).
      const one = small ? await writeInOneStatement(outside, writes, this.#wordIds) : undefined;
      if (one) {
        ({ counts, rest } = one);
        return one.result;
      }
      const words = new WordCounts(this.#wordIds, outside);
      const done = await this.#transaction(async (client) => {
        const result = emptyResult();
        for (let i = 0; i < writes.length; i += WRITE_BATCH) await applyBatch(client, writes.slice(i, i + WRITE_BATCH), result, words);
        return result;
      });
      counts = words.counts;
      return done;
    });
    if (counts) this.#counts.add(counts);
    // Stored by now: only the report of what the statement left alone is read again after a lost connection.
    if (rest.length) await this.#retrying(`reading back ${rest.length} unchanged or refused translations`, () => classifyRest(outside, rest, result));
    return result;
  }

  /** `writePreparedUnits`; prepared ids from a sources table emptied or restored since (under a running worker) are forgotten, and the write goes the long way. */
  async #writePrepared(writes: readonly MemoryWrite[]): Promise<{ result: WriteResult; rest: LeftAlone[] } | undefined> {
    if (this.#prepared.ids.size === 0) return undefined;
    let written: Awaited<ReturnType<typeof writePreparedUnits>>;
    try {
      written = await writePreparedUnits(this.#outside, writes, this.#prepared);
    } catch (error) {
      // The table emptied between the statement's check and its insert.
      if ((error as { code?: string }).code !== '23503') throw error;
      written = 'stale';
    }
    if (written !== 'stale') return written;
    this.#prepared.ids.clear();
    return undefined;
  }

  async writeAll(writes: AsyncIterable<MemoryWrite>): Promise<WriteResult> {
    await this.#open();
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw wrap(error, 'the import', this.displayUrl);
    }
    let broken: unknown;
    try {
      await client.query('BEGIN');
      const result = await bulkWrite(client, writes);
      await client.query('COMMIT');
      // After a large import, fresh statistics and visibility maps (index-only scans of the postings) now
      // rather than whenever autovacuum comes by: the first fuzzy lookups after a `tm copy` are fast too.
      // The data is committed by now: this is housekeeping, without the statement timeout, and its failure is no failure.
      if (result.inserted >= 10_000) {
        await client
          .query('SET statement_timeout = 0')
          .then(() => client.query('VACUUM (ANALYZE) tolk_sources, tolk_units, tolk_words, tolk_postings, tolk_occurrences'))
          .then(() => client.query('RESET statement_timeout'))
          .catch(() => {});
      }
      return result;
    } catch (error) {
      broken = error;
      await client.query('ROLLBACK').catch(() => {});
      if (isTransient(error)) {
        throw new TolkError(`lost the translation memory at ${this.displayUrl} during an all-or-nothing write: nothing of it was stored (${describe(error)}); run it again`);
      }
      throw wrap(error, 'the import', this.displayUrl);
    } finally {
      client.release(broken !== undefined && isTransient(broken) ? (broken as Error) : undefined);
    }
  }

  async *entries(filter: { targetLanguage?: string; sourceLanguage?: string } = {}): AsyncIterable<MemoryEntry> {
    const target = filter.targetLanguage ?? null;
    const source = filter.sourceLanguage ?? null;
    let after: [number, string] = [0, ''];
    for (;;) {
      const { rows } = await this.#retrying('listing the memory', () =>
        this.#pool.query<UnitRow & { rid: number }>(
          `SELECT s.id AS rid, ${UNIT_COLUMNS},
             (SELECT string_agg(o.article, E'\\n' ORDER BY o.article COLLATE "C") FROM tolk_occurrences o WHERE o.source_id = s.id) AS articles
           FROM tolk_sources s JOIN tolk_units u ON u.source_id = s.id
           WHERE (s.id, u.target_lang COLLATE "C") > ($1::integer, $2::text COLLATE "C")
             AND ($3::text IS NULL OR u.target_lang = $3) AND ($4::text IS NULL OR s.source_lang = $4)
           ORDER BY s.id, u.target_lang COLLATE "C" LIMIT 1000`,
          [...after, target, source],
        ),
      );
      for (const row of rows) yield toEntry({ ...row, articles: row.articles ?? '' });
      if (rows.length < 1000) return;
      const last = rows[rows.length - 1]!;
      after = [last.rid, last.target_lang];
    }
  }

  async stats(): Promise<MemoryStats> {
    const { rows } = await this.#retrying('counting the memory', () =>
      this.#pool.query<{ source_lang: string; target_lang: string; origin: string; status: string; n: string }>(
        `SELECT s.source_lang, u.target_lang, u.origin, u.status, count(*) AS n FROM tolk_units u
         JOIN tolk_sources s ON s.id = u.source_id GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      ),
    );
    const pairs = new Map<string, MemoryStats['pairs'][number]>();
    for (const row of rows) {
      const n = Number(row.n);
      const key = `${row.source_lang}\n${row.target_lang}`;
      const pair = pairs.get(key) ?? { sourceLanguage: row.source_lang, targetLanguage: row.target_lang, units: 0, byOrigin: {}, byStatus: {} };
      pair.units += n;
      pair.byOrigin[row.origin] = (pair.byOrigin[row.origin] ?? 0) + n;
      pair.byStatus[row.status] = (pair.byStatus[row.status] ?? 0) + n;
      pairs.set(key, pair);
    }
    const list = [...pairs.values()];
    return { units: list.reduce((n, p) => n + p.units, 0), pairs: list };
  }

  /** Raises the word counts of every write made so far (a fuzzy query in this process reads them current). */
  async settle(): Promise<void> {
    await this.#counts.settle();
  }

  async close(): Promise<void> {
    this.#closed = true;
    await this.#counts.settle();
    this.#counts.stop();
    await this.#pool.end().catch(() => {});
  }
}

/** A result with nothing counted yet. */
export function emptyResult(): WriteResult {
  return { inserted: 0, updated: 0, unchanged: 0, skipped: [] };
}
