import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { glossaryEffect } from '../../src/bench/glossary-bench.js';
import { loadGlossaries } from '../../src/glossary/index.js';
import { makeProject, repoRoot, runTolk } from '../helpers/project.js';

const seed = readFileSync(join(repoRoot, 'articles/nl/kazachstan-parijs-2024.md'), 'utf8');
const config = JSON.stringify({
  sourceLanguage: 'nl',
  targetLanguages: ['af'],
  engines: { af: 'apertium' },
  glossaries: ['glossaries/sports.tbx'],
});
const glossaryFile = readFileSync(join(repoRoot, 'glossaries/sports.tbx'), 'utf8');

describe('glossary with real Apertium', () => {
  it('glossary: protecting and injecting terms cuts unknown words and violations on the seed article', async () => {
    const glossary = await loadGlossaries(repoRoot, ['glossaries/sports.tbx']);
    const effect = await glossaryEffect(seed, glossary);
    // Measured: unknown words 134 → 98, violations 51 → 0.
    expect(effect.unknownWords.after).toBeLessThan(effect.unknownWords.before);
    expect(effect.violations.before).toBeGreaterThan(20);
    expect(effect.violations.after).toBe(0);
  });

  it('glossary: terms are injected, names kept, and the unknown-word list no longer has them', () => {
    const root = makeProject({ 'tolk.config.json': config, 'glossaries/sports.tbx': glossaryFile, 'articles/nl/a.md': seed });
    const { code, stdout } = runTolk(['translate', '--json'], root);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    expect(summary.violations).toEqual([]);
    const unknown = Object.values(summary.languages.af.unknownWords as Record<string, string[]>).flat();
    for (const word of ['gewichtheffen', 'ploegenachtervolging', 'Kyzaibay', 'Khalzova']) expect(unknown).not.toContain(word);
    const af = readFileSync(join(root, 'articles/af/a.md'), 'utf8');
    for (const term of ['gewigoptel', 'spanagtervolging', 'Nazym Kyzaibay', 'Valentina Khalzova', 'Kazakstan', 'Olimpiese Spele']) expect(af).toContain(term);
    expect(af).not.toMatch(/Kazachstan/);
  });

  it('glossary check: a hand-edited forbidden term and a changed athlete name are found with file and line', () => {
    const root = makeProject({ 'tolk.config.json': config, 'glossaries/sports.tbx': glossaryFile, 'articles/nl/a.md': seed });
    expect(runTolk(['translate'], root).code).toBe(0);
    const clean = runTolk(['glossary', 'check', '--json'], root);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout).filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);

    const file = join(root, 'articles/af/a.md');
    const text = readFileSync(file, 'utf8');
    const edited = text.replace('spanagtervolging', 'ploegagtervolging').replace('Nazym Kyzaibay', 'Nasim Kisaibai');
    expect(edited).not.toBe(text);
    writeFileSync(file, edited);
    const lineOf = (needle: string) => edited.slice(0, edited.indexOf(needle)).split('\n').length;
    const { code, stdout } = runTolk(['glossary', 'check', '--to', 'af', '--json'], root);
    expect(code).toBe(1);
    const findings = JSON.parse(stdout) as Array<Record<string, unknown>>;
    expect(findings).toContainEqual({
      severity: 'error',
      rule: 'glossary-forbidden',
      language: 'af',
      file: 'articles/af/a.md',
      line: lineOf('ploegagtervolging'),
      term: 'ploegenachtervolging',
      expected: 'spanagtervolging',
      found: 'ploegagtervolging',
    });
    expect(findings).toContainEqual(
      expect.objectContaining({ severity: 'error', rule: 'dnt-changed', file: 'articles/af/a.md', line: lineOf('Nasim Kisaibai'), term: 'Nazym Kyzaibay' }),
    );
    const human = runTolk(['glossary', 'check'], root);
    expect(human.stdout).toMatch(/articles\/af\/a\.md:\d+: error: "ploegagtervolging" is a forbidden translation of "ploegenachtervolging"/);
  });

  it('glossary lookup: an entry in all languages; an unknown term exits 1', () => {
    const root = makeProject({ 'tolk.config.json': config, 'glossaries/sports.tbx': glossaryFile });
    const found = runTolk(['glossary', 'lookup', 'team chase'], root);
    expect(found.code).toBe(0);
    expect(found.stdout).toMatch(/nl\s+ploegenachtervolging/);
    expect(found.stdout).toMatch(/en\s+team pursuit, team chase \(deprecated\)/);
    expect(runTolk(['glossary', 'lookup', 'kabaddi'], root).code).toBe(1);
  });
});

describe('tolk check includes the glossary', () => {
  it('check: a forbidden term in a localized article is a glossary finding and fails the gate', () => {
    const root = makeProject({ 'tolk.config.json': config, 'glossaries/sports.tbx': glossaryFile, 'articles/nl/a.md': seed });
    expect(runTolk(['translate'], root).code).toBe(0);
    const file = join(root, 'articles/af/a.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('spanagtervolging', 'ploegagtervolging'));
    const { code, stdout } = runTolk(['check', '--format', 'json'], root);
    expect(code).toBe(1);
    const findings = JSON.parse(stdout).findings as Array<{ rule: string; language: string; file: string }>;
    expect(findings).toContainEqual(expect.objectContaining({ rule: 'glossary-forbidden', language: 'af', file: 'articles/af/a.md' }));
  });
});
