/**
 * chrF (Popović 2015) as sacreBLEU 2.x computes it with its defaults
 * (`CHRF(char_order=6, word_order=0, beta=2, whitespace=False,
 * eps_smoothing=False)`): whitespace removed, character n-grams of order 1–6
 * counted per sentence, the counts summed over the corpus, then precision
 * and recall averaged over the orders that occur and combined as F-beta with
 * beta = 2 (recall weighs four times precision). 0–100.
 */
export const CHAR_ORDER = 6;
export const BETA = 2;

/** Per order n = 1…6: n-grams in the hypothesis, in the reference, and matched (clipped). */
export type ChrfStats = Array<{ hyp: number; ref: number; match: number }>;

/** Python's `''.join(line.split())`: every whitespace character removed. */
const WHITESPACE = /[\s\x1c-\x1f\x85]+/gu;

/** Character n-gram counts of one order, by code point (Python slices code points, not UTF-16 units). */
function ngrams(chars: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= chars.length; i++) {
    const gram = chars.slice(i, i + n).join('');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/** The statistics of one hypothesis against one reference. */
export function sentenceStats(hypothesis: string, reference: string): ChrfStats {
  const hyp = [...hypothesis.replace(WHITESPACE, '')];
  const ref = [...reference.replace(WHITESPACE, '')];
  const stats: ChrfStats = [];
  for (let n = 1; n <= CHAR_ORDER; n++) {
    const h = ngrams(hyp, n);
    const r = ngrams(ref, n);
    let match = 0;
    for (const [gram, count] of h) match += Math.min(count, r.get(gram) ?? 0);
    stats.push({ hyp: Math.max(0, hyp.length - n + 1), ref: Math.max(0, ref.length - n + 1), match });
  }
  return stats;
}

/** sacreBLEU's `_compute_f_score` without eps smoothing: averaged precision and recall, then F-beta. */
export function chrfFromStats(stats: ChrfStats): number {
  let precision = 0;
  let recall = 0;
  let orders = 0;
  for (const { hyp, ref, match } of stats) {
    if (hyp > 0 && ref > 0) {
      precision += match / hyp;
      recall += match / ref;
      orders++;
    }
  }
  if (orders === 0) return 0;
  precision /= orders;
  recall /= orders;
  if (precision + recall === 0) return 0;
  const factor = BETA ** 2;
  return (100 * ((1 + factor) * precision * recall)) / (factor * precision + recall);
}

/** Corpus chrF: statistics summed over every sentence pair first, as `sacrebleu.corpus_chrf` does. */
export function corpusChrf(hypotheses: readonly string[], references: readonly string[]): number {
  if (hypotheses.length !== references.length) throw new Error(`chrF: ${hypotheses.length} hypotheses but ${references.length} references`);
  const total: ChrfStats = Array.from({ length: CHAR_ORDER }, () => ({ hyp: 0, ref: 0, match: 0 }));
  hypotheses.forEach((h, i) => {
    sentenceStats(h, references[i]!).forEach((s, n) => {
      total[n]!.hyp += s.hyp;
      total[n]!.ref += s.ref;
      total[n]!.match += s.match;
    });
  });
  return chrfFromStats(total);
}
