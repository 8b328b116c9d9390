import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/project.js';

const probe = join(repoRoot, 'dist/bench/rss-probe.js');

/** A parent holding `parentMB` spawns a child that allocates `childMB`; the child's probe line, in MB. */
function childPeak(parentMB: number, childMB: number): number {
  const script = `
    const { spawnSync } = require('node:child_process');
    const held = Buffer.alloc(${parentMB} * 2 ** 20, 1);
    const run = spawnSync(process.execPath, ['--import', ${JSON.stringify(probe)}, '-e', 'globalThis.b = Buffer.alloc(${childMB} * 2 ** 20, 1)'], { encoding: 'utf8' });
    process.stdout.write(run.stderr + '|' + held.length);`;
  const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  const kilobytes = Number(/maxrss (\d+)/.exec(run.stdout)?.[1]);
  return kilobytes / 1024;
}

describe('the bench RSS probe', () => {
  it("reports the child's own peak, not the spawning bench's", () => {
    // getrusage maxRSS would say ≥ 400 MB here: Linux carries it across fork and exec.
    const peak = childPeak(400, 60);
    expect(peak).toBeGreaterThan(60);
    expect(peak).toBeLessThan(250);
  });
});
