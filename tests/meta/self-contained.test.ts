import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/project.js';

/**
 * A user's clone has nothing beside it: no test, script or source may reach a path outside the repository.
 * (CI also runs the suite in a clone inside an empty temporary directory: `.ci/run`.)
 */
describe('the repository is self-contained', () => {
  const tracked = execFileSync('git', ['ls-files', 'src', 'tests', 'scripts', 'package.json', 'vitest.config.ts', '.ci'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\n')
    .filter((f) => /\.(ts|mjs|js|json|sh)$|^\.ci\//.test(f) && !f.startsWith('tests/fixtures/') && f !== 'tests/meta/self-contained.test.ts');

  it('tests: no file names a path that climbs out of the repository root', () => {
    // A shared data folder beside the checkout (a sibling named shared) and `repoRoot, '..'` both climb out of the clone.
    const escapes = [/\.\.\/shared/, /repoRoot\s*,\s*['"`]\.\.(?:['"`/])/];
    const found = tracked.flatMap((file) =>
      readFileSync(join(repoRoot, file), 'utf8')
        .split('\n')
        .flatMap((line, i) => (escapes.some((re) => re.test(line)) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it('tests: CI runs the README test command in a clone with nothing beside it', () => {
    const ci = readFileSync(join(repoRoot, '.ci/run'), 'utf8');
    expect(ci).toMatch(/mktemp -d/);
    expect(ci).toMatch(/git clone/);
    expect(ci).toMatch(/^npm test$/m);
    expect(readFileSync(join(repoRoot, 'README.md'), 'utf8')).toMatch(/^npm test\b/m);
  });
});
