import { describe, expect, it } from 'vitest';
import { collectGarbage } from '../../src/core/collect-garbage.js';

describe('collect garbage', () => {
  it('collectGarbage: above the threshold a full collection frees what nothing holds; below it nothing runs', () => {
    let garbage: string[][] | undefined = Array.from({ length: 200 }, (_, i) => Array.from({ length: 2_000 }, (_, j) => `${i}-${j}-${'x'.repeat(40)}`));
    const held = garbage.length;
    garbage = undefined;
    const before = process.memoryUsage().heapUsed;
    collectGarbage(1_000_000); // far above the heap: no collection
    collectGarbage(8);
    const after = process.memoryUsage().heapUsed;
    expect(held).toBe(200);
    // About 30 MB of unreachable strings are gone.
    expect(before - after).toBeGreaterThan(15 * 1024 * 1024);
  });
});
