import type pg from 'pg';
import { fuzzyTokens, lengthBand, rankCandidates } from '../fuzzy-score.js';
import type { FuzzyMatch, FuzzyOptions, Status } from '../store.js';
import { queryWords, tokenCount } from './pg-keys.js';

/** Postings read per query beyond the words every query reads (as in the SQLite store), and the candidates scored. */
const CANDIDATE_POSTINGS = 5_000;
const CANDIDATES = 30;
const QUERY_TERMS = 8;
/** A match holds at least one of the query's few rarest words; this many at most are read whatever they cost. */
const REQUIRED_TERMS = 3;
/** No word's postings are read past this, even inside the length band: one query cannot read a whole table. */
const WORD_POSTINGS_CAP = 20_000;

export interface FuzzyPlan {
  words: string[];
  tokens: number;
  /** Token lengths a match can have. */
  band: [number, number];
  /** The rarest words read whatever their postings cost. */
  required: number;
}

/**
 * What one fuzzy query reads. A match scoring `threshold` needs at least that
 * share of its tokens in common, so it is a text of a length in the band and,
 * since each query word it lacks costs an edit, it holds one of the query's
 * (edits allowed + 1) rarest words: those are always read (up to three, so
 * long queries stay within the budget), more while the budget allows.
 */
export function fuzzyPlan(source: string, threshold: number): FuzzyPlan {
  const tokens = fuzzyTokens(source).length;
  const [min, max] = lengthBand(tokens, threshold);
  const edits = Math.floor((Math.min(max, 32_767) * (100 - Math.max(0, threshold))) / 100);
  return { words: queryWords(source), tokens, band: [tokenCount(min), tokenCount(max)], required: Math.min(edits + 1, REQUIRED_TERMS) };
}

/**
 * Fuzzy matches from the word table in one round trip: the query's known
 * words rarest first, their postings inside the length band, the 30 sources
 * sharing the most weight of them (nearest length first among equals), then
 * tolk's own OmegaT score in Node, so both stores rank alike.
 */
export async function fuzzyQuery(query: (sql: string, values: unknown[]) => Promise<pg.QueryResult>, source: string, options: FuzzyOptions): Promise<FuzzyMatch[]> {
  const limit = options.limit ?? 5;
  const threshold = options.threshold ?? 75;
  const plan = fuzzyPlan(source, threshold);
  if (plan.words.length === 0) return [];
  const { rows } = (await query(
    `WITH known AS (
       -- A count not yet raised (a write of the last second) reads as 1: the rarest, so read first.
       SELECT id, greatest(df, 1) AS df, sum(greatest(df, 1)) OVER (ORDER BY df, id) AS running, row_number() OVER (ORDER BY df, id) AS n
       FROM tolk_words WHERE word = ANY($1::text[])
     ), chosen AS (
       -- Weights in float8: numeric ln over every posting was most of a query's time.
       SELECT id, ln(1e9::float8 / df) AS weight FROM known WHERE n <= $4 OR (n <= ${QUERY_TERMS} AND running <= ${CANDIDATE_POSTINGS})
     ), candidates AS (
       -- LATERAL: each chosen word's postings by index (the planner cannot know how few words were chosen,
       -- and a hash join over the whole postings table is what it picks otherwise).
       SELECT p.source_id, sum(c.weight) AS weight, min(p.tokens) AS tokens
       FROM chosen c CROSS JOIN LATERAL (
         SELECT source_id, tokens FROM tolk_postings WHERE word_id = c.id AND tokens BETWEEN $5 AND $6 LIMIT ${WORD_POSTINGS_CAP}
       ) p
       GROUP BY p.source_id ORDER BY weight DESC, abs(min(p.tokens) - $7), p.source_id LIMIT ${CANDIDATES}
     )
     SELECT encode(s.segment_id, 'hex') AS segment_id, s.source, u.target, u.origin, u.status
     FROM candidates c JOIN tolk_sources s ON s.id = c.source_id
     JOIN tolk_units u ON u.source_id = s.id AND u.target_lang = $3
     WHERE s.source_lang = $2`,
    [plan.words, options.sourceLanguage, options.targetLanguage, plan.required, plan.band[0], plan.band[1], plan.tokens],
  )) as pg.QueryResult<{ segment_id: string; source: string; target: string; origin: string; status: Status }>;
  return rankCandidates(source, rows, threshold, limit);
}
