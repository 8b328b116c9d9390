import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCheckCommand } from '../../src/cli/commands/check.js';
import { segmentId } from '../../src/tagged/index.js';
import { makeProject } from '../helpers/project.js';
import { fill12, fill2, memory, projectFiles, run, sync, syncExport, syncImport, translate, unitIds, validateXliff } from './helpers.js';

/**
 * UI strings take the translators' way too: the keys a language lacks or got
 * from a machine go out in the XLIFF (one unit per plural form, with a number
 * of the form's category in place of `{{count}}`), and come back into the
 * locale files and the memory.
 */
const nl = {
  byline: 'Door <0>{{author}}</0>',
  readingTime_one: '{{count}} minuut leestijd',
  readingTime_other: '{{count}} minuten leestijd',
  nav: { home: 'Voorpagina', news: 'Nieuws' },
};

/** nl → af (articles and strings), ru and de (strings only); ru has one key written by hand, the rest filled by the pseudo engine. */
async function stringsProject(): Promise<string> {
  const root = makeProject({
    'tolk.config.json': JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['af', 'ru', 'de'], articleLanguages: ['af'] }),
    'articles/nl/a.md': '# Uitslagen\n\nDe *tijdrit* is voorbij.\n',
    'locales/nl/common.json': JSON.stringify(nl, null, 2),
    'locales/ru/common.json': JSON.stringify({ nav: { news: 'Новости' } }, null, 2),
  });
  const filled = await translate(root, { strings: true, to: 'ru' });
  expect(filled.code, filled.stderr).toBe(0);
  return root;
}

const ru = (root: string) => JSON.parse(readFileSync(join(root, 'locales/ru/common.json'), 'utf8'));
const ids = {
  byline: segmentId('nl', 'Door <1><2/></1>'),
  // Russian `one` is 1, 21, 31…: 21 shows the form best; `other` is for fractions only, so it keeps {{count}} as a code.
  one: segmentId('nl', '21 minuut leestijd'),
  few: segmentId('nl', '2 minuten leestijd'),
  many: segmentId('nl', '5 minuten leestijd'),
  other: segmentId('nl', '<1/> minuten leestijd'),
  home: segmentId('nl', 'Voorpagina'),
  news: segmentId('nl', 'Nieuws'),
};

/** What a Russian translator types, by unit (XLIFF inline content): the plural forms keep their number. */
const russian: Record<string, string> = {
  [ids.one]: '21 минута чтения',
  [ids.few]: '2 минуты чтения',
  [ids.many]: '5 минут чтения',
  [ids.home]: 'Главная',
};

describe.each([
  { format: 'xliff2', schema: 'xliff_core_2.0.xsd', fill: fill2, byline: 'Автор: <pc id="1"><ph id="2"/></pc>', other: '<ph id="1"/> минуты чтения' },
  { format: 'xliff12', schema: 'xliff-core-1.2-strict.xsd', fill: fill12, byline: 'Автор: <g id="1"><x id="2"/></g>', other: '<x id="1"/> минуты чтения' },
] as const)('UI strings through $format', ({ format, schema, fill, byline, other }) => {
  it('sync: the machine-filled keys go out, one unit per plural form; the translations come back into the locale file, once', async () => {
    const root = await stringsProject();
    expect((await syncExport(root, { to: 'ru', format, output: 'ru.xlf' })).code).toBe(0);
    const file = join(root, 'ru.xlf');
    validateXliff(file, schema);
    const xml = readFileSync(file, 'utf8');
    // nav.news was written by a person: not offered again. Russian needs four forms of readingTime, each its own unit.
    expect(unitIds(xml).sort()).toEqual([ids.byline, ids.one, ids.few, ids.many, ids.other, ids.home].sort());
    expect(xml).toContain('original="locales/nl/common.json"');
    expect(xml).toContain('locales/ru/common.json key &quot;readingTime_many&quot; (plural form &quot;many&quot;)'.replaceAll('&quot;', '"'));
    expect(xml).toContain('the number 5 stands for {{count}}');
    expect(xml).toMatch(format === 'xliff2' ? /disp="\{\{author\}\}"/ : /equiv-text="\{\{author\}\}"/);

    writeFileSync(file, fill(xml, { target: (_source, id) => ({ [ids.byline]: byline, [ids.other]: other })[id] ?? russian[id]! }));
    const imported = await syncImport(root, { files: ['ru.xlf'] });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('6 imported, 0 unchanged');
    expect(imported.stdout).toContain('wrote locales/ru/common.json');
    expect(imported.stdout).toContain('ru: no articles; 7 UI strings: 0 open, 0 machine, 7 human, 0 reviewed');
    expect(ru(root)).toEqual({
      nav: { news: 'Новости', home: 'Главная' },
      byline: 'Автор: <0>{{author}}</0>',
      readingTime_one: '{{count}} минута чтения',
      readingTime_few: '{{count}} минуты чтения',
      readingTime_many: '{{count}} минут чтения',
      readingTime_other: '{{count}} минуты чтения',
    });
    const entries = await memory(root, 'ru');
    expect(entries.get(ids.many)).toMatchObject({ source: '5 minuten leestijd', target: '5 минут чтения', origin: 'human', status: 'translated', previousOrigin: 'engine:pseudo' });
    const check = await run((args: { lang: string }, io) => runCheckCommand(args, io), { lang: 'ru' }, root);
    expect(check.code, check.stdout + check.stderr).toBe(0);

    // Nothing is left to do, and importing the same file again changes nothing.
    expect((await syncExport(root, { to: 'ru', format, output: 'again.xlf' })).stdout).toContain('nothing to translate into ru');
    const before = projectFiles(root);
    const again = await syncImport(root, { files: ['ru.xlf'] });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('0 imported, 6 unchanged');
    expect(projectFiles(root)).toEqual(before);
  });
});

