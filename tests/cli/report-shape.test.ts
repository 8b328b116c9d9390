import { describe, expect, it } from 'vitest';
import { makeProject, runTolk } from '../helpers/project.js';

// Every finding a run reports comes out as the one Diagnostic shape (core/diagnostic.ts), in text and in --json.
const config = JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['en'], engines: { '*': 'pseudo' }, glossaries: ['terms.csv'], pipeline: { retries: 0 } });
const vendorTmx = `<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="vendor" creationtoolversion="1" datatype="plaintext" segtype="sentence" adminlang="en" srclang="nl" o-tmf="x"/>
  <body>
    <tu><tuv xml:lang="nl"><seg>De renner wint</seg></tuv><tuv xml:lang="en"><seg>The runner wins</seg></tuv></tu>
    <tu><tuv xml:lang="nl"><seg>Ajax wint met 5-3.</seg></tuv><tuv xml:lang="en"><seg>Ajax wins 3-5.</seg></tuv></tu>
    <tu><tuv xml:lang="nl"><seg>Leeg.</seg></tuv><tuv xml:lang="en"><seg></seg></tuv></tu>
  </body>
</tmx>
`;
const project = (files: Record<string, string> = {}) =>
  makeProject({
    'tolk.config.json': config,
    'terms.csv': 'nl,en,forbidden\nrenner,rider,en:runner\n',
    'articles/nl/a.md': '# De renner wint\n\nAjax wint met 5-3.\n',
    'vendor.tmx': vendorTmx,
    ...files,
  });
/** An engine nobody answers for: every segment sent fails at once (no retries in this config). */
const deadEngine = ['--engine', 'libretranslate', '--engine-url', 'http://127.0.0.1:9'];
const SEGMENT = /^[0-9a-f]{64}$/;

describe('one report shape', { timeout: 120_000 }, () => {
  it('tm import: rejected units are diagnostics with file and the <tu> line, in --json and in text', () => {
    const root = project();
    const json = runTolk(['tm', 'import', 'vendor.tmx', '--json'], root);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report).toMatchObject({ skipped: 1, skippedReasons: { 'empty segment': 1 } }); // the documented counts stay
    expect(report.diagnostics).toEqual([
      { severity: 'warning', rule: 'tmx-reject', message: 'not imported: empty segment', file: 'vendor.tmx', line: 7, language: 'en' },
    ]);
    // Imported again as machine translations: the status rules refuse both units, each a diagnostic with its segment.
    const text = runTolk(['tm', 'import', 'vendor.tmx', '--status', 'machine'], root);
    expect(text.code).toBe(0);
    expect(text.stderr).toMatch(/^vendor\.tmx:7: warning: not imported: empty segment \[tmx-reject\]$/m);
    expect(text.stderr.match(/^vendor\.tmx: warning: segment [0-9a-f]{12}…: not imported: a machine translation never overwrites a translated one .*\[tm-refused\]$/gm)).toHaveLength(2);
    const refused = JSON.parse(runTolk(['tm', 'import', 'vendor.tmx', '--status', 'machine', '--json'], root).stdout).diagnostics;
    expect(refused.filter((d: { rule: string }) => d.rule === 'tm-refused').map((d: { segment: string }) => d.segment)).toEqual([expect.stringMatching(SEGMENT), expect.stringMatching(SEGMENT)]);
  });

  it('translate: glossary violations and QA findings on memory matches are diagnostics with language and segment id', () => {
    const root = project();
    expect(runTolk(['tm', 'import', 'vendor.tmx'], root).code).toBe(0);
    const json = runTolk(['translate', '--json'], root);
    expect(json.code).toBe(0);
    const summary = JSON.parse(json.stdout);
    // The documented lists stay as they were.
    expect(summary.failed).toEqual([]);
    expect(summary.violations.map((v: { rule: string }) => v.rule).sort()).toEqual(['glossary-forbidden', 'glossary-missing']);
    expect(summary.qa).toEqual([expect.objectContaining({ rule: 'number-mismatch', source: 'Ajax wint met 5-3.' })]);
    const byRule = Object.fromEntries(summary.diagnostics.map((d: { rule: string }) => [d.rule, d]));
    expect(Object.keys(byRule).sort()).toEqual(['glossary-forbidden', 'glossary-missing', 'number-mismatch']);
    expect(byRule['glossary-forbidden']).toMatchObject({
      severity: 'error',
      message: '"runner" is a forbidden translation of "renner"; use "rider"',
      language: 'en',
      segment: summary.violations[0].segment,
      term: 'renner',
      found: 'runner',
    });
    expect(byRule['glossary-missing']).toMatchObject({ severity: 'warning', language: 'en', segment: expect.stringMatching(SEGMENT) });
    expect(byRule['number-mismatch']).toMatchObject({ severity: 'error', language: 'en', segment: summary.qa[0].segment, expected: '5-3', actual: '3-5' });
    const text = runTolk(['translate', '--force'], root);
    expect(text.code).toBe(0);
    expect(text.stderr).toMatch(/^en [0-9a-f]{12}: error: "runner" is a forbidden translation of "renner"; use "rider" \[glossary-forbidden\]$/m);
    expect(text.stderr).toMatch(/^en [0-9a-f]{12}: error: numbers differ: "5-3" in the source, "3-5" in the translation \[number-mismatch\]$/m);
  });

  it('translate: failed segments are diagnostics too, and `failed` keeps its documented form', () => {
    const root = project({ 'articles/nl/a.md': '# Nieuw\n\nEen nieuwe zin.\n' });
    const json = runTolk(['translate', ...deadEngine, '--json'], root);
    expect(json.code).toBe(1);
    const summary = JSON.parse(json.stdout);
    expect(summary.failed).toHaveLength(2);
    for (const f of summary.failed) expect(Object.keys(f).sort()).toEqual(['language', 'reason', 'segment', 'source']);
    expect(summary.diagnostics).toEqual(
      summary.failed.map((f: { language: string; segment: string; source: string; reason: string }) => ({
        severity: 'error',
        rule: 'translate-failed',
        message: f.reason,
        language: f.language,
        segment: f.segment,
        source: f.source,
      })),
    );
    const text = runTolk(['translate', ...deadEngine], root);
    expect(text.code).toBe(1);
    expect(text.stderr.match(/^en [0-9a-f]{12}: error: libretranslate: .* \[translate-failed\]$/gm)).toHaveLength(2);
  });

  it('translate --strings: strings it could not fill are diagnostics in --json and in text', () => {
    const root = project({ 'locales/nl/common.json': JSON.stringify({ greeting: 'Welkom' }) });
    const json = runTolk(['translate', '--strings', ...deadEngine, '--json'], root);
    expect(json.code).toBe(1);
    const summary = JSON.parse(json.stdout);
    expect(summary.failed).toEqual([expect.objectContaining({ language: 'en', source: 'Welkom' })]);
    expect(summary.diagnostics).toEqual([expect.objectContaining({ severity: 'error', rule: 'translate-failed', language: 'en', segment: summary.failed[0].segment })]);
    const text = runTolk(['translate', '--strings', ...deadEngine], root);
    expect(text.stderr).toMatch(/^en [0-9a-f]{12}: error: libretranslate: .* \[translate-failed\]$/m);
  });
});
