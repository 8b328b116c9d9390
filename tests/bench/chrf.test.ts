import { describe, expect, it } from 'vitest';
import { corpusChrf, sentenceStats } from '../../src/bench/chrf.js';

/**
 * Worked examples computed by hand below; each value was also checked once
 * against sacreBLEU 2.6.0 (`sacrebleu.metrics.CHRF().corpus_score`), which
 * gives the same numbers (100.0, 38.888…, 63.636…, 48.888…, 49.5527…).
 */
describe('chrF as sacreBLEU computes it (n = 6, beta = 2)', () => {
  it('chrf: identical text scores 100; orders longer than the text do not count', () => {
    // "ab": 1-grams a,b (2 of 2 match), 2-grams ab (1 of 1); orders 3–6 have no n-grams and are left out of the average.
    expect(corpusChrf(['ab'], ['ab'])).toBe(100);
  });

  it('chrf: "abc" against "abd" is 7/18 = 38.89', () => {
    // n=1: a,b,c vs a,b,d → 2 matches, P = R = 2/3; n=2: ab,bc vs ab,bd → 1, P = R = 1/2; n=3: abc vs abd → 0.
    // Averaged over the three orders that occur: P = R = (2/3 + 1/2 + 0) / 3 = 7/18; F2 of equal P and R is 7/18.
    expect(corpusChrf(['abc'], ['abd'])).toBeCloseTo((100 * 7) / 18, 10);
    expect(sentenceStats('abc', 'abd').slice(0, 3)).toEqual([
      { hyp: 3, ref: 3, match: 2 },
      { hyp: 2, ref: 2, match: 1 },
      { hyp: 1, ref: 1, match: 0 },
    ]);
  });

  it('chrf: whitespace is removed and recall weighs more than precision: "a b" against "abc" is 7/11 = 63.64', () => {
    // "a b" → "ab". n=1: 2 of 2 hypothesis grams match (P = 1), 2 of 3 reference grams (R = 2/3);
    // n=2: ab matches (P = 1), 1 of ab,bc (R = 1/2); n=3: the hypothesis has none, so only two orders count.
    // P = 1, R = (2/3 + 1/2) / 2 = 7/12; F2 = (1 + 4) P R / (4 P + R) = (35/12) / (55/12) = 7/11.
    expect(corpusChrf(['a b'], ['abc'])).toBeCloseTo((100 * 7) / 11, 10);
    // Swapped, the extra "c" costs precision only: P = (2/3 + 1/2) / 2 = 7/12, R = 1, F2 = (35/12) / (40/12) = 7/8.
    // Missing a character costs more than adding one: beta = 2 weighs recall four times.
    expect(corpusChrf(['abc'], ['a b'])).toBeCloseTo((100 * 7) / 8, 10);
  });

  it('chrf: the corpus score sums statistics before dividing, it is not the mean of sentence scores', () => {
    // n=1: (2+3) hypothesis, (2+3) reference, (2+2) matched → 4/5; n=2: 2/3; n=3: 0/1 → P = R = (4/5 + 2/3 + 0) / 3 = 22/45.
    expect(corpusChrf(['ab', 'abc'], ['ab', 'abd'])).toBeCloseTo((100 * 22) / 45, 10);
    expect((corpusChrf(['ab'], ['ab']) + corpusChrf(['abc'], ['abd'])) / 2).toBeCloseTo(69.44, 2);
  });

  it('chrf: characters are code points, as in Python (an emoji is one character, not two UTF-16 units)', () => {
    expect(sentenceStats('🏆a', '🏆a')[0]).toEqual({ hyp: 2, ref: 2, match: 2 });
    expect(corpusChrf(['🏆a'], ['🏆b'])).toBeCloseTo(corpusChrf(['xa'], ['xb']), 10);
  });

  it('chrf: a real pair of sentences gives sacreBLEU’s 49.5527', () => {
    const score = corpusChrf(['Die span het met 5-3 gewen.', 'Dit was ’n mooi wedstryd!'], ['Die span wen 5-3.', 'Dit was ’n pragtige wedstryd.']);
    expect(score).toBeCloseTo(49.55270141995255, 10);
  });
});
