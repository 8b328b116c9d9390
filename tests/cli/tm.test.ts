import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, repoRoot, runTolk, schemasDir } from '../helpers/project.js';

const fixture = (name: string) => join(repoRoot, 'tests/fixtures/tmx', name);
const project = () => makeProject({ 'tolk.config.json': JSON.stringify({ sourceLanguage: 'en', targetLanguages: ['af', 'de', 'nl'] }) });
const stats = (root: string) => JSON.parse(runTolk(['tm', 'stats', '--json'], root).stdout) as { units: number };

describe('tm commands', () => {
  it('tm import: a Translate Toolkit TMX reports imported, skipped with reasons, and updated', () => {
    const root = project();
    const first = runTolk(['tm', 'import', fixture('translate-toolkit.tmx'), '--json'], root);
    expect(first.code).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report).toMatchObject({ imported: 7, updated: 0, skipped: 1, skippedReasons: { 'empty segment': 1 } });
    const again = JSON.parse(runTolk(['tm', 'import', fixture('translate-toolkit.tmx'), '--status', 'reviewed', '--json'], root).stdout);
    expect(again).toMatchObject({ imported: 0, updated: 7 });
    expect(stats(root).units).toBe(7);
  });

  it('tm import: a file that fails half-way into a project with no memory yet leaves no memory behind', () => {
    const root = project();
    const good = readFileSync(fixture('translate-toolkit.tmx'), 'utf8');
    // Good units first, then one over the inline-element limit: the error comes after the memory was opened for writing.
    const end = good.lastIndexOf('</body>');
    const bad = `<tu><tuv xml:lang="en"><seg>${'<bpt i="1">x</bpt>'.repeat(3000)}</seg></tuv><tuv xml:lang="af"><seg>y</seg></tuv></tu>\n`;
    writeFileSync(join(root, 'late.tmx'), good.slice(0, end) + bad + good.slice(end));
    const result = runTolk(['tm', 'import', 'late.tmx'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/late\.tmx:\d+:\d+: .*inline elements/);
    expect(existsSync(join(root, '.tolk/tm.sqlite'))).toBe(false);
    expect(stats(root).units).toBe(0);
  });

  it('tm export: output validates against the TMX 1.4 DTD and re-imports unchanged', () => {
    const root = project();
    runTolk(['tm', 'import', fixture('translate-toolkit.tmx')], root);
    const out = join(root, 'af.tmx');
    const exported = runTolk(['tm', 'export', '--to', 'af', '-o', out, '--json'], root);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout).units).toBe(5);
    execFileSync('xmllint', ['--noout', '--dtdvalid', join(schemasDir, 'tmx14.dtd'), out]);
    const back = JSON.parse(runTolk(['tm', 'import', out, '--json'], root).stdout);
    expect(back).toMatchObject({ read: 5, imported: 0, unchanged: 5 });
  });

  it('tm search: matches with score, source, target, origin and status', () => {
    const root = project();
    runTolk(['tm', 'import', fixture('translate-toolkit.tmx')], root);
    const { code, stdout } = runTolk(['tm', 'search', 'The cyclist won a silver medal in Paris.', '--to', 'af', '--threshold', '50', '--json'], root);
    expect(code).toBe(0);
    const matches = JSON.parse(stdout) as Array<Record<string, unknown>>;
    for (const m of matches) expect(Object.keys(m).sort()).toEqual(['origin', 'score', 'source', 'status', 'target']);
  });

  const hostile: Record<string, string> = {
    'billion laughs': `<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><tmx version="1.4"><header srclang="en" creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/><body><tu><tuv xml:lang="en"><seg>&b;</seg></tuv><tuv xml:lang="af"><seg>x</seg></tuv></tu></body></tmx>`,
    'external entity': `<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&x;</seg></tuv></tu></body></tmx>`,
    truncated: `<?xml version="1.0"?><tmx version="1.4"><header srclang="en" creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/><body><tu><tuv xml:lang="en"><seg>One</seg></tuv><tuv xml:lang="af"><seg>Een</seg></tuv></tu><tu><tuv xml:lang="en"><seg>Two`,
  };
  for (const [name, xml] of Object.entries(hostile)) {
    it(`tm import: ${name} is refused with file and line, exit 2, nothing imported`, () => {
      const root = project();
      runTolk(['tm', 'import', fixture('translate-toolkit.tmx')], root);
      const file = join(root, 'bad.tmx');
      writeFileSync(file, xml);
      const { code, stderr } = runTolk(['tm', 'import', 'bad.tmx'], root);
      expect(code).toBe(2);
      expect(stderr).toMatch(/bad\.tmx:\d+/);
      expect(stats(root).units).toBe(7);
    });
  }

  it('tm import: an OmegaT memory with tags imports its units', () => {
    const root = project();
    copyFileSync(fixture('omegat.tmx'), join(root, 'omegat.tmx'));
    const { code, stdout } = runTolk(['tm', 'import', 'omegat.tmx', '--json'], root);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).imported).toBeGreaterThan(0);
  });
});
