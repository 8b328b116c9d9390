import type pg from 'pg';
import { segmentId } from '../../tagged/index.js';
import { statusRank, type MemoryWrite, type Status, type WriteResult } from '../store.js';
import { textKeyHash } from '../text-key.js';
import { decideWrite } from '../write-rules.js';
import { fuzzyTokens } from '../fuzzy-score.js';
import { idBytes, queryWords, tokenCount } from './pg-keys.js';

/**
 * The status rules inside the write statement, shared by batched and bulk writes: nothing to do for the
 * same text and status, a machine translation never replaces a person's, no write lowers a status; a
 * person replacing a machine text keeps it as previous.
 */
export const UNIT_CONFLICT = `ON CONFLICT (source_id, target_lang) DO UPDATE SET
         previous_target = CASE WHEN u.rank = 0 AND excluded.rank > 0 AND u.target <> excluded.target THEN u.target
                                ELSE coalesce(excluded.previous_target, u.previous_target) END,
         previous_origin = CASE WHEN u.rank = 0 AND excluded.rank > 0 AND u.target <> excluded.target THEN u.origin
                                WHEN excluded.previous_target IS NOT NULL THEN excluded.previous_origin ELSE u.previous_origin END,
         target = excluded.target, origin = excluded.origin, status = excluded.status, rank = excluded.rank,
         updated_at = excluded.updated_at, violations = excluded.violations
       -- The status rules: nothing to do for the same text and status, a machine translation never
       -- replaces a person's, and no write lowers a status.
       WHERE (u.target <> excluded.target OR u.status <> excluded.status)
         AND NOT (excluded.rank = 0 AND u.rank > 0)
         AND excluded.rank >= u.rank`;

/** A unit's values after its source, in the order every unit insert lists them (target_lang … previous_origin). */
export function unitValues(write: MemoryWrite, now: string): unknown[] {
  return [
    write.targetLanguage,
    write.target,
    write.origin,
    write.status,
    statusRank(write.status),
    write.createdAt ?? now,
    write.updatedAt ?? now,
    write.violations?.length ? JSON.stringify(write.violations) : null,
    write.previousTarget ?? null,
    write.previousOrigin ?? null,
  ];
}

/** `unitValues` of many writes as columns, for `unnest`. */
export function unitColumns(writes: readonly MemoryWrite[], now: string): unknown[][] {
  const columns: unknown[][] = Array.from({ length: 10 }, () => []);
  for (const write of writes) unitValues(write, now).forEach((value, i) => columns[i]!.push(value));
  return columns;
}

/** A write the status rules left alone, counted: unchanged, or refused with the reason, judged against `existing`. */
export function countLeftAlone(result: WriteResult, segmentId: string, write: MemoryWrite, existing: Parameters<typeof decideWrite>[0]): void {
  const decision = decideWrite(existing, write);
  if (decision.action === 'skip') result.skipped.push({ segmentId, targetLanguage: write.targetLanguage, reason: decision.reason });
  else result.unchanged++;
}

interface Prepared {
  write: MemoryWrite;
  id: string;
}

/**
 * One batch inside the caller's transaction. Locks are always taken in the
 * same order (sources, words, units, each sorted), so writers racing on the
 * same segments wait for each other instead of deadlocking.
 */
