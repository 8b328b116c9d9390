import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/project.js';

const work = mkdtempSync(join(tmpdir(), 'tolk-pack-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/**
 * tolk as a CMS or build script gets it: the packed tarball installed into a
 * project of its own (dependencies from the registry, better-sqlite3 built
 * from source), imported by name from an ES module.
 */
describe('tolk as a library', () => {
  it('package: npm pack → install into a new project → import "tolk" → translate an article with the pseudo engine', () => {
    const tarball = execFileSync('npm', ['pack', '--pack-destination', work, '--silent'], { cwd: repoRoot, encoding: 'utf8' }).trim().split('\n').at(-1)!;
    const files = execFileSync('tar', ['tzf', join(work, tarball)], { encoding: 'utf8' }).split('\n');
    expect(files).toContain('package/dist/index.js');
    expect(files).toContain('package/dist/index.d.ts');
    expect(files).toContain('package/dist/cli/bin.js');
    expect(files).toContain('package/glossaries/sports.tbx');
    // The benchmark harness and the demo site are not part of what users install.
    expect(files.filter((f) => f.startsWith('package/dist/bench/') || f.startsWith('package/dist/site/'))).toEqual([]);

    const consumer = join(work, 'consumer');
    execFileSync('mkdir', ['-p', consumer]);
    writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module', allowScripts: { 'better-sqlite3': true } }));
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', join(work, tarball)], { cwd: consumer, stdio: ['ignore', 'ignore', 'inherit'] });

    writeFileSync(
      join(consumer, 'publish.mjs'),
      `import { initProject, loadProject, translate, check, segmentArticle } from 'tolk';
import { readFileSync, writeFileSync } from 'node:fs';
const [root, article] = process.argv.slice(2);
await initProject({ root, sourceLanguage: 'nl', targetLanguages: ['af'], engine: 'pseudo' });
writeFileSync(root + '/articles/nl/sample.md', readFileSync(article));
const project = await loadProject({ root });
const summary = await translate(project);
const gate = await check(project);
const segments = segmentArticle(readFileSync(article, 'utf8'), { sourceLanguage: 'nl' }).segments.length;
console.log(JSON.stringify({ written: summary.written, unique: summary.unique, failed: summary.failed, segments, languages: Object.keys(gate.languages) }));
`,
    );
    const project = join(work, 'newsroom');
    const out = execFileSync(process.execPath, ['publish.mjs', project, join(repoRoot, 'articles/nl/kazachstan-parijs-2024.md')], { cwd: consumer, encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual({ written: ['articles/af/sample.md'], unique: 19, failed: [], segments: 19, languages: ['af'] });
    expect(readFileSync(join(project, 'articles/af/sample.md'), 'utf8')).toMatch(/^language: af$/m);
    // Only the public surface is importable.
    expect(() => execFileSync(process.execPath, ['-e', "import('tolk/dist/bench/index.js').catch((e) => { console.error(e.code); process.exit(3); })"], { cwd: consumer, stdio: 'pipe' })).toThrow();
    expect(existsSync(join(consumer, 'node_modules/.bin/tolk'))).toBe(true);
  }, 900_000);
});
