import { describe, expect, it } from 'vitest';
import { SeenSegments } from '../../src/pipeline/seen-segments.js';

describe('seen segments', () => {
  it('seen: one id, a bit per language, languages apart; beyond 32 languages too', () => {
    const seen = new SeenSegments();
    seen.add('a', 0);
    seen.add('a', 31);
    expect([0, 1, 31].map((l) => seen.has('a', l))).toEqual([true, false, true]);
    seen.add('a', 40);
    expect([0, 31, 32, 40, 41].map((l) => seen.has('a', l))).toEqual([true, true, false, true, false]);
    seen.add('b', 33);
    expect([0, 1, 33].map((l) => seen.has('b', l))).toEqual([false, false, true]);
    expect(seen.has('c', 0)).toBe(false);
  });
});
