import type { FuzzyMatch, Status } from './store.js';
/**
 * Fuzzy similarity as OmegaT computes it: token edit distance turned into
 * 100 * (maxLen - distance) / maxLen. Words, numbers, punctuation and
 * placeholder tags are all tokens, so a changed number or a lost tag costs.
 */
const TOKEN = /<\/?\d+\/?>|[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)*|[^\s\p{L}\p{M}\p{N}]/gu;

export function fuzzyTokens(tagged: string): string[] {
  return tagged.normalize('NFC').match(TOKEN) ?? [];
}

/** Levenshtein distance over tokens; stops early once `limit` is certainly exceeded. */
export function tokenDistance(a: readonly string[], b: readonly string[], limit = Infinity): number {
  if (a.length < b.length) [a, b] = [b, a];
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  let current = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return rowMin;
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** Score 0-100 between two tagged strings (or their token lists). */
export function fuzzyScore(a: string | readonly string[], b: string | readonly string[], threshold = 0): number {
  const ta = typeof a === 'string' ? fuzzyTokens(a) : a;
  const tb = typeof b === 'string' ? fuzzyTokens(b) : b;
  const maxLen = Math.max(ta.length, tb.length);
  if (maxLen === 0) return 100;
  // A score below the threshold needs more than this many edits; no need to count further.
  const limit = Math.floor(maxLen - (threshold * maxLen) / 100) + 1;
  if (Math.abs(ta.length - tb.length) > limit) return Math.floor((100 * (maxLen - Math.abs(ta.length - tb.length))) / maxLen);
  const distance = tokenDistance(ta, tb, limit);
  return Math.max(0, Math.floor((100 * (maxLen - distance)) / maxLen));
}

/**
 * The token lengths a text can have and still score `threshold` against one
 * of `tokens` tokens: every token of difference is an edit, so the shorter of
 * the two must hold at least `threshold` % of the longer's tokens.
 */
export function lengthBand(tokens: number, threshold: number): [min: number, max: number] {
  if (threshold <= 0) return [0, Number.MAX_SAFE_INTEGER];
  // The small epsilon keeps exact quotients (75 % of 4 is 3) from rounding the wrong way.
  return [Math.ceil((tokens * threshold) / 100 - 1e-9), Math.floor((tokens * 100) / threshold + 1e-9)];
}

/** A stored candidate for a fuzzy query, as both stores read it from their tables. */
export interface FuzzyCandidate {
  segment_id: string;
  source: string;
  target: string;
  origin: string;
  status: Status;
}

/**
 * The last step of every store's fuzzy search: tolk's own OmegaT score over
 * the candidates a store found, those at or above the threshold, best first
 * (segment id breaks ties), at most `limit` — so both stores rank alike.
 */
export function rankCandidates(source: string, rows: readonly FuzzyCandidate[], threshold: number, limit: number): FuzzyMatch[] {
  const tokens = fuzzyTokens(source);
  return rows
    .map((row) => ({
      score: fuzzyScore(tokens, fuzzyTokens(row.source), threshold),
      segmentId: row.segment_id.toLowerCase(),
      source: row.source,
      target: row.target,
      origin: row.origin,
      status: row.status,
    }))
    .filter((m) => m.score >= threshold)
    .sort((a, b) => b.score - a.score || a.segmentId.localeCompare(b.segmentId))
    .slice(0, limit);
}
