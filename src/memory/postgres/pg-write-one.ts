import { segmentId } from '../../tagged/index.js';
import { fuzzyTokens } from '../fuzzy-score.js';
import { type MemoryWrite, type Status, type WriteResult } from '../store.js';
import { textKeyHash } from '../text-key.js';
import { idBytes, queryWords, tokenCount } from './pg-keys.js';
import { countLeftAlone, knowWords, UNIT_CONFLICT, unitColumns, type OutsideQuery } from './pg-write.js';

/**
 * A small write (one job's answers) as a single statement: sources, postings,
 * occurrences and units in one round trip, atomic as a statement is, instead
 * of a transaction of seven. Eight workers storing at once on a two-core
 * machine waited 2–5 ms for each statement, so a 50-segment store took
 * 27–41 ms (median), while the engine slot it had just freed sat idle.
 *
 * Sources are upserted (`DO UPDATE` setting `key_hash` to itself) so the
 * statement returns the id of every source, a concurrent writer's too: a plain
 * `DO NOTHING` returns only new rows, and a row another writer committed after
 * this statement began is invisible to a second look inside it. The column set
 * is not in a unique index, so the row lock is `FOR NO KEY UPDATE`, which the
 * foreign-key checks of other writers' units and occurrences (`FOR KEY SHARE`)
 * do not wait for (setting `segment_id` took `FOR UPDATE`: a writer then waited
 * for an import holding one of its sources). Postings go only to sources this
 * statement inserted (`xmax = 0`).
 *
 * `query` runs each statement on a pooled connection, outside any transaction;
 * this one is prepared once per connection (`tolk-write-one`), not planned per job.
 * Not for a batch that writes one unit twice: a statement may touch a row
 * once; those go through `applyBatch` in a transaction (`undefined` here).
 * The writes the statement left alone come back as `rest`, for `classifyRest`:
 * the statement has committed by then, so a retry must not run it again.
 */
export async function writeInOneStatement(
  query: OutsideQuery,
  writes: readonly MemoryWrite[],
  wordIds: Map<string, number>,
): Promise<{ result: WriteResult; counts: Map<string, number>; rest: LeftAlone[] } | undefined> {
  const ids = writes.map(idOf);
  if (touchesUnitTwice(ids, writes)) return undefined;
  const sources = await sourceParameters(query, writes, wordIds);
  const now = new Date().toISOString();

  const { rows } = await query<{ segment_id: string; target_lang: string | null; inserted: boolean | null }>(
    `${SOURCE_STEPS},
     written AS (
       INSERT INTO tolk_units AS u (source_id, target_lang, target, origin, status, rank, created_at, updated_at, violations, previous_target, previous_origin)
       SELECT src.id, w.target_lang, w.target, w.origin, w.status, w.rank, w.created_at, w.updated_at, w.violations, w.previous_target, w.previous_origin
       FROM unnest($10::integer[], $11::text[], $12::text[], $13::text[], $14::text[], $15::smallint[], $16::text[], $17::text[], $18::text[], $19::text[], $20::text[])
         AS w (place, target_lang, target, origin, status, rank, created_at, updated_at, violations, previous_target, previous_origin)
       JOIN src ON src.place = w.place
       ORDER BY 1, 2
       ${UNIT_CONFLICT}
       RETURNING u.source_id, u.target_lang, (u.xmax = 0) AS inserted)
     SELECT encode(src.segment_id, 'hex') AS segment_id, written.target_lang, written.inserted
     FROM written JOIN src ON src.id = written.source_id
     UNION ALL
     SELECT encode(src.segment_id, 'hex'), NULL, NULL FROM src WHERE src.fresh`,
    [...sources.values, ids.map((id) => sources.place.get(id)!), ...unitColumns(writes, now)],
    'tolk-write-one',
  );

  const counts = new Map<string, number>();
  const written: Array<{ key: string; inserted: boolean }> = [];
  for (const row of rows) {
    if (row.target_lang === null) for (const word of sources.words.get(row.segment_id)!) counts.set(word, (counts.get(word) ?? 0) + 1);
    else written.push({ key: `${row.segment_id}\n${row.target_lang}`, inserted: row.inserted! });
  }
  return { ...tally(writes, ids, ids, written), counts };
}

