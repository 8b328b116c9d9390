import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { articleSubjects, ScopedGlossary, type Glossary } from '../../src/glossary/index.js';
import { makeProject, removeProject, runTolk } from '../helpers/project.js';

// "heat" is the race heat only in sports; "newsroom" has no subject and applies everywhere.
const glossary = 'en,es,subject,note\nheat,serie,athletics,a qualifying race\nnewsroom,redacción,,the editorial office\n';
const config = (glossary: Record<string, unknown>) =>
  JSON.stringify({ sourceLanguage: 'en', targetLanguages: ['es'], engines: { es: 'apertium' }, glossaries: ['glossaries/terms.csv'], glossary: { enforcement: 'error', subjects: { sports: ['athletics'] }, ...glossary } });
const articles = {
  'articles/en/race.md': '---\nsubject: sports\n---\n\n# The race\n\nThe newsroom saw her win the heat.\n',
  'articles/en/weather.md': '---\nsubject: weather\n---\n\n# The weather\n\nThe newsroom felt the heat all day.\n',
  'articles/en/plain.md': '# The weather again\n\nThe newsroom felt the heat all day again.\n',
};
const body = (root: string, file: string) => readFileSync(join(root, file), 'utf8').split('\n').filter((l) => !/^(tolk:|  )/.test(l)).join('\n');

let root: string | undefined;
afterEach(() => {
  if (root) removeProject(root);
  root = undefined;
});

