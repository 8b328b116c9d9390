import type pg from 'pg';
import { segmentId } from '../../tagged/index.js';
import { fuzzyTokens } from '../fuzzy-score.js';
import { type MemoryWrite, type Status, type WriteResult } from '../store.js';
import { textKeyHash } from '../text-key.js';
import { refusal } from '../write-rules.js';
import { idBytes, queryWords, tokenCount } from './pg-keys.js';
import { UNIT_CONFLICT, unitValues } from './pg-write.js';

/** Writes sent to the staging table per statement. */
const STAGE_BATCH = 5_000;
/** Refused writes read back per FETCH (a merge may refuse a whole memory). */
const FETCH = 10_000;

const STAGE_COLUMNS: Array<[string, string]> = [
  ['seq', 'integer'],
  ['segment_id', 'bytea'],
  ['source_lang', 'text'],
  ['source', 'text'],
  ['key_hash', 'bigint'],
  ['tokens', 'smallint'],
  // The fuzzy words of the source, space-separated (words are letters and digits only).
  ['words', 'text'],
  // Articles, one per line.
  ['articles', 'text'],
  ['target_lang', 'text'],
  ['target', 'text'],
  ['origin', 'text'],
  ['status', 'text'],
  ['rank', 'smallint'],
  ['created_at', 'text'],
  ['updated_at', 'text'],
  ['violations', 'text'],
  ['previous_target', 'text'],
  ['previous_origin', 'text'],
];

const SOURCE_OF = 'JOIN tolk_sources s ON s.segment_id = st.segment_id';

/**
 * An all-or-nothing stream of writes (imports, `tm copy`) inside the caller's
 * transaction: the stream goes into a temporary staging table in large
 * batches, then a handful of set-based statements merge it — sources, words
 * and their counts, postings (inserted in key order, one pass over the
 * index), occurrences, and the units through the same `ON CONFLICT … DO
 * UPDATE … WHERE` rank rule as every other write, so the status rules stay
 * inside the statement. A unit written twice in one stream is applied in
 * stream order (one round per repeat). Locks are taken in the same orders as
 * `applyBatch` (sources by id, words by word, units by source and language).
 */
export async function bulkWrite(client: pg.PoolClient, writes: AsyncIterable<MemoryWrite>): Promise<WriteResult> {
  const result: WriteResult = { inserted: 0, updated: 0, unchanged: 0, skipped: [] };
  await client.query(
    `CREATE TEMPORARY TABLE tolk_stage (${STAGE_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')}, round integer NOT NULL DEFAULT 1) ON COMMIT DROP`,
  );
  const staged = await stage(client, writes);
  if (staged === 0) return result;
  // The merge reads and writes the whole stream at once: no per-statement limit (the stream itself was bounded).
  await client.query("SET LOCAL statement_timeout = 0; SET LOCAL work_mem = '64MB'");
  await client.query('ANALYZE tolk_stage');
  await client.query(
    `UPDATE tolk_stage t SET round = d.n FROM (
       SELECT seq, row_number() OVER (PARTITION BY segment_id, target_lang ORDER BY seq) AS n FROM tolk_stage) d
     WHERE d.seq = t.seq AND d.n > 1`,
  );

  // Sources new to the memory, with the words and length of their first write.
  await client.query(`
    CREATE TEMPORARY TABLE tolk_stage_new ON COMMIT DROP AS
    WITH firsts AS MATERIALIZED (
      SELECT DISTINCT ON (segment_id) segment_id, source_lang, source, key_hash, tokens, words FROM tolk_stage ORDER BY segment_id, seq
    ), inserted AS (
      INSERT INTO tolk_sources (segment_id, source_lang, source, key_hash)
      SELECT segment_id, source_lang, source, key_hash FROM firsts ORDER BY segment_id
      ON CONFLICT (segment_id) DO NOTHING RETURNING id, segment_id
    )
    SELECT i.id, f.tokens, f.words FROM inserted i JOIN firsts f ON f.segment_id = i.segment_id`);
  // Words new to the memory first, then each posting with its word's id (one join for counts and postings).
  await client.query(`
    INSERT INTO tolk_words (word, df)
    SELECT DISTINCT w.word, 0 FROM tolk_stage_new n CROSS JOIN LATERAL unnest(string_to_array(n.words, ' ')) AS w (word)
    WHERE n.words <> '' ORDER BY 1 ON CONFLICT (word) DO NOTHING`);
  await client.query(`
    CREATE TEMPORARY TABLE tolk_stage_words ON COMMIT DROP AS
    SELECT t.id AS word_id, n.tokens, n.id AS source_id
    FROM tolk_stage_new n CROSS JOIN LATERAL unnest(string_to_array(n.words, ' ')) AS w (word) JOIN tolk_words t ON t.word = w.word
    WHERE n.words <> ''`);
  // Each word's count raised once, its row locked in word order first (as every writer does).
  await client.query('CREATE TEMPORARY TABLE tolk_stage_df ON COMMIT DROP AS SELECT word_id, count(*)::integer AS n FROM tolk_stage_words GROUP BY 1');
  await client.query('SELECT 1 FROM tolk_words t WHERE t.id IN (SELECT word_id FROM tolk_stage_df) ORDER BY t.word FOR UPDATE');
  await client.query('UPDATE tolk_words t SET df = t.df + d.n FROM tolk_stage_df d WHERE t.id = d.word_id');
  await client.query('INSERT INTO tolk_postings (word_id, tokens, source_id) SELECT word_id, tokens, source_id FROM tolk_stage_words ORDER BY 1, 2, 3');

  await client.query(`
    INSERT INTO tolk_occurrences (source_id, article)
    SELECT DISTINCT s.id, a.article FROM tolk_stage st ${SOURCE_OF}
      CROSS JOIN LATERAL unnest(string_to_array(st.articles, E'\\n')) AS a (article)
    WHERE st.articles IS NOT NULL ORDER BY 1, 2 ON CONFLICT DO NOTHING`);

  const { rows } = await client.query<{ rounds: number }>('SELECT max(round) AS rounds FROM tolk_stage');
  const refused: Refused[] = [];
  for (let round = 1; round <= rows[0]!.rounds; round++) await mergeUnits(client, round, result, refused);
  // Reported in stream order, as a batched write reports them.
  refused.sort((a, b) => a[0] - b[0]);
  for (const [, skip] of refused) result.skipped.push(skip);
  await client.query('DROP TABLE tolk_stage, tolk_stage_new, tolk_stage_words, tolk_stage_df');
  return result;
}

