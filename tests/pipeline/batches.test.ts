import { describe, expect, it } from 'vitest';
import { batches } from '../../src/pipeline/batches.js';

describe('batches', () => {
  it('batches: split by segment count and by characters', () => {
    const items = Array.from({ length: 7 }, (_, i) => [`id${i}`, 'x'.repeat(10)] as [string, string]);
    expect([...batches(items, { maxSegments: 3, maxCharacters: 1000 })].map((b) => b.length)).toEqual([3, 3, 1]);
    expect([...batches(items, { maxSegments: 50, maxCharacters: 25 })].map((b) => b.length)).toEqual([2, 2, 2, 1]);
    // A segment longer than the limit still goes, alone.
    expect([...batches([['a', 'x'.repeat(100)] as [string, string]], { maxSegments: 5, maxCharacters: 10 })]).toHaveLength(1);
  });
  it('batches: with a group, a request also ends where the group (the article) changes', () => {
    const items = ['a1', 'a2', 'b1', 'b2', 'b3', 'c1'].map((id) => [id, 'x'] as [string, string]);
    const article = (id: string) => id[0]!;
    expect([...batches(items, { maxSegments: 2, maxCharacters: 1000 }, article)].map((b) => b.map(([id]) => id))).toEqual([['a1', 'a2'], ['b1', 'b2'], ['b3'], ['c1']]);
    expect([...batches(items, { maxSegments: 50, maxCharacters: 1000 })]).toHaveLength(1);
  });
});