export async function applyBatch(client: pg.PoolClient, writes: readonly MemoryWrite[], result: WriteResult, words: WordCounts): Promise<void> {
  const now = new Date().toISOString();
  const prepared: Prepared[] = writes.map((write) => ({
    write,
    id: (write.segmentId ?? segmentId(write.sourceLanguage, write.source)).toLowerCase(),
  }));

  // Sources: new ones get their words counted and posted.
  const firstById = new Map<string, MemoryWrite>();
  for (const p of prepared) if (!firstById.has(p.id)) firstById.set(p.id, p.write);
  const ids = [...firstById.keys()].sort();
  const inserted = await client.query<{ id: number; segment_id: string }>(
    `INSERT INTO tolk_sources (segment_id, source_lang, source, key_hash)
     SELECT * FROM unnest($1::bytea[], $2::text[], $3::text[], $4::bigint[]) ORDER BY 1
     ON CONFLICT (segment_id) DO NOTHING RETURNING id, encode(segment_id, 'hex') AS segment_id`,
    [ids.map(idBytes), ids.map((id) => firstById.get(id)!.sourceLanguage), ids.map((id) => firstById.get(id)!.source), ids.map((id) => textKeyHash(firstById.get(id)!.source))],
  );
  if (inserted.rows.length) {
    await words.post(
      client,
      inserted.rows.map((r) => {
        const source = firstById.get(r.segment_id)!.source;
        return { sourceId: r.id, words: queryWords(source), tokens: tokenCount(fuzzyTokens(source).length) };
      }),
    );
  }
  const idRows = await client.query<{ id: number; segment_id: string }>(
    `SELECT id, encode(segment_id, 'hex') AS segment_id FROM tolk_sources WHERE segment_id = ANY($1::bytea[])`,
    [ids.map(idBytes)],
  );
  const sourceIds = new Map(idRows.rows.map((r) => [r.segment_id, r.id]));

  // Where segments occur.
  const occurrences = new Set<string>();
  for (const p of prepared) {
    const sid = sourceIds.get(p.id)!;
    for (const article of [...(p.write.article ? [p.write.article] : []), ...(p.write.articles ?? [])]) occurrences.add(`${sid}\n${article}`);
  }
  if (occurrences.size) {
    const pairs = [...occurrences].map((o) => o.split('\n') as [string, string]).sort((a, b) => Number(a[0]) - Number(b[0]) || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
    await client.query(
      `INSERT INTO tolk_occurrences (source_id, article) SELECT * FROM unnest($1::integer[], $2::text[]) ON CONFLICT DO NOTHING`,
      [pairs.map((p) => Number(p[0])), pairs.map((p) => p[1])],
    );
  }

  // Units, in rounds: a statement may touch a row once, and a batch may write one unit twice (applied in order).
  const rounds: Prepared[][] = [];
  const seen = new Map<string, number>();
  for (const p of prepared) {
    const key = `${p.id}\n${p.write.targetLanguage}`;
    const round = seen.get(key) ?? 0;
    seen.set(key, round + 1);
    (rounds[round] ??= []).push(p);
  }
  for (const round of rounds) {
    round.sort((a, b) => sourceIds.get(a.id)! - sourceIds.get(b.id)! || (a.write.targetLanguage < b.write.targetLanguage ? -1 : 1));
    const col = <T>(f: (p: Prepared) => T): T[] => round.map(f);
    const { rows } = await client.query<{ source_id: number; target_lang: string; inserted: boolean }>(
      `INSERT INTO tolk_units AS u (source_id, target_lang, target, origin, status, rank, created_at, updated_at, violations, previous_target, previous_origin)
       SELECT * FROM unnest($1::integer[], $2::text[], $3::text[], $4::text[], $5::text[], $6::smallint[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
       ${UNIT_CONFLICT}
       RETURNING u.source_id, u.target_lang, (xmax = 0) AS inserted`,
      [col((p) => sourceIds.get(p.id)!), ...unitColumns(col((p) => p.write), now)],
    );
    const done = new Set<string>();
    for (const row of rows) {
      done.add(`${row.source_id}\n${row.target_lang}`);
      if (row.inserted) result.inserted++;
      else result.updated++;
    }
    const rest = round.filter((p) => !done.has(`${sourceIds.get(p.id)}\n${p.write.targetLanguage}`));
    if (rest.length === 0) continue;
    // Rows the statement left alone stay locked until commit: what we read now is what it decided on.
    const existing = await client.query<{ source_id: number; target_lang: string; target: string; status: Status; origin: string }>(
      `SELECT u.source_id, u.target_lang, u.target, u.status, u.origin FROM tolk_units u
       JOIN unnest($1::integer[], $2::text[]) AS k (source_id, target_lang) ON u.source_id = k.source_id AND u.target_lang = k.target_lang`,
      [rest.map((p) => sourceIds.get(p.id)!), rest.map((p) => p.write.targetLanguage)],
    );
    const byKey = new Map(existing.rows.map((r) => [`${r.source_id}\n${r.target_lang}`, r]));
    for (const p of rest) countLeftAlone(result, p.id, p.write, byKey.get(`${sourceIds.get(p.id)}\n${p.write.targetLanguage}`));
  }
}

/**
 * A statement outside the writer's transaction, on a pooled connection of its own; with a `name`, prepared once per
 * connection (node-postgres named statements) instead of parsed and planned each time.
 */
export type OutsideQuery = <R extends pg.QueryResultRow>(sql: string, values: unknown[], name?: string) => Promise<pg.QueryResult<R>>;

/**
 * Postings of newly stored sources, and their document frequencies, without
 * making concurrent writers wait for each other: every batch shares common
 * words ("de", "het"), so neither a new word's row nor its count may be
 * locked inside a writer's transaction (eight workers storing at once queued
 * one behind the other, 50 ms each). New words are inserted before, in a
 * statement of their own (a word without postings only costs a fuzzy query
 * an empty index probe); the counts are raised after COMMIT, gathered over
 * the writes of a second, in one short transaction (`raiseWordCounts`).
 * A writer killed before that leaves its words counted a little low: they
 * look rarer to the fuzzy search, which only orders candidates by it.
 */
export class WordCounts {
  readonly #df = new Map<string, number>();
  readonly #ids: Map<string, number>;
  readonly #outside: OutsideQuery;

  /** `ids`: word → id, shared by the store's writes (a word's id never changes). */
  constructor(ids: Map<string, number>, outside: OutsideQuery) {
    this.#ids = ids;
    this.#outside = outside;
  }

  async post(client: pg.PoolClient, sources: Array<{ sourceId: number; words: string[]; tokens: number }>): Promise<void> {
    for (const { words } of sources) for (const word of words) this.#df.set(word, (this.#df.get(word) ?? 0) + 1);
    await knowWords(this.#outside, sources.map((s) => s.words), this.#ids);
    const wordCol: number[] = [];
    const sourceCol: number[] = [];
    const tokensCol: number[] = [];
    for (const { sourceId, words, tokens } of sources) {
      for (const word of words) {
        wordCol.push(this.#ids.get(word)!);
        sourceCol.push(sourceId);
        tokensCol.push(tokens);
      }
    }
    await client.query('INSERT INTO tolk_postings (word_id, source_id, tokens) SELECT * FROM unnest($1::integer[], $2::integer[], $3::smallint[])', [
      wordCol,
      sourceCol,
      tokensCol,
    ]);
  }

  /** How many of the sources this writer stored hold each word: raised after COMMIT by `raiseWordCounts`. */
  get counts(): ReadonlyMap<string, number> {
    return this.#df;
  }
}

/** Ids of words not seen before, inserted outside the writer's transaction (see `WordCounts`) and remembered in `ids`. */
export async function knowWords(outside: OutsideQuery, lists: Iterable<readonly string[]>, ids: Map<string, number>): Promise<void> {
  const unknown = new Set<string>();
  for (const words of lists) for (const word of words) if (!ids.has(word)) unknown.add(word);
  if (unknown.size === 0) return;
  const list = [...unknown].sort();
  // One round trip: the words missing from the table are inserted, and every word's id comes back. A word another
  // writer committed after this statement began is neither inserted (the conflict) nor visible to it: read again.
  const { rows } = await outside<{ id: number; word: string }>(
    `WITH wanted AS (SELECT unnest($1::text[]) AS word),
     added AS (
       INSERT INTO tolk_words (word, df)
       SELECT word, 0 FROM wanted WHERE NOT EXISTS (SELECT 1 FROM tolk_words t WHERE t.word = wanted.word)
       ORDER BY 1 ON CONFLICT (word) DO NOTHING RETURNING id, word)
     SELECT id, word FROM added UNION ALL SELECT t.id, t.word FROM tolk_words t JOIN wanted USING (word)`,
    [list],
  );
  for (const row of rows) ids.set(row.word, row.id);
  const late = list.filter((word) => !ids.has(word));
  if (late.length === 0) return;
  const again = await outside<{ id: number; word: string }>('SELECT id, word FROM tolk_words WHERE word = ANY($1::text[])', [late]);
  for (const row of again.rows) ids.set(row.word, row.id);
  const lost = late.filter((word) => !ids.has(word)).length;
  if (lost) throw new Error(`the word table lost ${lost} words while they were written`);
}

/**
 * Raises word counts in one short transaction of its own that locks the rows
 * in word order (two writers wait for each other briefly instead of
 * deadlocking).
 */
export async function raiseWordCounts(connect: () => Promise<pg.PoolClient>, counts: ReadonlyMap<string, number>): Promise<void> {
  if (counts.size === 0) return;
  const words = [...counts.keys()].sort();
  const client = await connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT 1 FROM tolk_words WHERE word = ANY($1::text[]) ORDER BY word FOR NO KEY UPDATE', [words]);
    await client.query('UPDATE tolk_words w SET df = w.df + d.n FROM unnest($1::text[], $2::integer[]) AS d (word, n) WHERE w.word = d.word', [
      words,
      words.map((w) => counts.get(w)!),
    ]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/**
 * Word counts of the writes of the last second, raised in one
 * transaction: a worker storing forty answers a second pays for one, not
 * forty. While the server is away they wait for the next round; counts that
 * never rise (the process killed) only make words look rarer to the fuzzy
 * search.
 */
export class PendingWordCounts {
  readonly #counts = new Map<string, number>();
  readonly #connect: () => Promise<pg.PoolClient>;
  #timer: NodeJS.Timeout | undefined;
  #raising: Promise<void> = Promise.resolve();

  constructor(connect: () => Promise<pg.PoolClient>) {
    this.#connect = connect;
  }

  add(counts: ReadonlyMap<string, number>): void {
    for (const [word, n] of counts) this.#counts.set(word, (this.#counts.get(word) ?? 0) + n);
    if (this.#timer || this.#counts.size === 0) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#raise();
    }, 1000);
    this.#timer.unref();
  }

  /** Raises what is pending now. */
  async settle(): Promise<void> {
    this.stop();
    await this.#raise();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  async #raise(): Promise<void> {
    await this.#raising;
    if (this.#counts.size === 0) return;
    const counts = new Map(this.#counts);
    this.#counts.clear();
    this.#raising = raiseWordCounts(this.#connect, counts).catch(() => this.add(counts));
    await this.#raising;
  }
}
