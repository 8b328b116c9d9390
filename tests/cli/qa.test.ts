import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, runTolk, snapshot } from '../helpers/project.js';

const article = '# Ajax wint met 5-3\n\nEr waren 1.500 toeschouwers in het stadion.\n\nHet was een mooie wedstrijd.\n';
// Four-space indentation and a key order of the user's own: `--accept` must keep both.
// Pseudo-localization keeps digits as they are, so its articles are in Afrikaans (1.500 reads as 1500 there, as in Dutch).
const configFor = (language: string) => `{
    "targetLanguages": ["en", "af"],
    "sourceLanguage": "nl",
    "articleLanguages": ["${language}"],
    "engines": { "*": "pseudo" }
}
`;
const config = configFor('af');

/** A project translated by the pseudo engine (numbers kept), then edited by hand as a translator would. */
function translated(edit: (text: string) => string = (t) => t) {
  const root = makeProject({ 'tolk.config.json': config, 'articles/nl/match.md': article });
  expect(runTolk(['translate'], root).code).toBe(0);
  const file = join(root, 'articles/af/match.md');
  writeFileSync(file, edit(readFileSync(file, 'utf8')));
  return root;
}

const tmx = (target: string) => `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="vendor" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" srclang="nl" o-tmf="x"/>
  <body>
    <tu tuid="score-1">
      <tuv xml:lang="nl"><seg>Ajax wint met 5-3.</seg></tuv>
      <tuv xml:lang="en"><seg>${target}</seg></tuv>
    </tu>
    <tu tuid="crowd-1">
      <tuv xml:lang="nl"><seg>Er waren 1.500 toeschouwers.</seg></tuv>
      <tuv xml:lang="en"><seg>There were 1,500 spectators.</seg></tuv>
    </tu>
  </body>
</tmx>
`;

const xliff = (target: string) => `<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="nl" trgLang="af">
  <file id="f1">
    <unit id="u1"><segment state="translated"><source>Ajax wint met 5-3.</source><target>${target}</target></segment></unit>
    <unit id="u2"><segment state="translated"><source>Het was een mooie wedstrijd.</source><target>Dit was 'n mooi wedstryd.</target></segment></unit>
  </file>
</xliff>
`;

// Each test runs the built bin several times; on a loaded machine that takes a while (the timeout only catches hangs).
describe('tolk qa over the localized articles', { timeout: 180_000 }, () => {
  it('qa: clean articles pass (exit 0); a score turned round by hand is an error with file, line, segment, source and target (exit 1)', () => {
    expect(runTolk(['qa'], translated()).code).toBe(0);
    const root = translated((t) => t.replace('5-3', '3-5'));
    const run = runTolk(['qa', '--json'], root);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({
      severity: 'error',
      rule: 'number-mismatch',
      language: 'af',
      file: 'articles/af/match.md',
      line: 12,
      expected: '5-3',
      actual: '3-5',
      unit: null,
      source: 'Ajax wint met 5-3',
    });
    expect(out.findings[0].segment).toMatch(/^[0-9a-f]{64}$/);
    expect(out.findings[0].target).toContain('3-5');
    expect(out.summary).toEqual({ errors: 1, warnings: 0, checked: { articles: { af: 1 } } });
    const text = runTolk(['qa'], root);
    expect(text.stdout).toMatch(/^articles\/af\/match\.md:12: error: numbers differ: "5-3" in the source, "3-5" in the translation \[number-mismatch\]/m);
  });

  it('qa: github and junit formats carry the same finding; tolk check reports it per language and line', () => {
    const root = translated((t) => t.replace('1.500', '15.000'));
    const github = runTolk(['qa', '--format', 'github'], root);
    expect(github.code).toBe(1);
    expect(github.stdout).toMatch(/^::error file=articles\/af\/match\.md,line=14,title=number-mismatch \(af\)::numbers differ/m);
    const junit = runTolk(['qa', '--format', 'junit'], root);
    expect(junit.stdout).toMatch(/<testsuite name="af" tests="1" failures="1"/);
    expect(junit.stdout).toContain('<failure message="1 error" type="tolk-check">');
    const check = runTolk(['check', '--format', 'json'], root);
    expect(check.code).toBe(1);
    expect(JSON.parse(check.stdout).findings.filter((f: { rule: string }) => f.rule === 'number-mismatch')).toEqual([
      expect.objectContaining({ language: 'af', file: 'articles/af/match.md', line: 14, severity: 'error' }),
    ]);
  });

  it('qa --accept: the finding is recorded in qa.accept (formatting kept, written whole) and not reported again', () => {
    const root = translated((t) => t.replace('5-3', '3-5'));
    const segment: string = JSON.parse(runTolk(['qa', '--json'], root).stdout).findings[0].segment;
    const accepted = runTolk(['qa', '--accept', `${segment.slice(0, 12)}:number-mismatch`], root);
    expect(accepted.code).toBe(0);
    const written = readFileSync(join(root, 'tolk.config.json'), 'utf8');
    expect(written.startsWith(config.trimEnd().slice(0, -2))).toBe(true); // the user's keys, order and indentation untouched
    expect(JSON.parse(written).qa).toEqual({ accept: [`${segment.slice(0, 12)}:number-mismatch`] });
    expect(written).toContain(`    "qa": {\n        "accept": [`);
    const again = runTolk(['qa', '--json'], root);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout).findings).toEqual([]);
    expect(runTolk(['check'], root).code).toBe(0);
  });

  it('qa --accept: a malformed entry or an unknown rule is a usage error and changes nothing', () => {
    const root = translated();
    const before = snapshot(root);
    expect(runTolk(['qa', '--accept', 'zz:number-mismatch'], root).code).toBe(2);
    const unknown = runTolk(['qa', '--accept', '0123456789ab:numbers'], root);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown rule "numbers"');
    expect(snapshot(root)).toEqual(before);
  });
});

