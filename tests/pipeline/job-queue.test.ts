import { describe, expect, it } from 'vitest';
import { batches, createJobQueue } from '../../src/pipeline/index.js';

describe('job queue', () => {
  it('queue: never runs more than `concurrency` tasks at once', async () => {
    const queue = createJobQueue({ concurrency: 3 });
    let running = 0;
    let most = 0;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        queue.add(async () => {
          most = Math.max(most, ++running);
          await new Promise((resolve) => setImmediate(resolve));
          running--;
        }),
      ),
    );
    expect(most).toBe(3);
  });

  it('queue: an interval cap holds back starts beyond the cap within one interval', async () => {
    const queue = createJobQueue({ concurrency: 10, intervalCap: 2, interval: 60_000 });
    let started = 0;
    for (let i = 0; i < 5; i++) void queue.add(async () => void started++);
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toBe(2);
    queue.clear();
  });

  it('batches: split by segment count and by characters', () => {
    const items = Array.from({ length: 7 }, (_, i) => [`id${i}`, 'x'.repeat(10)] as [string, string]);
    expect([...batches(items, { maxSegments: 3, maxCharacters: 1000 })].map((b) => b.length)).toEqual([3, 3, 1]);
    expect([...batches(items, { maxSegments: 50, maxCharacters: 25 })].map((b) => b.length)).toEqual([2, 2, 2, 1]);
    // A segment longer than the limit still goes, alone.
    expect([...batches([['a', 'x'.repeat(100)] as [string, string]], { maxSegments: 5, maxCharacters: 10 })]).toHaveLength(1);
  });
});