/**
 * The part of a job's write that depends on its sources alone, stored while
 * the engine works (`MemoryStore.prepare`): the sources and the postings of
 * the new ones. A source without units is in no read's answer (every read
 * joins units), as a source translated into other languages only is today;
 * where it occurs is written with its translation. Returns each source's row
 * id by segment id, and the word counts of the sources it added.
 */
export async function prepareSources(
  query: OutsideQuery,
  sources: ReadonlyArray<Pick<MemoryWrite, 'sourceLanguage' | 'source' | 'segmentId'>>,
  wordIds: Map<string, number>,
): Promise<{ ids: Map<string, number>; counts: Map<string, number>; file: string }> {
  // No articles: occurrences go with the units.
  const params = await sourceParameters(
    query,
    sources.map((s) => ({ sourceLanguage: s.sourceLanguage, source: s.source, ...(s.segmentId ? { segmentId: s.segmentId } : {}) })),
    wordIds,
  );
  const { rows } = await query<{ segment_id: string; id: number; fresh: boolean; file: string }>(
    `${SOURCE_STEPS} SELECT encode(src.segment_id, 'hex') AS segment_id, src.id, src.fresh, ${SOURCES_FILE} AS file FROM src`,
    params.values,
    'tolk-prepare',
  );
  const ids = new Map<string, number>();
  const counts = new Map<string, number>();
  for (const row of rows) {
    ids.set(row.segment_id, row.id);
    if (row.fresh) for (const word of params.words.get(row.segment_id)!) counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return { ids, counts, file: rows[0]?.file ?? '' };
}

/**
 * The file that holds the sources table, as text: it changes when the table
 * is emptied (TRUNCATE) or made anew (a restore), the only ways a row id could
 * come to name another source. Read from the catalog, not from the table: a
 * join with the table was planned, once and for good, as a scan of all of it.
 */
const SOURCES_FILE = "pg_relation_filenode('tolk_sources')::text";

/**
 * A job's answers whose sources `prepareSources` stored (their row ids in
 * `prepared`, with the sources table's file then): the articles they occur in
 * and the units, in one statement. The statement first checks that the table
 * is still that file (a memory emptied or restored under a running worker
 * gives ids out again) and writes nothing when it is not: `'stale'`. Undefined when a write's
 * source was not prepared, or a unit comes twice. What is left for the
 * read-back comes back as `rest`, as from `writeInOneStatement`.
 */
export async function writePreparedUnits(
  query: OutsideQuery,
  writes: readonly MemoryWrite[],
  prepared: { ids: ReadonlyMap<string, number>; file: string },
): Promise<{ result: WriteResult; rest: LeftAlone[] } | 'stale' | undefined> {
  const ids = writes.map(idOf);
  const sourceIds = ids.map((id) => prepared.ids.get(id));
  if (sourceIds.includes(undefined) || touchesUnitTwice(ids, writes)) return undefined;
  const occurrence = occurrenceColumns(writes, ids, (i) => sourceIds[i]!);
  const { rows } = await query<{ source_id: number | null; target_lang: string | null; inserted: boolean | null }>(
    `WITH checked AS (SELECT ${SOURCES_FILE} = $1 AS ok),
     occurred AS (
       INSERT INTO tolk_occurrences (source_id, article)
       SELECT * FROM unnest($2::integer[], $3::text[]) WHERE (SELECT ok FROM checked)
       ORDER BY 1, 2 ON CONFLICT DO NOTHING),
     written AS (
       INSERT INTO tolk_units AS u (source_id, target_lang, target, origin, status, rank, created_at, updated_at, violations, previous_target, previous_origin)
       SELECT * FROM unnest($4::integer[], $5::text[], $6::text[], $7::text[], $8::text[], $9::smallint[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
       WHERE (SELECT ok FROM checked)
       ORDER BY 1, 2
       ${UNIT_CONFLICT}
       RETURNING u.source_id, u.target_lang, (u.xmax = 0) AS inserted)
     SELECT * FROM written
     UNION ALL
     SELECT NULL, NULL, NULL WHERE NOT (SELECT ok FROM checked)`,
    [
      prepared.file,
      occurrence.sources,
      occurrence.articles,
      sourceIds as number[],
      ...unitColumns(writes, new Date().toISOString()),
    ],
    'tolk-write-units',
  );
  if (rows.some((row) => row.source_id === null)) return 'stale';
  return tally(
    writes,
    ids,
    sourceIds.map(String),
    rows.map((row) => ({ key: `${row.source_id}\n${row.target_lang}`, inserted: row.inserted! })),
  );
}

/** Whether two writes name the same unit: a statement may touch a row once. */
function touchesUnitTwice(ids: readonly string[], writes: readonly MemoryWrite[]): boolean {
  return new Set(writes.map((w, i) => `${ids[i]}\n${w.targetLanguage}`)).size < writes.length;
}

/**
 * A statement's units counted as inserted or updated (`written`, keyed by
 * source and target language as its rows name them; `sources[i]` names write
 * i's source the same way), and the writes it left alone, for `classifyRest`.
 */
function tally(
  writes: readonly MemoryWrite[],
  ids: readonly string[],
  sources: readonly string[],
  written: ReadonlyArray<{ key: string; inserted: boolean }>,
): { result: WriteResult; rest: LeftAlone[] } {
  const result: WriteResult = { inserted: 0, updated: 0, unchanged: 0, skipped: [] };
  for (const row of written) {
    if (row.inserted) result.inserted++;
    else result.updated++;
  }
  const done = new Set(written.map((row) => row.key));
  const rest = writes.flatMap((write, i) => (done.has(`${sources[i]}\n${write.targetLanguage}`) ? [] : [{ write, id: ids[i]! }]));
  return { result, rest };
}

/** Each (source, article) the writes name, once, as columns; `sourceOf(i)` is write i's source as the statement names it. */
function occurrenceColumns(writes: readonly SourceToStore[], ids: readonly string[], sourceOf: (i: number) => number): { sources: number[]; articles: string[] } {
  const columns = { sources: [] as number[], articles: [] as string[] };
  const seen = new Set<string>();
  writes.forEach((write, i) => {
    for (const article of articlesOf(write)) {
      if (seen.has(`${ids[i]}\n${article}`)) continue;
      seen.add(`${ids[i]}\n${article}`);
      columns.sources.push(sourceOf(i));
      columns.articles.push(article);
    }
  });
  return columns;
}

/** A source as `prepareSources` and the write statement store it: its text, language, id, and where it occurs. */
export type SourceToStore = Pick<MemoryWrite, 'sourceLanguage' | 'source' | 'segmentId' | 'article' | 'articles'>;

/** The segment id a write or prepared source is stored under. */
export const idOf = (w: SourceToStore): string => (w.segmentId ?? segmentId(w.sourceLanguage, w.source)).toLowerCase();

/** The articles a write says its source occurs in. */
export const articlesOf = (w: SourceToStore): string[] => [...(w.article ? [w.article] : []), ...(w.articles ?? [])];

/**
 * Sources upserted (`upserted`, `src`: id, segment_id, fresh, place, tokens),
 * postings of the fresh ones (`posted`) and occurrences (`occurred`), over
 * $1–$9 from `sourceParameters`; the statements go on from `src`.
 */
const SOURCE_STEPS = `WITH upserted AS (
       INSERT INTO tolk_sources AS s (segment_id, source_lang, source, key_hash)
       SELECT * FROM unnest($1::bytea[], $2::text[], $3::text[], $4::bigint[]) ORDER BY 1
       ON CONFLICT (segment_id) DO UPDATE SET key_hash = s.key_hash
       RETURNING s.id, s.segment_id, (s.xmax = 0) AS fresh),
     src AS (
       SELECT upserted.*, i.place, i.tokens FROM upserted
       JOIN unnest($1::bytea[], $7::smallint[]) WITH ORDINALITY AS i (segment_id, tokens, place) ON i.segment_id = upserted.segment_id),
     posted AS (
       INSERT INTO tolk_postings (word_id, source_id, tokens)
       SELECT p.word_id, src.id, src.tokens FROM unnest($5::integer[], $6::integer[]) AS p (place, word_id)
       JOIN src ON src.place = p.place AND src.fresh),
     occurred AS (
       INSERT INTO tolk_occurrences (source_id, article)
       SELECT src.id, o.article FROM unnest($8::integer[], $9::text[]) AS o (place, article) JOIN src ON src.place = o.place
       ORDER BY 1, 2 ON CONFLICT DO NOTHING)`;

/**
 * $1–$9 of `SOURCE_STEPS` for the sources of `writes` (each once, in id order),
 * their words' ids learnt first (`knowWords`); `place` is each source's place
 * in $1 (1-based), `words` its query words by segment id.
 */
async function sourceParameters(
  query: OutsideQuery,
  writes: readonly SourceToStore[],
  wordIds: Map<string, number>,
): Promise<{ values: unknown[]; place: Map<string, number>; words: Map<string, string[]> }> {
  const ids = writes.map(idOf);
  const sources = new Map<string, SourceToStore>();
  for (let i = 0; i < writes.length; i++) if (!sources.has(ids[i]!)) sources.set(ids[i]!, writes[i]!);
  const sourceIds = [...sources.keys()].sort();
  const words = new Map(sourceIds.map((id) => [id, queryWords(sources.get(id)!.source)]));
  await knowWords(query, words.values(), wordIds);

  // Postings and occurrences name their source by its place in $1 (1-based), not by its 32-byte id
  // again: a job's 700 postings' ids were most of what it sent.
  const place = new Map(sourceIds.map((id, i) => [id, i + 1]));
  const posting = { sources: [] as number[], words: [] as number[] };
  sourceIds.forEach((id, i) => {
    for (const word of words.get(id)!) {
      posting.sources.push(i + 1);
      posting.words.push(wordIds.get(word)!);
    }
  });
  const occurrence = occurrenceColumns(writes, ids, (i) => place.get(ids[i]!)!);
  return {
    values: [
      sourceIds.map(idBytes),
      sourceIds.map((id) => sources.get(id)!.sourceLanguage),
      sourceIds.map((id) => sources.get(id)!.source),
      sourceIds.map((id) => textKeyHash(sources.get(id)!.source)),
      posting.sources,
      posting.words,
      sourceIds.map((id) => tokenCount(fuzzyTokens(sources.get(id)!.source).length)),
      occurrence.sources,
      occurrence.articles,
    ],
    place,
    words,
  };
}

/** A write the statement neither inserted nor updated, with its segment id. */
export interface LeftAlone {
  write: MemoryWrite;
  id: string;
}

/**
 * Writes the statement left alone: unchanged, or refused by the status rules
 * (and why). Read after the statement, so a unit another writer changed in
 * between is judged against its newer text; what was stored is right either
 * way, only the count it lands in could differ.
 */
export async function classifyRest(query: OutsideQuery, rest: readonly LeftAlone[], result: WriteResult): Promise<void> {
  const { rows } = await query<{ segment_id: string; target_lang: string; target: string; status: Status; origin: string }>(
    `SELECT encode(s.segment_id, 'hex') AS segment_id, u.target_lang, u.target, u.status, u.origin
     FROM unnest($1::bytea[], $2::text[]) AS k (segment_id, target_lang)
     JOIN tolk_sources s ON s.segment_id = k.segment_id JOIN tolk_units u ON u.source_id = s.id AND u.target_lang = k.target_lang`,
    [rest.map((r) => idBytes(r.id)), rest.map((r) => r.write.targetLanguage)],
  );
  const byKey = new Map(rows.map((r) => [`${r.segment_id}\n${r.target_lang}`, r]));
  for (const { write, id } of rest) countLeftAlone(result, id, write, byKey.get(`${id}\n${write.targetLanguage}`));
}
