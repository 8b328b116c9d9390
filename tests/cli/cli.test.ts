import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../src/markdown/index.js';
import { treeShape } from '../../src/markdown/shape.js';
import { defaultConfig, makeProject, repoRoot, runTolk, snapshot } from '../helpers/project.js';

const seed = readFileSync(join(repoRoot, 'articles/nl/kazachstan-parijs-2024.md'), 'utf8');

describe('cli', () => {
  it('cli: --help lists the commands', () => {
    const { code, stdout } = runTolk(['--help'], repoRoot);
    expect(code).toBe(0);
    expect(stdout).toMatch(/segments/);
    expect(stdout).toMatch(/translate/);
  });

  it('cli: an unknown option is a usage error (exit 2)', () => {
    expect(runTolk(['segments', '--bogus'], repoRoot).code).toBe(2);
  });

  it('cli: segments --json prints id, kind and source in document order', () => {
    const root = makeProject({ 'tolk.config.json': defaultConfig(), 'articles/nl/a.md': seed });
    const { code, stdout } = runTolk(['segments', 'articles/nl/a.md', '--json'], root);
    expect(code).toBe(0);
    const segments = JSON.parse(stdout) as Array<{ id: string; kind: string; source: string }>;
    expect(segments).toHaveLength(20);
    expect(segments[0]).toMatchObject({ kind: 'frontmatter:title', source: 'Kazachstan op de Olympische Spelen van Parijs 2024' });
    expect(segments[1]!.kind).toBe('heading');
    expect(segments.every((s) => /^[0-9a-f]{64}$/.test(s.id))).toBe(true);
    expect(segments.some((s) => s.source.includes('Foto door'))).toBe(false); // the credit is data, not text
  });

  it('cli: --root works from any directory', () => {
    const root = makeProject({ 'tolk.config.json': defaultConfig(), 'articles/nl/a.md': '# Hallo\n' });
    const { code, stdout } = runTolk(['segments', join(root, 'articles/nl/a.md'), '--root', root, '--json'], '/');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toHaveLength(1);
  });

  it('cli: a bad config exits 2 naming the file and key, and changes nothing', () => {
    const root = makeProject({ 'tolk.config.json': '{"sourceLanguage": "nl", "targetLanguages": 5}', 'articles/nl/a.md': '# x\n' });
    const before = snapshot(root);
    const { code, stderr } = runTolk(['translate', '--engine', 'pseudo'], root);
    expect(code).toBe(2);
    expect(stderr).toMatch(/tolk\.config\.json:1: .*targetLanguages/);
    expect(snapshot(root)).toEqual(before);
  });

  it('cli: malformed front matter exits 2 with file and line, and writes nothing', () => {
    const root = makeProject({
      'tolk.config.json': defaultConfig(),
      'articles/nl/a.md': '---\ntitle: "ok"\ndate: [2024\n---\n\n# x\n',
    });
    const before = snapshot(root);
    const { code, stderr } = runTolk(['translate', '--engine', 'pseudo'], root);
    expect(code).toBe(2);
    expect(stderr).toMatch(/articles\/nl\/a\.md:\d+: invalid YAML front matter/);
    expect(snapshot(root)).toEqual(before);
  });

  it('translate: pseudo output of every article keeps the source tree shape', () => {
    const fixtures = join(repoRoot, 'tests/fixtures/articles');
    const files: Record<string, string> = { 'tolk.config.json': defaultConfig(), 'articles/nl/seed.md': seed };
    for (const name of safeList(fixtures)) files[`articles/nl/${name}`] = readFileSync(join(fixtures, name), 'utf8');
    const root = makeProject(files);
    const { code, stdout, stderr } = runTolk(['translate', '--to', 'af', '--engine', 'pseudo', '--json'], root);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.written).toHaveLength(Object.keys(files).length - 1);
    for (const name of Object.keys(files).filter((f) => f.endsWith('.md'))) {
      const source = readFileSync(join(root, name), 'utf8');
      const localized = readFileSync(join(root, name.replace('articles/nl/', 'articles/af/')), 'utf8');
      expect(treeShape(parseMarkdown(localized))).toBe(treeShape(parseMarkdown(source)));
      expect(localized).toMatch(/language: af/);
      expect(localized).toMatch(/⟦/);
    }
  });

  it('translate: --dry-run writes nothing and reports what would be sent', () => {
    const root = makeProject({ 'tolk.config.json': defaultConfig(), 'articles/nl/a.md': seed });
    const before = snapshot(root);
    const { code, stdout } = runTolk(['translate', '--engine', 'pseudo', '--dry-run', '--json'], root);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.engineSegments).toBe(19 * 2);
    expect(summary.written).toEqual([]);
    expect(snapshot(root)).toEqual(before);
  });
});

function safeList(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.md'));
  } catch {
    return [];
  }
}
