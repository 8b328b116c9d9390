import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentId } from '../../src/markdown/index.js';
import { sync, syncExport, syncImport, translatedProject, unitIds, validateXliff } from './helpers.js';

const GLOSSARY = 'nl,af,note,dnt,forbidden\ntijdrit,tydrit,,no,af:tydren\nVan Aert,Van Aert,,yes,\n';

/** One unit of an XLIFF 2.0 file: its notes by category, state and target. */
function unitOf(xml: string, id: string) {
  const body = new RegExp(`<unit id="${id}">([\\s\\S]*?)</unit>`).exec(xml)?.[1];
  expect(body, `unit ${id}`).toBeDefined();
  const notes = [...body!.matchAll(/<note category="([^"]+)"[^>]*>([^<]*)<\/note>/g)].map((m) => [m[1], m[2]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')]);
  return {
    notes,
    state: /<segment(?: state="([^"]+)")?/.exec(body!)?.[1],
    target: /<target[^>]*>([\s\S]*?)<\/target>/.exec(body!)?.[1],
  };
}

describe('tolk sync export', () => {
  it('sync: exports what needs a translator, with matches, glossary terms, places and reasons', async () => {
    const root = await translatedProject({ glossaries: ['glossary.csv'] }, { 'glossary.csv': GLOSSARY });
    // After translation: a reworded sentence (stale) and a new article (untranslated).
    const article = join(root, 'articles/nl/rich.md');
    writeFileSync(article, readFileSync(article, 'utf8').replace('De renners reden', 'Alle renners reden'));
    writeFileSync(join(root, 'articles/nl/nieuw.md'), '# Nieuwe kop\n\nEen compleet andere zin over de tijdrit van Van Aert.\n');
    const result = await syncExport(root, { to: 'af', output: 'af.xlf', json: true });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    validateXliff(join(root, 'af.xlf'), 'xliff_core_2.0.xsd');
    expect(report).toMatchObject({ file: 'af.xlf', format: 'xliff2', sourceLanguage: 'nl', targetLanguage: 'af', byReason: { stale: 1, untranslated: 2 } });
    expect(report.units).toBe(report.byReason.machine + 3);
    const xml = readFileSync(join(root, 'af.xlf'), 'utf8');

    const fresh = unitOf(xml, segmentId('nl', 'Een compleet andere zin over de tijdrit van Van Aert.'));
    expect(fresh.target).toBeUndefined();
    expect(fresh.notes).toEqual([
      ['location', 'articles/nl/nieuw.md:3 (paragraph, segment 2 of 2)'],
      ['tolk', 'not translated yet'],
      ['glossary', '"tijdrit" → "tydrit"; not "tydren"'],
      ['glossary', '"Van Aert" is a name: keep it as "Van Aert"'],
    ]);

    const reworded = unitOf(xml, segmentId('nl', 'Alle renners reden <1/> tegen de klok.<2/> Lees ook ons <3>verslag van de wegrit</3>.'));
    expect(reworded.notes[0]).toEqual(['location', 'articles/nl/rich.md:18 (paragraph, segment 8 of 33)']);
    expect(reworded.notes[1]).toEqual(['tolk', 'the source sentence changed since this article was translated; the earlier translation is among the tm notes']);
    expect(reworded.notes[2]![0]).toBe('tm');
    expect(reworded.notes[2]![1]).toMatch(/^9\d% \(engine:pseudo, machine\): De renners reden <1\/> tegen de klok\.<2\/> Lees ook ons <3>verslag van de wegrit<\/3>\. → ⟦/);

    const machine = unitOf(xml, segmentId('nl', 'Hoe verliep de rit?'));
    expect(machine.state).toBe('initial');
    expect(machine.target).toMatch(/^⟦/);
    expect(machine.notes).toContainEqual(['tolk', 'machine translation: check and correct it, then mark it translated']);

    // Units are grouped by the article they first occur in.
    expect([...xml.matchAll(/<file id="(f\d+)" original="([^"]+)"/g)].map((m) => m[2])).toEqual(['articles/nl/nieuw.md', 'articles/nl/rich.md', 'articles/nl/seed.md']);
  });

  it('sync: warns when hand edits are not in the memory yet, and --all exports every segment', async () => {
    const root = await translatedProject();
    const localized = join(root, 'articles/af/rich.md');
    writeFileSync(localized, readFileSync(localized, 'utf8').replace(/^## ⟦Ĥöé.*$/m, '## Hoe het die rit verloop?'));
    const result = await syncExport(root, { to: 'af', output: 'af.xlf', json: true });
    expect(JSON.parse(result.stdout).diagnostics).toEqual([
      expect.objectContaining({
        rule: 'edits-pending',
        message: '1 segments edited by hand in 1 localized articles are not in the memory yet, so this file does not carry them; run `tolk sync` first',
      }),
    ]);
    expect((await sync(root)).code).toBe(0);
    const after = JSON.parse((await syncExport(root, { to: 'af', output: 'af.xlf', json: true })).stdout);
    expect(after.diagnostics).toEqual([]);
    const all = JSON.parse((await syncExport(root, { to: 'af', output: 'all.xlf', all: true, json: true })).stdout);
    expect(all.byReason).toEqual({ machine: after.units, translated: 1 });
    const xml = readFileSync(join(root, 'all.xlf'), 'utf8');
    expect(unitIds(xml)).toHaveLength(after.units + 1);
    expect(unitOf(xml, segmentId('nl', 'Hoe verliep de rit?'))).toMatchObject({ state: 'translated', target: 'Hoe het die rit verloop?' });
  });

  it('sync: usage errors exit 2 and write nothing', async () => {
    const root = await translatedProject();
    for (const args of [
      { to: 'af', format: 'xliff3' },
      { to: 'af', codes: 'bpt' },
      { to: 'af', format: 'xliff12', codes: 'ph' },
      { to: 'de' },
      { to: 'af,af' },
    ]) {
      const result = await syncExport(root, { ...args, output: 'x.xlf' });
      expect(result.code, JSON.stringify(args)).toBe(2);
    }
    expect((await syncExport(root, { to: 'de', output: 'x.xlf' })).stderr).toMatch(/--to de is not a target language of this project \(targetLanguages: af\)/);
    expect((await syncImport(root, { files: ['missing.xlf'] })).stderr).toMatch(/^tolk: missing\.xlf: file not found$/m);
  });
});
