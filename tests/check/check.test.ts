import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FindingProvider } from '../../src/check/index.js';
import { runCheck } from '../../src/check/index.js';
import { loadProject } from '../../src/config/index.js';
import { makeProject, snapshot } from '../helpers/project.js';
import { defectTree } from './fixtures.js';
import { localize } from '../helpers/localize.js';
import { tolkCheck } from './run.js';

const ruFindings = [
  {
    severity: 'error',
    rule: 'missing',
    language: 'ru',
    namespace: 'common',
    key: 'readingTime_few',
    file: 'locales/ru/common.json',
    line: null,
    message: 'missing "readingTime_few" (ru needs the plural forms one, few, many, other)',
  },
  {
    severity: 'error',
    rule: 'placeholder',
    language: 'ru',
    namespace: 'common',
    key: 'readingTime_one',
    file: 'locales/ru/common.json',
    line: 4,
    message: '"readingTime_one" placeholders differ from the source: missing {{count}}',
  },
];

describe('tolk check', () => {
  it('check: --format json lists every finding with the same eight fields and a per-language summary', async () => {
    const root = makeProject(defectTree());
    const { code, stdout } = await tolkCheck(root, { format: 'json', lang: 'ru' });
    expect(code).toBe(1);
    // ru: 11 required strings, 10 there (readingTime_few is missing) → floor(100 · 10 / 11) = 90.
    expect(JSON.parse(stdout)).toEqual({ findings: ruFindings, summary: { errors: 2, warnings: 0, languages: { ru: { complete: 90 } } } });
  });

  it('check: every language, every rule, counted in the summary', async () => {
    const root = makeProject(defectTree());
    const { code, stdout } = await tolkCheck(root, { json: true });
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report.summary).toEqual({
      errors: 8,
      warnings: 4,
      languages: { de: { complete: 66 }, ru: { complete: 90 }, fr: { complete: 100 }, en: { complete: 100 } },
    });
    const rules = report.findings.map((f: { language: string; rule: string; key: string | null }) => `${f.language} ${f.rule} ${f.key}`);
    expect(rules).toEqual([
      'de extra null',
      'de missing readingTime_other',
      'de placeholder photoCredit',
      'de placeholder byline',
      'de extra readingTime_few',
      'de placeholder medalTableTitle',
      'de empty nav.home',
      'de identical nav.news',
      'de extra nav.old',
      'de missing null',
      'ru missing readingTime_few',
      'ru placeholder readingTime_one',
    ]);
  });

  it('check: exit 0 when the language asked for is clean, whatever the others', async () => {
    const root = makeProject(defectTree());
    expect((await tolkCheck(root, { lang: 'fr' })).code).toBe(0);
    expect((await tolkCheck(root, { lang: 'fr,en', format: 'json' })).stdout).toContain('"findings": []');
    expect((await tolkCheck(root, { lang: 'de' })).code).toBe(1);
  });

  it('check: warnings pass unless --strict', async () => {
    const files = defectTree();
    files['locales/fr/sport.json'] = '{ "live": "Live verslag" }\n';
    const root = makeProject(files);
    const relaxed = await tolkCheck(root, { lang: 'fr' });
    expect(relaxed.code).toBe(0);
    expect(relaxed.stdout).toContain('0 errors, 1 warning in 1 language: passed');
    const strict = await tolkCheck(root, { lang: 'fr', strict: true });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('0 errors, 1 warning in 1 language: failed (--strict: warnings count)');
  });

  it('check: invalid JSON exits 2 naming file, line and column; another language is not affected', async () => {
    const files = defectTree();
    files['locales/de/common.json'] = '{\n  "photoCredit": "Foto von {{name}} auf {{site}}"\n  "byline": "Von <0>{{author}}</0>"\n}\n';
    const root = makeProject(files);
    const before = snapshot(root);
    const { code, stdout, stderr } = await tolkCheck(root, {});
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe('tolk: locales/de/common.json:3:3: invalid JSON: comma expected\n');
    expect((await tolkCheck(root, { lang: 'fr' })).code).toBe(0);
    expect(snapshot(root)).toEqual(before);
  });

  it('check: invalid JSON gets a GitHub annotation too', async () => {
    const files = defectTree();
    files['locales/nl/common.json'] = '{ "photoCredit": "Foto door {{name}}", }';
    const { code, stdout } = await tolkCheck(makeProject(files), { format: 'github' });
    expect(code).toBe(2);
    expect(stdout).toBe('::error file=locales/nl/common.json,line=1,col=40,title=check::invalid JSON: property name expected\n');
  });

  it('check: a bad config, an unknown --lang or --format exit 2', async () => {
    const bad = makeProject({ 'tolk.config.json': '{"sourceLanguage":"nl","targetLanguages":["de"],"strings":{"identicalAllowed":"nav.news"}}' });
    const config = await tolkCheck(bad, {});
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/tolk\.config\.json:1: invalid key "strings\.identicalAllowed"/);
    const root = makeProject(defectTree());
    const lang = await tolkCheck(root, { lang: 'it' });
    expect(lang).toMatchObject({ code: 2, stderr: 'tolk: --lang it is not a target language (targetLanguages: de, ru, fr, en)\n' });
    expect((await tolkCheck(root, { format: 'xml' })).code).toBe(2);
  });

  it('check: --format github writes one annotation per finding', async () => {
    const { code, stdout } = await tolkCheck(makeProject(defectTree()), { format: 'github', lang: 'ru' });
    expect(code).toBe(1);
    expect(stdout).toBe(
      [
        '::error file=locales/ru/common.json,title=missing (ru)::missing "readingTime_few" (ru needs the plural forms one, few, many, other)',
        '::error file=locales/ru/common.json,line=4,col=3,title=placeholder (ru)::"readingTime_one" placeholders differ from the source: missing {{count}}',
        'tolk check: 2 errors, 0 warnings (complete: ru 90%)',
        '',
      ].join('\n'),
    );
  });

  it('check: GitHub annotations escape what would end a command or a property', async () => {
    const provider: FindingProvider = async () => [
      { severity: 'warning', rule: 'glossary-missing', language: 'fr', file: 'articles/fr/a,b.md', line: 3, message: '50% of "x"\nsecond line' },
    ];
    const { stdout } = await tolkCheck(makeProject(defectTree()), { format: 'github', lang: 'fr' }, [provider]);
    expect(stdout.split('\n')[0]).toBe('::warning file=articles/fr/a%2Cb.md,line=3,title=glossary-missing (fr)::50%25 of "x"%0Asecond line');
  });

  it('check: --format junit has one test case per language and file, failing on errors', async () => {
    const { code, stdout } = await tolkCheck(makeProject(defectTree()), { format: 'junit', lang: 'ru,fr' });
    expect(code).toBe(1);
    expect(stdout).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="tolk check" tests="4" failures="1" errors="0">
  <testsuite name="ru" tests="2" failures="1" errors="0" complete="90">
    <testcase classname="tolk.check.ru" name="locales/ru/common.json">
      <failure message="2 errors" type="tolk-check">locales/ru/common.json: error: missing "readingTime_few" (ru needs the plural forms one, few, many, other) [missing]
locales/ru/common.json:4:3: error: "readingTime_one" placeholders differ from the source: missing {{count}} [placeholder]</failure>
    </testcase>
    <testcase classname="tolk.check.ru" name="locales/ru/sport.json"/>
  </testsuite>
  <testsuite name="fr" tests="2" failures="0" errors="0" complete="100">
    <testcase classname="tolk.check.fr" name="locales/fr/common.json"/>
    <testcase classname="tolk.check.fr" name="locales/fr/sport.json"/>
  </testsuite>
</testsuites>
`);
  });

  it('check: JUnit keeps warnings as output, and fails on them under --strict', async () => {
    const files = defectTree();
    files['locales/fr/sport.json'] = '{ "live": "Live verslag" }\n';
    const root = makeProject(files);
    const relaxed = (await tolkCheck(root, { format: 'junit', lang: 'fr' })).stdout;
    expect(relaxed).toContain('<testcase classname="tolk.check.fr" name="locales/fr/sport.json">\n      <system-out>locales/fr/sport.json:1:3: warning:');
    expect(relaxed).toContain('failures="0"');
    const strict = (await tolkCheck(root, { format: 'junit', lang: 'fr', strict: true })).stdout;
    expect(strict).toContain('<failure message="1 warning" type="tolk-check">locales/fr/sport.json:1:3: warning: "live" is the same as the source');
    expect(strict).toContain('failures="1"');
  });

  it('check: text output groups by language and file, with counts', async () => {
    const { stdout } = await tolkCheck(makeProject(defectTree()), { lang: 'ru,en' });
    expect(stdout).toBe(
      [
        'ru: 90% complete, 2 errors',
        '  locales/ru/common.json: 2 errors',
        '    locales/ru/common.json: error: missing "readingTime_few" (ru needs the plural forms one, few, many, other) [missing]',
        '    locales/ru/common.json:4:3: error: "readingTime_one" placeholders differ from the source: missing {{count}} [placeholder]',
        'en: 100% complete, no findings',
        '2 errors, 0 warnings in 2 languages: failed',
        '',
      ].join('\n'),
    );
  });

  it('check: providers add findings (the glossary seam), limited to the languages asked for', async () => {
    const seen: string[][] = [];
    const glossary: FindingProvider = async ({ languages }) => {
      seen.push([...languages]);
      return [
        { severity: 'error', rule: 'glossary-forbidden', language: 'fr', file: 'articles/fr/a.md', line: 7, message: '"gouden plak" is forbidden' },
        { severity: 'error', rule: 'glossary-forbidden', language: 'de', file: 'articles/de/a.md', line: 7, message: '"Goldplakette" is forbidden' },
      ];
    };
    const root = makeProject(defectTree());
    const { code, stdout } = await tolkCheck(root, { json: true, lang: 'fr' }, [glossary]);
    expect(code).toBe(1);
    expect(seen).toEqual([['fr']]);
    expect(JSON.parse(stdout).findings).toEqual([
      { severity: 'error', rule: 'glossary-forbidden', language: 'fr', namespace: null, key: null, file: 'articles/fr/a.md', line: 7, message: '"gouden plak" is forbidden' },
    ]);
  });

  it('check: completeness covers strings and articles together', async () => {
    const files = defectTree();
    files['tolk.config.json'] = JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['fr', 'en'], frontMatter: { translate: ['title'] } });
    files['articles/nl/a.md'] = '# Goud\n\nHet land won goud.\n\nEn zilver.\n';
    const root = makeProject(files);
    await localize(root, ['fr']);
    writeFileSync(join(root, 'articles/nl/b.md'), '# Brons\n');
    const result = await runCheck({ project: await loadProject({ root }) });
    // fr: 9 strings + 3 of 4 segments (b.md missing) → floor(100 · 12 / 13) = 92; en: 9 strings, 0 of 4 segments → 69.
    expect(result.languages.fr).toMatchObject({ complete: 92, strings: { done: 9, total: 9 }, articles: { done: 3, total: 4 }, errors: 1 });
    expect(result.languages.en).toMatchObject({ complete: 69, articles: { done: 0, total: 4 }, errors: 2 });
    expect(result.exitCode).toBe(1);
  });
});
