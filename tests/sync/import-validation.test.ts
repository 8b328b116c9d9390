import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentId } from '../../src/tagged/index.js';
import { SqliteMemoryStore } from '../../src/memory/index.js';
import { fill2, humanize, humanizeXml, memory, syncExport, syncImport, translatedProject, unitIds } from './helpers.js';

/** The source inline content of one unit of an XLIFF 2.0 file. */
const sourceOf = (xml: string, id: string) => new RegExp(`<unit id="${id}">[\\s\\S]*?<segment[^>]*>\\s*<source xml:space="preserve">([\\s\\S]*?)</source>`).exec(xml)![1]!;

describe('sync import: units are judged one by one', () => {
  it('sync: invalid units are rejected individually with file, line, unit id and reason; the rest are imported', async () => {
    const root = await translatedProject();
    await syncExport(root, { to: 'af', output: 'af.xlf' });
    const file = join(root, 'af.xlf');
    const xml = readFileSync(file, 'utf8');
    const ids = unitIds(xml);
    const withCodes = ids.filter((id) => sourceOf(xml, id).includes('<pc id="1"'));
    const plain = ids.filter((id) => !sourceOf(xml, id).includes('<'));
    const [missingCode, unknownCode, isolated] = withCodes;
    const [empty, badState, editedSource] = plain;
    const broken = new Map<string, (source: string) => string>([
      [missingCode!, (s) => s.replace(/<pc id="1"[^>]*>([\s\S]*?)<\/pc>/, '$1')],
      [unknownCode!, (s) => `${s} <ph id="9"/>`],
      [isolated!, (s) => s.replace(/<pc id="1"[^>]*>([\s\S]*?)<\/pc>/, '<sc id="1"/>$1')],
      [empty!, () => ''],
    ]);
    let filled = fill2(xml, { target: (source, id) => broken.get(id)?.(source) ?? humanizeXml(source) });
    filled = filled.replace(new RegExp(`(<unit id="${badState}">[\\s\\S]*?<segment[^>]*?) state="translated"`), '$1 state="approved"');
    filled = filled.replace(new RegExp(`(<unit id="${editedSource}">[\\s\\S]*?<segment[^>]*>\\s*<source xml:space="preserve">)`), '$1Bewerkt: ');
    // A unit from elsewhere: an id and source no article has.
    const stranger = segmentId('nl', 'Een zin die nergens staat.');
    filled = filled.replace(
      '</file>',
      `  <unit id="${'f'.repeat(64)}">\n      <segment state="translated">\n        <source>Een zin die nergens staat.</source>\n        <target>Iets.</target>\n      </segment>\n    </unit>\n  </file>`,
    );
    writeFileSync(file, filled);
    const before = await memory(root);

    const result = await syncImport(root, { files: ['af.xlf'], json: true });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    const line = (id: string) => filled.slice(0, filled.indexOf(`<unit id="${id}">`)).split('\n').length;
    const rejected = Object.fromEntries(report.rejected.map((r: { unit: string; rule: string; message: string; file: string; line: number }) => [r.unit, r]));
    expect(Object.keys(rejected).sort()).toEqual([missingCode, unknownCode, isolated, empty, badState, editedSource, 'f'.repeat(64)].sort());
    for (const [id, r] of Object.entries(rejected) as Array<[string, { file: string; line: number; message: string }]>) {
      expect(r.file).toBe('af.xlf');
      expect(r.line).toBe(line(id));
      expect(r.message).toMatch(new RegExp(`^unit ${id.slice(0, 12)}…: `));
    }
    expect(rejected[missingCode!]).toMatchObject({ rule: 'xliff-codes', message: expect.stringMatching(/missing tag <1> \(code id "1"\)$/) });
    expect(rejected[unknownCode!]).toMatchObject({ rule: 'xliff-codes', message: expect.stringMatching(/unknown tag <\d+\/>/) });
    expect(rejected[isolated!]).toMatchObject({ rule: 'xliff-codes', message: expect.stringMatching(/unclosed tag <1>/) });
    expect(rejected[empty!]).toMatchObject({ rule: 'xliff-empty-target', message: expect.stringMatching(/the target is empty$/) });
    expect(rejected[badState!]).toMatchObject({ rule: 'xliff-state', message: expect.stringMatching(/unknown state "approved"$/) });
    expect(rejected[editedSource!]).toMatchObject({ rule: 'xliff-source-mismatch', message: expect.stringMatching(/the source differs from segment .*; was the source edited\?$/) });
    expect(rejected['f'.repeat(64)]).toMatchObject({ rule: 'xliff-source-mismatch' });
    expect(stranger).not.toBe('f'.repeat(64));

    const after = await memory(root);
    for (const id of Object.keys(rejected)) expect(after.get(id)).toEqual(before.get(id));
    expect(report.imported).toBe(ids.length - 6);
    for (const id of ids.filter((i) => !(i in rejected))) expect(after.get(id)!.origin).toBe('human');
  });

  it('sync: a unit whose source changed since the export is stored as a fuzzy match, not applied', async () => {
    const root = await translatedProject();
    await syncExport(root, { to: 'af', output: 'af.xlf' });
    const file = join(root, 'af.xlf');
    writeFileSync(file, fill2(readFileSync(file, 'utf8')));
    // The editor rewords a sentence while the translator works.
    const article = join(root, 'articles/nl/rich.md');
    const old = 'De renners reden';
    writeFileSync(article, readFileSync(article, 'utf8').replace(old, 'Alle renners reden'));
    const result = await syncImport(root, { files: ['af.xlf'], json: true });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.fuzzy).toHaveLength(1);
    expect(report.fuzzy[0]).toMatchObject({
      rule: 'source-changed',
      file: 'af.xlf',
      message: expect.stringMatching(/its source changed since the export; stored as a fuzzy match for review, not applied; it is a \d+% match for segment [0-9a-f]{12} at articles\/nl\/rich\.md:18$/),
    });
    // The new sentence has no translation; the old one's translation is offered as a fuzzy match.
    const newSource = 'Alle renners reden <1/> tegen de klok.<2/> Lees ook ons <3>verslag van de wegrit</3>.';
    const store = new SqliteMemoryStore(join(root, '.tolk/tm.sqlite'));
    try {
      expect((await store.lookup([segmentId('nl', newSource)], 'af')).size).toBe(0);
      const [best] = await store.fuzzy(newSource, { sourceLanguage: 'nl', targetLanguage: 'af', limit: 1 });
      expect(best).toMatchObject({ origin: 'human', target: humanize(`${old} <1/> tegen de klok.<2/> Lees ook ons <3>verslag van de wegrit</3>.`) });
    } finally {
      await store.close();
    }
    // The rebuilt article has the new sentence untranslated, not the old sentence's translation.
    const localized = readFileSync(join(root, 'articles/af/rich.md'), 'utf8');
    expect(localized).toContain('Alle renners reden');
    expect(localized).not.toContain('eD srenner nedeer');
  });

  it('sync: the same segment twice with different translations keeps the first and rejects the second', async () => {
    const root = await translatedProject();
    await syncExport(root, { to: 'af', output: 'a.xlf' });
    const xml = readFileSync(join(root, 'a.xlf'), 'utf8');
    const [id] = unitIds(xml);
    writeFileSync(join(root, 'a.xlf'), fill2(xml, { only: (i) => i === id }));
    writeFileSync(join(root, 'b.xlf'), fill2(xml, { only: (i) => i === id, target: (s) => `Anders ${s}` }));
    const result = await syncImport(root, { files: ['a.xlf', 'b.xlf'] });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/b\.xlf:\d+: error: unit [0-9a-f]{12}…: the same segment as unit [0-9a-f]{12}… \(a\.xlf:\d+\), with another translation; only the first was kept \[xliff-duplicate\]/);
    expect((await memory(root)).get(id!)!.target).not.toMatch(/^Anders/);
  });

  it('sync: imported translations are checked against the glossary and stored with their violations', async () => {
    const glossary = 'nl,af,note,dnt,forbidden\ntijdrit,tydrit,,no,af:tydren\n';
    const root = await translatedProject({ glossaries: ['glossary.csv'] }, { 'glossary.csv': glossary });
    await syncExport(root, { to: 'af', output: 'af.xlf' });
    const id = segmentId('nl', 'Hoe verliep de rit?');
    const xml = readFileSync(join(root, 'af.xlf'), 'utf8');
    const title = segmentId('nl', 'Van Aert pakt brons in de tijdrit van Parijs');
    writeFileSync(
      join(root, 'af.xlf'),
      fill2(xml, { only: (i) => i === id || i === title, target: (_, i) => (i === id ? 'Hoe het die rit verloop?' : 'Van Aert wen brons in die tydren van Parys') }),
    );
    const result = await syncImport(root, { files: ['af.xlf'] });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^af\.xlf:\d+: error: "tydren" is a forbidden translation of "tijdrit"; use "tydrit" \[glossary-forbidden\]$/m);
    expect(result.stdout).toMatch(/^2 imported/m);
    expect((await memory(root)).get(title)).toMatchObject({ origin: 'human', violations: ['glossary-missing: tijdrit → tydrit (found tydren)', 'glossary-forbidden: tijdrit → tydrit (found tydren)'] });
  });
});