/** The stream into the staging table; returns how many writes it held. */
async function stage(client: pg.PoolClient, writes: AsyncIterable<MemoryWrite>): Promise<number> {
  const insert = `INSERT INTO tolk_stage (${STAGE_COLUMNS.map(([name]) => name).join(', ')})
    SELECT * FROM unnest(${STAGE_COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})`;
  const now = new Date().toISOString();
  let seq = 0;
  let columns: unknown[][] = STAGE_COLUMNS.map(() => []);
  // A source written again in the same batch needs no second copy of its text and words.
  let sent = new Set<string>();
  // One batch in flight while the next is read and prepared: the server inserts while Node reads.
  let inFlight: Promise<unknown> = Promise.resolve();
  const flush = async () => {
    await inFlight;
    if (columns[0]!.length) {
      inFlight = client.query(insert, columns);
      // A stream that fails meanwhile leaves it unawaited: its failure must not become an unhandled rejection.
      inFlight.catch(() => {});
    }
    columns = STAGE_COLUMNS.map(() => []);
    sent = new Set();
  };
  for await (const write of writes) {
    const id = (write.segmentId ?? segmentId(write.sourceLanguage, write.source)).toLowerCase();
    const first = !sent.has(id);
    sent.add(id);
    const articles = [...(write.article ? [write.article] : []), ...(write.articles ?? [])];
    const row = [
      ++seq,
      idBytes(id),
      write.sourceLanguage,
      first ? write.source : null,
      first ? textKeyHash(write.source) : null,
      first ? tokenCount(fuzzyTokens(write.source).length) : null,
      first ? queryWords(write.source).join(' ') : null,
      articles.length ? articles.join('\n') : null,
      ...unitValues(write, now),
    ];
    for (let i = 0; i < row.length; i++) columns[i]!.push(row[i]);
    if (columns[0]!.length >= STAGE_BATCH) await flush();
  }
  await flush();
  await inFlight;
  return seq;
}

/**
 * One round of units: one statement applies every write the rank rule allows.
 * Each of the others found either the same text and status (kept) or a unit
 * the rules protect (refused: only those are read back, with why).
 */
type Refused = [seq: number, skip: WriteResult['skipped'][number]];

async function mergeUnits(client: pg.PoolClient, round: number, result: WriteResult, refusedList: Refused[]): Promise<void> {
  const counts = await client.query<{ written: string; inserted: string; total: string }>(
    `WITH done AS (
       INSERT INTO tolk_units AS u (source_id, target_lang, target, origin, status, rank, created_at, updated_at, violations, previous_target, previous_origin)
       SELECT s.id, st.target_lang, st.target, st.origin, st.status, st.rank, st.created_at, st.updated_at, st.violations, st.previous_target, st.previous_origin
       FROM tolk_stage st ${SOURCE_OF} WHERE st.round = $1 ORDER BY s.id, st.target_lang
       ${UNIT_CONFLICT}
       RETURNING (xmax = 0) AS inserted
     )
     SELECT count(*) AS written, count(*) FILTER (WHERE inserted) AS inserted, (SELECT count(*) FROM tolk_stage WHERE round = $1) AS total FROM done`,
    [round],
  );
  const { written, inserted, total } = counts.rows[0]!;
  result.inserted += Number(inserted);
  result.updated += Number(written) - Number(inserted);
  // Rows the statement left alone stay locked until commit: what is read now is what it decided on. A row it
  // wrote now holds that write's text and status, so the ones that differ are exactly the refused.
  await client.query(
    `DECLARE tolk_refused NO SCROLL CURSOR FOR
     SELECT st.seq, encode(st.segment_id, 'hex') AS segment_id, st.target_lang, st.status, u.status AS had, u.origin
     FROM tolk_stage st ${SOURCE_OF} JOIN tolk_units u ON u.source_id = s.id AND u.target_lang = st.target_lang
     WHERE st.round = ${round} AND NOT (u.target = st.target AND u.status = st.status)`,
  );
  let refused = 0;
  for (;;) {
    const { rows } = await client.query<{ seq: number; segment_id: string; target_lang: string; status: Status; had: Status; origin: string }>(`FETCH ${FETCH} FROM tolk_refused`);
    for (const row of rows) {
      const reason = refusal({ status: row.had, origin: row.origin }, row.status) ?? `refused over a ${row.had} one (${row.origin})`;
      refusedList.push([row.seq, { segmentId: row.segment_id, targetLanguage: row.target_lang, reason }]);
    }
    refused += rows.length;
    if (rows.length < FETCH) break;
  }
  await client.query('CLOSE tolk_refused');
  result.unchanged += Number(total) - Number(written) - refused;
}
