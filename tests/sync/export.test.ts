import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentId } from '../../src/tagged/index.js';
import { sync, syncExport, syncImport, translatedProject, unitIds, validateXliff } from './helpers.js';

const GLOSSARY = 'nl,af,note,dnt,forbidden\ntijdrit,tydrit,,no,af:tydren\nVan Aert,Van Aert,,yes,\n';

/** One unit of an XLIFF 2.0 file: its notes by category, state and target. */
function unitOf(xml: string, id: string) {
  const body = new RegExp(`<unit id="${id}">([\\s\\S]*?)</unit>`).exec(xml)?.[1];
  expect(body, `unit ${id}`).toBeDefined();
  const notes = [...body!.matchAll(/<note category="([^"]+)"[^>]*>([^<]*)<\/note>/g)].map((m) => [m[1], m[2]!.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>')]);
  // The segment's own target: a <mtc:match> carries a target of its own.
  const segment = /<segment[^>]*>[\s\S]*?<\/segment>/.exec(body!)![0];
  return {
    notes,
    state: /<segment[^>]*? state="([^"]+)"/.exec(segment)?.[1],
    subState: /<segment[^>]*? subState="([^"]+)"/.exec(segment)?.[1],
    target: /<target[^>]*>([\s\S]*?)<\/target>/.exec(segment)?.[1],
    matches: [...body!.matchAll(/<mtc:match ([^>]*)>\s*<source[^>]*>([\s\S]*?)<\/source>\s*<target[^>]*>([\s\S]*?)<\/target>/g)].map((m) => ({
      attributes: m[1],
      source: m[2],
      target: m[3],
    })),
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
    // --prefill source (the default): the target is a copy of the source, in no finished state.
    expect(fresh).toMatchObject({ target: 'Een compleet andere zin over de tijdrit van Van Aert.', state: 'initial', subState: 'tolk:source-copy', matches: [] });
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
    // The earlier translation is a memory match: a Translation Candidate with its source and similarity.
    expect(reworded.matches).toEqual([
      { attributes: expect.stringMatching(/^ref="#s1" type="tm" similarity="9\d" origin="engine:pseudo"$/), source: expect.stringMatching(/^De renners reden <ph /), target: expect.stringMatching(/^⟦/) },
    ]);

    const machine = unitOf(xml, segmentId('nl', 'Hoe verliep de rit?'));
    // The machine translation is offered as a candidate, not as the text to translate.
    expect(machine).toMatchObject({ state: 'initial', target: 'Hoe verliep de rit?' });
    expect(machine.matches).toEqual([{ attributes: 'ref="#s1" type="mt" origin="engine:pseudo"', source: 'Hoe verliep de rit?', target: expect.stringMatching(/^⟦/) }]);
    expect(machine.notes).toContainEqual(['tolk', 'machine-translated: the machine translation is offered as a match (take it and correct it, or translate anew)']);

    // Units are grouped by the article they first occur in.
    expect([...xml.matchAll(/<file id="(f\d+)" original="([^"]+)"/g)].map((m) => m[2])).toEqual(['articles/nl/nieuw.md', 'articles/nl/rich.md', 'articles/nl/seed.md']);

    // --prefill suggestion: the machine translation, else the best memory match whose tags fit; else no target.
    expect((await syncExport(root, { to: 'af', output: 'suggested.xlf', prefill: 'suggestion' })).code).toBe(0);
    validateXliff(join(root, 'suggested.xlf'), 'xliff_core_2.0.xsd');
    const suggested = readFileSync(join(root, 'suggested.xlf'), 'utf8');
    expect(unitOf(suggested, segmentId('nl', 'Hoe verliep de rit?'))).toMatchObject({ state: 'initial', subState: 'tolk:machine', target: expect.stringMatching(/^⟦/) });
    expect(unitOf(suggested, segmentId('nl', 'Alle renners reden <1/> tegen de klok.<2/> Lees ook ons <3>verslag van de wegrit</3>.'))).toMatchObject({
      subState: 'tolk:fuzzy-match',
      target: expect.stringMatching(/^⟦/),
    });
    expect(unitOf(suggested, segmentId('nl', 'Een compleet andere zin over de tijdrit van Van Aert.'))).toMatchObject({ target: undefined, state: undefined });
    // --prefill none: no target where no person has translated; the suggestions stay.
    expect((await syncExport(root, { to: 'af', output: 'none.xlf', prefill: 'none' })).code).toBe(0);
    validateXliff(join(root, 'none.xlf'), 'xliff_core_2.0.xsd');
    const none = readFileSync(join(root, 'none.xlf'), 'utf8');
    expect(none).not.toContain('<target xml:space="preserve">Hoe');
    expect([...none.matchAll(/<segment[^>]*>[\s\S]*?<\/segment>/g)].filter((m) => m[0].includes('<target'))).toEqual([]);
    expect(unitOf(none, segmentId('nl', 'Hoe verliep de rit?')).matches).toHaveLength(1);
    const bad = await syncExport(root, { to: 'af', output: 'x.xlf', prefill: 'mt' });
    expect(bad).toMatchObject({ code: 2, stderr: 'tolk: --prefill must be source, suggestion or none, got "mt"\n' });
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