describe('glossary subjects (config glossary.subjects, front matter subject)', () => {
  it('translate: an entry of the sports subject is applied and enforced in a sports article only; an entry without subject everywhere', () => {
    root = makeProject({ 'tolk.config.json': config({}), 'glossaries/terms.csv': glossary, ...articles });
    const { code, stdout } = runTolk(['translate', '--json'], root);
    expect(code).toBe(0);
    const summary = JSON.parse(stdout);
    // Enforcement is `error`: had the weather articles been held to "serie", their "calor" would be violations and failed segments.
    expect(summary.violations).toEqual([]);
    expect(summary.failed).toEqual([]);
    expect(body(root, 'articles/es/race.md')).toMatch(/redacción vio .*\bserie\b/);
    for (const file of ['articles/es/weather.md', 'articles/es/plain.md']) {
      expect(body(root, file)).toMatch(/redacción sentía el calor/);
      expect(body(root, file)).not.toMatch(/serie/);
    }
  });

  it('translate: defaultSubject gives an article without front matter subject the sports entries', () => {
    root = makeProject({ 'tolk.config.json': config({ defaultSubject: 'Sports' }), 'glossaries/terms.csv': glossary, ...articles });
    expect(runTolk(['translate'], root).code).toBe(0);
    expect(body(root, 'articles/es/plain.md')).toMatch(/\bserie\b/);
    expect(body(root, 'articles/es/weather.md')).not.toMatch(/serie/);
  });

  it('check: a sports article must keep the sports term, another article need not; an entry without subject is checked in both', () => {
    root = makeProject({ 'tolk.config.json': config({}), 'glossaries/terms.csv': glossary, ...articles });
    expect(runTolk(['translate'], root).code).toBe(0);
    const clean = runTolk(['check', '--json'], root);
    expect(clean.code).toBe(0);
    const edit = (file: string, from: RegExp, to: string) => {
      const text = readFileSync(join(root!, file), 'utf8');
      expect(text).toMatch(from);
      writeFileSync(join(root!, file), text.replace(from, to));
    };
    edit('articles/es/race.md', /\bserie\b/, 'calor');
    edit('articles/es/weather.md', /El redacción/, 'La sala');
    const { code, stdout } = runTolk(['check', '--json'], root);
    expect(code).toBe(1);
    const findings = (JSON.parse(stdout).findings as Array<{ rule: string; file: string; message: string }>).filter((f) => f.rule.startsWith('glossary'));
    expect(findings.map(({ rule, file, message }) => ({ rule, file, message })).sort((a, b) => a.file.localeCompare(b.file))).toEqual([
      { rule: 'glossary-missing', file: 'articles/es/race.md', message: '"heat" must be translated as "serie"' },
      { rule: 'glossary-missing', file: 'articles/es/weather.md', message: '"newsroom" must be translated as "redacción"' },
    ]);
  });

  it('sync: a hand edit is checked against its article\'s subject; the XLIFF a translator gets notes only the entries of the unit\'s article', () => {
    const two = { 'articles/en/race.md': articles['articles/en/race.md'], 'articles/en/weather.md': articles['articles/en/weather.md'] };
    root = makeProject({ 'tolk.config.json': config({ enforcement: 'warning' }), 'glossaries/terms.csv': glossary, ...two });
    expect(runTolk(['translate'], root).code).toBe(0);
    const exported = runTolk(['sync', 'export', '--to', 'es', '--all', '-o', 'out.xlf'], root);
    expect(exported.code).toBe(0);
    const xliff = readFileSync(join(root, 'out.xlf'), 'utf8');
    const unitOf = (source: string) => xliff.slice(xliff.lastIndexOf('<unit ', xliff.indexOf(source)), xliff.indexOf('</unit>', xliff.indexOf(source)));
    expect(unitOf('win the heat.')).toContain('"heat" → "serie"');
    expect(unitOf('felt the heat all day.')).not.toContain('"heat"');
    expect(unitOf('felt the heat all day.')).toContain('"newsroom" → "redacción"');

    for (const [file, from, to] of [['articles/es/race.md', / el serie/, ' el calor'], ['articles/es/weather.md', /todo el día/, 'todo el santo día']] as const) {
      const text = readFileSync(join(root, file), 'utf8');
      expect(text).toMatch(from);
      writeFileSync(join(root, file), text.replace(from, to));
    }
    const { code, stdout } = runTolk(['sync', '--json'], root);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { stored: unknown[]; findings: Array<{ rule: string; file: string; term: string }> };
    expect(report.stored).toHaveLength(2);
    expect(report.findings.map(({ rule, file, term }) => ({ rule, file, term }))).toEqual([{ rule: 'glossary-missing', file: 'articles/es/race.md', term: 'heat' }]);
  });

  it('sync import: a translator\'s unit is checked against the subject of its article', () => {
    const two = { 'articles/en/race.md': articles['articles/en/race.md'], 'articles/en/weather.md': articles['articles/en/weather.md'] };
    root = makeProject({ 'tolk.config.json': config({ enforcement: 'warning' }), 'glossaries/terms.csv': glossary, ...two });
    expect(runTolk(['translate'], root).code).toBe(0);
    expect(runTolk(['sync', 'export', '--to', 'es', '--all', '-o', 'out.xlf'], root).code).toBe(0);
    let xliff = readFileSync(join(root, 'out.xlf'), 'utf8');
    const ids: Record<string, string> = {};
    for (const [source, target] of [['The newsroom saw her win the heat.', 'La redacción la vio ganar el calor.'], ['The newsroom felt the heat all day.', 'La redacción sintió el calor todo el día.']] as const) {
      const segment = `<segment id="s1" state="initial" subState="tolk:source-copy">\n        <source xml:space="preserve">${source}</source>\n        <target xml:space="preserve">${source}</target>`;
      expect(xliff).toContain(segment);
      ids[source] = /<unit id="([0-9a-f]+)">/.exec(xliff.slice(xliff.lastIndexOf('<unit ', xliff.indexOf(segment))))![1]!;
      xliff = xliff.replace(segment, `<segment id="s1" state="translated">\n        <source xml:space="preserve">${source}</source>\n        <target xml:space="preserve">${target}</target>`);
    }
    writeFileSync(join(root, 'out.xlf'), xliff);
    const { code, stdout } = runTolk(['sync', 'import', 'out.xlf', '--json'], root);
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { imported: number; findings: Array<{ rule: string; segment: string; term: string }> };
    expect(report.imported).toBe(2);
    expect(report.findings.map(({ rule, segment, term }) => ({ rule, segment, term }))).toEqual([{ rule: 'glossary-missing', segment: ids['The newsroom saw her win the heat.'], term: 'heat' }]);
  });

  it('articleSubjects and ScopedGlossary: one subject or a list, any case; unlisted subject fields apply everywhere', () => {
    expect(articleSubjects({ subject: 'Sports' })).toEqual(['sports']);
    expect(articleSubjects({ subject: ['news', 'Sports'] })).toEqual(['news', 'sports']);
    expect(articleSubjects({}, 'sports')).toEqual(['sports']);
    expect(articleSubjects(undefined)).toEqual([]);
    const concept = (id: string, subject?: string) => ({ id, file: 'g.csv', dnt: false, ...(subject ? { subject } : {}), terms: { en: [{ text: id, status: 'preferred' as const }] } });
    const g: Glossary = { concepts: [concept('heat', 'Athletics'), concept('Paris', 'geography'), concept('newsroom')] };
    const scoped = new ScopedGlossary(g, { sports: ['athletics'] });
    const found = (subjects?: string[]) => scoped.matchers(subjects)('en').find('heat Paris newsroom').map((o) => o.concept.id);
    expect(found(['sports'])).toEqual(['heat', 'Paris', 'newsroom']);
    expect(found(['news'])).toEqual(['Paris', 'newsroom']);
    expect(found([])).toEqual(['Paris', 'newsroom']);
    expect(found(undefined)).toEqual(['heat', 'Paris', 'newsroom']);
  });
});
