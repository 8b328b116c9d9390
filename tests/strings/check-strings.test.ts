import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { checkStrings } from '../../src/strings/check-strings.js';
import { defectTree, projectOf } from '../check/fixtures.js';

const pick = ({ severity, rule, key, namespace, file, line, column, message }: Record<string, unknown>) =>
  Object.fromEntries(Object.entries({ severity, rule, key, namespace, file, line, column, message }).filter(([, v]) => v !== undefined));

describe('string checks', () => {
  it('strings: every defect in de is found, with file, line and column', async () => {
    const { project } = await projectOf(defectTree());
    const de = (await checkStrings(project, ['de'])).get('de')!;
    expect(de.findings.map(pick)).toEqual([
      { severity: 'error', rule: 'placeholder', key: 'photoCredit', namespace: 'common', file: 'locales/de/common.json', line: 2, column: 3, message: '"photoCredit" placeholders differ from the source: missing {{site}}' },
      { severity: 'error', rule: 'placeholder', key: 'byline', namespace: 'common', file: 'locales/de/common.json', line: 3, column: 3, message: '"byline" placeholders differ from the source: </0> closes a tag that is not open' },
      { severity: 'error', rule: 'missing', key: 'readingTime_other', namespace: 'common', file: 'locales/de/common.json', message: 'missing "readingTime_other" (de needs the plural forms one, other)' },
      { severity: 'error', rule: 'placeholder', key: 'medalTableTitle', namespace: 'common', file: 'locales/de/common.json', line: 6, column: 3, message: '"medalTableTitle" placeholders differ from the source: missing $t(nav.medalTable); unexpected $t(nav.medaltable)' },
      { severity: 'error', rule: 'empty', key: 'nav.home', namespace: 'common', file: 'locales/de/common.json', line: 8, column: 5, message: '"nav.home" is empty' },
      { severity: 'warning', rule: 'identical', key: 'nav.news', namespace: 'common', file: 'locales/de/common.json', line: 9, column: 5, message: '"nav.news" is the same as the source ("Nieuws"); if that is right, add it to strings.identicalAllowed' },
      { severity: 'warning', rule: 'extra', key: 'readingTime_few', namespace: 'common', file: 'locales/de/common.json', line: 5, column: 3, message: '"readingTime_few": de has no plural form few' },
      { severity: 'warning', rule: 'extra', key: 'nav.old', namespace: 'common', file: 'locales/de/common.json', line: 11, column: 5, message: '"nav.old" is not in the source' },
      { severity: 'error', rule: 'missing', namespace: 'sport', file: 'locales/de/sport.json', message: 'namespace file missing: 1 string of locales/nl/sport.json untranslated' },
      { severity: 'warning', rule: 'extra', namespace: 'archive', file: 'locales/de/archive.json', message: 'namespace "archive" is not in the source' },
    ]);
    // 9 required keys; present and not empty: photoCredit, byline, readingTime_one, medalTableTitle, nav.news, nav.medalTable.
    expect(de).toMatchObject({ done: 6, total: 9 });
  });

  it('strings: ru needs few, and {{count}} in one (it also covers 21, 31…)', async () => {
    const { project } = await projectOf(defectTree());
    const ru = (await checkStrings(project, ['ru'])).get('ru')!;
    expect(ru.findings.map(pick)).toEqual([
      { severity: 'error', rule: 'placeholder', key: 'readingTime_one', namespace: 'common', file: 'locales/ru/common.json', line: 4, column: 3, message: '"readingTime_one" placeholders differ from the source: missing {{count}}' },
      { severity: 'error', rule: 'missing', key: 'readingTime_few', namespace: 'common', file: 'locales/ru/common.json', message: 'missing "readingTime_few" (ru needs the plural forms one, few, many, other)' },
    ]);
    expect(ru).toMatchObject({ done: 10, total: 11 });
  });

  it('strings: fr without the optional _many and en spelling out "one" are clean', async () => {
    const { project } = await projectOf(defectTree());
    const reports = await checkStrings(project, ['fr', 'en']);
    expect(reports.get('fr')).toMatchObject({ findings: [], done: 9, total: 9 });
    expect(reports.get('en')).toMatchObject({ findings: [], done: 9, total: 9 });
  });

  it('strings: the allow-list silences identical, per language or for all', async () => {
    for (const identicalAllowed of [['nav.news'], ['common:nav.*'], { de: ['nav.news'] }]) {
      const { project } = await projectOf(defectTree({ strings: { identicalAllowed } }));
      const de = (await checkStrings(project, ['de'])).get('de')!;
      expect(de.findings.filter((f) => f.rule === 'identical')).toEqual([]);
    }
    const { project } = await projectOf(defectTree({ strings: { identicalAllowed: { fr: ['nav.news'] } } }));
    expect((await checkStrings(project, ['de'])).get('de')!.findings.filter((f) => f.rule === 'identical')).toHaveLength(1);
  });

  it('strings: a value with no words of its own is never "identical"', async () => {
    const files = defectTree();
    files['locales/nl/sport.json'] = '{ "live": "Live verslag", "date": "{{date, datetime}}", "score": "{{home}}–{{away}}" }';
    files['locales/fr/sport.json'] = '{ "live": "En direct", "date": "{{date, datetime}}", "score": "{{home}}–{{away}}" }';
    const { project } = await projectOf(files);
    expect((await checkStrings(project, ['fr'])).get('fr')!.findings).toEqual([]);
  });

  it('strings: nested and flat dotted keys are the same key', async () => {
    const files = defectTree();
    files['locales/fr/common.json'] = files['locales/fr/common.json']!.replace(/"nav": \{[^}]*\}/, '"nav.home": "Accueil", "nav.news": "Actualités", "nav.medalTable": "Tableau des médailles"');
    const { project } = await projectOf(files);
    expect((await checkStrings(project, ['fr'])).get('fr')!.findings).toEqual([]);
  });

  it('strings: invalid JSON is an InputError naming file, line and column', async () => {
    const files = defectTree();
    files['locales/de/common.json'] = '{\n  "photoCredit": "Foto von {{name}} auf {{site}}",\n}\n';
    const { project } = await projectOf(files);
    const error = await checkStrings(project, ['de']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect(String(error)).toBe('locales/de/common.json:3:1: invalid JSON: property name expected');
  });

  it('strings: a listed namespace must exist in the source', async () => {
    const { project } = await projectOf(defectTree({ strings: { namespaces: ['common', 'teams'] } }));
    await expect(checkStrings(project, ['fr'])).rejects.toThrow(/source strings not found/);
  });

  it('strings: a project without locales has nothing to check', async () => {
    const { project } = await projectOf({ 'tolk.config.json': '{"sourceLanguage":"nl","targetLanguages":["de"]}' });
    expect((await checkStrings(project, ['de'])).get('de')).toEqual({ findings: [], done: 0, total: 0, files: [] });
  });
});