describe('UI strings: what a translator cannot break', () => {
  it('sync import: a plural form without its number and a target without its codes are rejected one by one; the rest import', async () => {
    const root = await stringsProject();
    await syncExport(root, { to: 'ru', output: 'ru.xlf' });
    const xml = readFileSync(join(root, 'ru.xlf'), 'utf8');
    const broken: Record<string, string> = { ...russian, [ids.other]: '<ph id="1"/> минуты', [ids.many]: 'много минут чтения', [ids.byline]: 'Автор' };
    writeFileSync(join(root, 'ru.xlf'), fill2(xml, { target: (_s, id) => broken[id]! }));
    const result = await syncImport(root, { files: ['ru.xlf'], json: true });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.imported).toBe(4);
    expect(report.rejected).toEqual([
      expect.objectContaining({ rule: 'xliff-codes', file: 'ru.xlf', line: expect.any(Number), unit: ids.byline }),
      expect.objectContaining({
        rule: 'xliff-count',
        file: 'ru.xlf',
        unit: ids.many,
        message: expect.stringContaining('the count 5 did not come back; cannot place {{count}}: keep the number 5 as a number in the translation'),
      }),
    ]);
    // The rejected keys keep their machine fill; the others have the translator's text.
    expect(ru(root).readingTime_many).toMatch(/^⟦\{\{count\}\} /);
    expect(ru(root).readingTime_few).toBe('{{count}} минуты чтения');
  });

  it("sync import: a translator's changed target replaces a value typed into the JSON whatever its state, and says what it replaced", async () => {
    const root = await stringsProject();
    expect((await syncExport(root, { to: 'ru', all: true, output: 'ru.xlf' })).stdout).toContain('7 units');
    const xml = readFileSync(join(root, 'ru.xlf'), 'utf8');
    // With --all the hand-written value goes out as a translation.
    expect(xml).toMatch(/<segment state="translated">\s*<source xml:space="preserve">Nieuws<\/source>\s*<target xml:space="preserve">Новости<\/target>/);
    const only = (id: string) => id === ids.news;
    // Sent back as it was, in a draft state: nothing changes.
    writeFileSync(join(root, 'same.xlf'), fill2(xml, { only, state: 'initial', target: () => 'Новости' }));
    const same = await syncImport(root, { files: ['same.xlf'], json: true });
    expect(JSON.parse(same.stdout)).toMatchObject({ imported: 0, draftsNotApplied: [], diagnostics: [] });
    expect(ru(root).nav.news).toBe('Новости');

    // Changed, even with the state left in a draft: the translator's work.
    writeFileSync(join(root, 'draft.xlf'), fill2(xml, { only, state: 'initial', target: () => 'Вести' }));
    const draft = await syncImport(root, { files: ['draft.xlf'], json: true });
    expect(draft.code, draft.stderr).toBe(0);
    expect(JSON.parse(draft.stdout).diagnostics).toEqual([
      expect.objectContaining({ rule: 'string-superseded', file: 'locales/ru/common.json', key: 'nav.news', message: expect.stringContaining('"nav.news" was "Новости"') }),
    ]);
    expect(ru(root).nav.news).toBe('Вести');
    expect((await memory(root, 'ru')).get(ids.news)).toMatchObject({ target: 'Вести', status: 'translated' });

    writeFileSync(join(root, 'final.xlf'), fill2(xml, { only, state: 'final', target: () => 'Вести' }));
    const final = await syncImport(root, { files: ['final.xlf'], json: true });
    expect(final.code, final.stderr).toBe(0);
    expect((await memory(root, 'ru')).get(ids.news)).toMatchObject({ target: 'Вести', status: 'final' });
  });

  it('sync: a language without articles gets only its strings; an article unit in its file is rejected', async () => {
    const root = await stringsProject();
    const de = await syncExport(root, { to: 'de', output: 'de.xlf' });
    expect(de.stdout).toContain('de.xlf: 5 units nl → de as XLIFF 2.0 (5 untranslated)');
    expect(readFileSync(join(root, 'de.xlf'), 'utf8')).not.toContain('articles/nl/a.md');
    // German plural forms are one and other: two units for readingTime.
    expect(unitIds(readFileSync(join(root, 'de.xlf'), 'utf8'))).toContain(segmentId('nl', '2 minuten leestijd'));

    await syncExport(root, { to: 'af', output: 'af.xlf' });
    const af = readFileSync(join(root, 'af.xlf'), 'utf8');
    expect(af).toContain('original="articles/nl/a.md"');
    expect(af).toContain('original="locales/nl/common.json"');
    writeFileSync(join(root, 'wrong.xlf'), fill2(af.replace('trgLang="af"', 'trgLang="de"'), { only: (id) => id === segmentId('nl', 'Uitslagen') }));
    const wrong = await syncImport(root, { files: ['wrong.xlf'], json: true });
    expect(wrong.code).toBe(1);
    expect(JSON.parse(wrong.stdout).rejected).toEqual([
      expect.objectContaining({ rule: 'xliff-language', message: expect.stringContaining('an article segment, but articles are not translated into de (articleLanguages: af)') }),
    ]);

    const status = await sync(root, { to: 'de,af' });
    expect(status.stdout).toContain('de: no articles; 5 UI strings: 5 open, 0 machine, 0 human, 0 reviewed');
    expect(status.stdout).toMatch(/af: 2 segments: 2 open, 0 machine, 0 human, 0 reviewed; 5 UI strings: 5 open/);
  });

  it('sync: a translation edited in a PO file by Translate Toolkit comes back into the locale file with {{count}} in place', async () => {
    const root = await stringsProject();
    // PO users take the machine translation as a fuzzy msgstr: --prefill suggestion.
    await syncExport(root, { to: 'ru', format: 'xliff12', codes: 'bpt', prefill: 'suggestion', output: 'ru.xlf' });
    const tt = (command: string, input: string, output: string) => {
      const result = spawnSync(command, ['--progress=none', input, output], { cwd: root, encoding: 'utf8' });
      expect(result.error, `${command} must be installed (Debian package translate-toolkit)`).toBeUndefined();
      expect(result.status, result.stderr).toBe(0);
    };
    tt('xliff2po', 'ru.xlf', 'ru.po');
    const po = readFileSync(join(root, 'ru.po'), 'utf8');
    expect(po).toMatch(/#, fuzzy\nmsgid "5 minuten leestijd"\nmsgstr "⟦/);
    writeFileSync(join(root, 'ru.po'), po.replace(/#, fuzzy\n(msgid "5 minuten leestijd"\n)msgstr ".*"/, '$1msgstr "5 минут чтения"'));
    tt('po2xliff', 'ru.po', 'back.xlf');
    const result = await syncImport(root, { files: ['back.xlf'], to: 'ru', json: true });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ imported: 1, rejected: [] });
    expect(ru(root).readingTime_many).toBe('{{count}} минут чтения');
  });

  it('sync: a value typed into the locale file is stored in the memory as a human translation, once', async () => {
    const root = await stringsProject();
    const hand = { ...ru(root), readingTime_few: '{{count}} минуты на чтение' };
    writeFileSync(join(root, 'locales/ru/common.json'), JSON.stringify(hand, null, 2));
    const result = await sync(root, { to: 'ru' });
    expect(result.code, result.stderr).toBe(0);
    // nav.news was written by hand before any machine; readingTime_few replaced a machine fill.
    expect(result.stdout).toMatch(/^locales\/ru\/common\.json:3: translated by hand; stored in the memory as a human translation/m);
    expect(result.stdout).toMatch(/^locales\/ru\/common\.json:\d+: edited; stored in the memory as a human translation/m);
    expect(result.stdout).toContain('2 hand edits stored');
    const entries = await memory(root, 'ru');
    expect(entries.get(ids.news)).toMatchObject({ target: 'Новости', origin: 'human', status: 'translated', articles: ['locales/nl/common.json#nav.news'] });
    expect(entries.get(ids.few)).toMatchObject({ target: '2 минуты на чтение', origin: 'human' });
    expect((await sync(root, { to: 'ru' })).stdout).toContain('0 hand edits stored');
  });
});