// Each test runs the built bin several times; on a loaded machine that takes a while (the timeout only catches hangs).
describe('tolk qa over files before import', { timeout: 180_000 }, () => {
  it('qa: a vendor TMX with a swapped score: the finding names the tuid (exit 1); a clean one passes (exit 0)', () => {
    const root = makeProject({ 'tolk.config.json': config, 'vendor.tmx': tmx('Ajax wins 3-5.'), 'clean.tmx': tmx('Ajax wins 5-3.') });
    const run = runTolk(['qa', 'vendor.tmx', '--json'], root);
    expect(run.code).toBe(1);
    const out = JSON.parse(run.stdout);
    expect(out.findings).toEqual([
      expect.objectContaining({ rule: 'number-mismatch', unit: 'score-1', file: 'vendor.tmx', line: 5, language: 'en', source: 'Ajax wint met 5-3.', target: 'Ajax wins 3-5.' }),
    ]);
    expect(out.summary.checked).toEqual({ units: { en: 2 } });
    expect(runTolk(['qa', 'clean.tmx'], root).code).toBe(0);
  });

  it('qa: a translator XLIFF with an engine mark: the finding names the unit id; --to filters languages', () => {
    const root = makeProject({ 'tolk.config.json': config, 'af.xlf': xliff('Ajax wen met 5-3 *teen.') });
    const run = runTolk(['qa', 'af.xlf', '--json'], root);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).findings).toEqual([expect.objectContaining({ rule: 'engine-mark', unit: 'u1', language: 'af', line: 4 })]);
    const other = runTolk(['qa', 'af.xlf', '--to', 'en', '--json'], root);
    expect(other.code).toBe(0);
    expect(JSON.parse(other.stdout).summary.checked).toEqual({ units: {} });
  });

  it('qa: a malformed file, an unknown extension or a missing file exits 2 with the file named', () => {
    const root = makeProject({ 'tolk.config.json': config, 'bad.xlf': '<xliff version="2.0"><file>', 'notes.txt': 'x' });
    const bad = runTolk(['qa', 'bad.xlf'], root);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^tolk: bad\.xlf/);
    expect(runTolk(['qa', 'notes.txt'], root).code).toBe(2);
    expect(runTolk(['qa', 'missing.tmx'], root).code).toBe(2);
    expect(runTolk(['qa', '--format', 'xml'], root).code).toBe(2);
  });
});

// Each test runs the built bin several times; on a loaded machine that takes a while (the timeout only catches hangs).
describe('QA findings reach the memory and the translate summary', { timeout: 180_000 }, () => {
  it('tm import stores QA findings with the units; translate reports them for the memory match (--json)', () => {
    const root = makeProject({ 'tolk.config.json': configFor('en'), 'articles/nl/match.md': '# Ajax wint met 5-3.\n', 'vendor.tmx': tmx('Ajax wins 3-5.') });
    const imported = runTolk(['tm', 'import', 'vendor.tmx', '--json'], root);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout).flagged).toBe(1);
    const run = runTolk(['translate', '--json'], root);
    expect(run.code).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary.qa).toEqual([expect.objectContaining({ rule: 'number-mismatch', language: 'en', status: 'translated', expected: '5-3', actual: '3-5' })]);
    expect(summary.languages.en.qaFindings).toBe(1);
    const human = runTolk(['translate', '--force'], root);
    expect(human.stderr).toMatch(/^en [0-9a-f]{12}: error: numbers differ.* \[number-mismatch\]$/m);
  });
});
