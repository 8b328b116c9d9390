import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/project.js';

// The built module: the engine forks its own file as a server process.
const { fakeEngine, idlePerJob } = (await import(pathToFileURL(join(repoRoot, 'dist/bench/capacity-engine.js')).href)) as typeof import('../../src/bench/capacity-engine.js');

describe('the bench capacity engine', () => {
  it('serves at most its slots at once, in a process of its own, and answers in the LibreTranslate wire format', async () => {
    const engine = await fakeEngine(2, 40);
    try {
      const ask = (i: number) =>
        fetch(`${engine.url}/translate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ q: [`zin ${i}`], source: 'nl', target: 'af' }) }).then(
          (r) => r.json() as Promise<{ translatedText: string[] }>,
        );
      const answers = await Promise.all([0, 1, 2, 3].map(ask));
      expect(answers.map((a) => a.translatedText[0])).toEqual(['[af] zin 0', '[af] zin 1', '[af] zin 2', '[af] zin 3']);
      const { starts, ends } = await engine.stamps();
      expect(starts).toHaveLength(4);
      // The third request waited for a slot: it started no earlier than the first answer.
      const sortedStarts = [...starts].sort((a, b) => a - b);
      expect(sortedStarts[2]!).toBeGreaterThanOrEqual(Math.min(...ends));
      await engine.reset();
      expect((await engine.stamps()).starts).toEqual([]);
    } finally {
      await engine.close();
    }
  });

  it('idle per job is zero when every slot goes straight to the next request, and counts the gaps otherwise', () => {
    expect(idlePerJob({ starts: [0, 0, 100, 100], ends: [100, 100, 200, 200] }, 2, 100)).toBe(0);
    // One slot waited 20 ms before its second request.
    expect(idlePerJob({ starts: [0, 0, 100, 120], ends: [100, 100, 200, 220] }, 2, 100)).toBe((2 * 220 - 400) / 4);
  });
});
