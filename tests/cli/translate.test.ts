import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/markdown/index.js';
import { treeShape } from '../../src/markdown/shape.js';
import { makeProject, repoRoot, runTolk } from '../helpers/project.js';

const seed = readFileSync(join(repoRoot, 'articles/nl/kazachstan-parijs-2024.md'), 'utf8');
const rich = readFileSync(join(repoRoot, 'tests/fixtures/articles/rich.md'), 'utf8');

describe('tolk translate with Apertium', () => {
  it('translate: nl→af with the local apertium command, one call per batch, then nothing on a re-run', () => {
    const root = makeProject({
      'tolk.config.json': JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['af'], engines: { af: 'apertium' } }),
      'articles/nl/seed.md': seed,
      'articles/nl/rich.md': rich,
    });
    const first = runTolk(['translate', '--json'], root);
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout);
    for (const key of ['segments', 'unique', 'tmExact', 'tmFuzzy', 'engineSegments', 'engineRequests', 'engineCharacters', 'failed', 'written', 'languages']) {
      expect(summary).toHaveProperty(key);
    }
    expect(summary.engineRequests).toBe(1);
    expect(summary.engineSegments).toBe(summary.unique);
    expect(summary.failed).toEqual([]);
    expect(summary.written.sort()).toEqual(['articles/af/rich.md', 'articles/af/seed.md']);
    // Apertium's unknown-word marks are stripped and reported.
    const unknown = Object.values(summary.languages.af.unknownWords).flat();
    expect(unknown).toContain('gewichtheffen');
    const af = readFileSync(join(root, 'articles/af/seed.md'), 'utf8');
    expect(af).not.toMatch(/\*gewichtheffen/);
    expect(af).toMatch(/Olimpiese Spele/);
    for (const name of ['seed.md', 'rich.md']) {
      const source = readFileSync(join(root, 'articles/nl', name), 'utf8');
      const localized = readFileSync(join(root, 'articles/af', name), 'utf8');
      expect(treeShape(parseMarkdown(localized))).toBe(treeShape(parseMarkdown(source)));
    }
    const second = JSON.parse(runTolk(['translate', '--json'], root).stdout);
    expect(second.engineRequests).toBe(0);
    expect(second.upToDate).toBe(2);
  });

  it('translate: --json keeps stdout pure JSON and usage errors exit 2', () => {
    const root = makeProject({ 'tolk.config.json': JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['af'] }), 'articles/nl/a.md': seed });
    const ok = runTolk(['translate', '--engine', 'pseudo', '--json'], root);
    expect(() => JSON.parse(ok.stdout)).not.toThrow();
    expect(runTolk(['translate', '--to', 'nl'], root).code).toBe(2);
    expect(runTolk(['translate', '--engine', 'nosuch'], root).code).toBe(2);
    expect(runTolk(['translate', '--concurrency', 'many'], root).code).toBe(2);
    const missingKey = runTolk(['translate', '--engine', 'deepl'], root, { DEEPL_AUTH_KEY: '' });
    expect(missingKey.code).toBe(2);
    expect(missingKey.stderr).toMatch(/DEEPL_AUTH_KEY/);
  });
});
