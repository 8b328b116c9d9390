import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentId } from '../../src/tagged/index.js';
import { memory, syncExport, syncImport, translatedProject, validateXliff } from './helpers.js';

/**
 * Interop with a real CAT-tool library: Translate Toolkit (Debian package
 * `translate-toolkit`, installed by scripts/ensure-system.mjs and .ci/run)
 * turns tolk's XLIFF 1.2 into PO and back. A missing tool fails the test.
 */
function tt(command: 'xliff2po' | 'po2xliff', input: string, output: string, cwd: string): void {
  const result = spawnSync(command, ['--progress=none', input, output], { cwd, encoding: 'utf8' });
  expect(result.error, `${command} must be installed (Debian package translate-toolkit)`).toBeUndefined();
  expect(result.status, result.stderr).toBe(0);
}

/** A translator's edit in a PO file: the entry's msgstr replaced and its fuzzy flag dropped. */
function translatePo(po: string, msgid: string, msgstr: string): string {
  const entries = po.split(/\n\n/);
  const quoted = (text: string) => JSON.stringify(text);
  const index = entries.findIndex((e) => e.includes(`\nmsgid ${quoted(msgid)}\n`) || e.startsWith(`msgid ${quoted(msgid)}\n`));
  expect(index, `PO entry for ${msgid}`).toBeGreaterThan(-1);
  entries[index] = entries[index]!.replace(/^#, fuzzy\n/m, '').replace(/^msgstr .*(\n".*")*$/m, `msgstr ${quoted(msgstr)}`);
  return entries.join('\n\n');
}

const HEADING = 'Tijdrit Parijs 2024: <1>brons</1> voor Van Aert';
const SUBHEADING = 'Hoe verliep de rit?';

describe('interop with Translate Toolkit (xliff2po, po2xliff)', () => {
  it('sync: XLIFF 1.2 → PO → edited by a translator → XLIFF → import, cleanly and only once', async () => {
    const root = await translatedProject();
    // PO has no place for suggestions but a fuzzy msgstr: PO users export with --prefill suggestion.
    const exported = await syncExport(root, { to: 'af', format: 'xliff12', codes: 'bpt', prefill: 'suggestion', output: 'af.xlf' });
    expect(exported.code, exported.stderr).toBe(0);
    validateXliff(join(root, 'af.xlf'), 'xliff-core-1.2-strict.xsd');
    tt('xliff2po', 'af.xlf', 'af.po', root);
    const po = readFileSync(join(root, 'af.po'), 'utf8');
    // Tags reach the translator as text they can keep; machine translations arrive as fuzzy suggestions.
    expect(po).toContain(`msgid ${JSON.stringify(HEADING)}`);
    expect(po).toMatch(/#, fuzzy\nmsgid "Hoe verliep de rit\?"\nmsgstr "⟦/);

    let edited = translatePo(po, HEADING, 'Tydrit Parys 2024: <1>brons</1> vir Van Aert');
    edited = translatePo(edited, SUBHEADING, 'Hoe het die rit verloop?');
    writeFileSync(join(root, 'af.po'), edited);
    tt('po2xliff', 'af.po', 'back.xlf', root);

    // po2xliff names no target language: --to says which.
    const noLanguage = await syncImport(root, { files: ['back.xlf'] });
    expect(noLanguage.code).toBe(2);
    expect(noLanguage.stderr).toMatch(/back\.xlf:3: the file names no target language \(Translate Toolkit's po2xliff writes none\); pass --to <lang>/);

    const result = await syncImport(root, { files: ['back.xlf'], to: 'af', json: true });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.files).toEqual([{ file: 'back.xlf', format: 'xliff12', version: '1.1', gettext: true, targetLanguage: 'af', units: expect.any(Number) }]);
    expect(report.rejected).toEqual([]);
    expect(report.imported).toBe(2);
    expect(report.unchanged).toBe(report.files[0].units - 2);
    const entries = await memory(root);
    expect(entries.get(segmentId('nl', HEADING))).toMatchObject({ target: 'Tydrit Parys 2024: <1>brons</1> vir Van Aert', origin: 'human', status: 'translated' });
    expect(entries.get(segmentId('nl', SUBHEADING))).toMatchObject({ target: 'Hoe het die rit verloop?', origin: 'human', status: 'translated' });
    const localized = readFileSync(join(root, 'articles/af/rich.md'), 'utf8');
    expect(localized).toContain('# Tydrit Parys 2024: *brons* vir Van Aert');
    expect(localized).toContain('## Hoe het die rit verloop?');

    const again = await syncImport(root, { files: ['back.xlf'], to: 'af', json: true });
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, rejected: [], written: [] });
  });

  it('sync: with <g>/<x/> codes xliff2po drops the tags; those units are rejected with the reason, the rest import', async () => {
    const root = await translatedProject();
    await syncExport(root, { to: 'af', format: 'xliff12', prefill: 'suggestion', output: 'af.xlf' });
    tt('xliff2po', 'af.xlf', 'af.po', root);
    let po = readFileSync(join(root, 'af.po'), 'utf8');
    po = translatePo(po, 'Tijdrit Parijs 2024: brons voor Van Aert', 'Tydrit Parys 2024: brons vir Van Aert');
    po = translatePo(po, SUBHEADING, 'Hoe het die rit verloop?');
    writeFileSync(join(root, 'af.po'), po);
    tt('po2xliff', 'af.po', 'back.xlf', root);
    const result = await syncImport(root, { files: ['back.xlf'], to: 'af', json: true });
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.imported).toBe(1);
    expect(report.rejected).toContainEqual(
      expect.objectContaining({
        rule: 'xliff-codes',
        file: 'back.xlf',
        message: expect.stringMatching(/the source's inline codes are gone \(the tool that wrote this file dropped them; for Translate Toolkit, export with --format xliff12 --codes bpt\)$/),
      }),
    );
    expect((await memory(root)).get(segmentId('nl', HEADING))!.origin).toBe('engine:pseudo');
  });

  it('sync: with the default --prefill source, PO entries carry the source as a fuzzy msgstr; only what the translator changed comes back', async () => {
    const root = await translatedProject();
    expect((await syncExport(root, { to: 'af', format: 'xliff12', codes: 'bpt', output: 'af.xlf' })).code).toBe(0);
    tt('xliff2po', 'af.xlf', 'af.po', root);
    const po = readFileSync(join(root, 'af.po'), 'utf8');
    expect(po).toContain(`#, fuzzy\nmsgid "Hoe verliep de rit?"\nmsgstr "Hoe verliep de rit?"`);
    writeFileSync(join(root, 'af.po'), translatePo(po, SUBHEADING, 'Hoe het die rit verloop?'));
    tt('po2xliff', 'af.po', 'back.xlf', root);
    const result = await syncImport(root, { files: ['back.xlf'], to: 'af', json: true });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ imported: 1, unchanged: 0, untranslated: report.files[0].units - 1, rejected: [] });
    const entries = await memory(root);
    expect(entries.get(segmentId('nl', SUBHEADING))).toMatchObject({ target: 'Hoe het die rit verloop?', origin: 'human', status: 'translated' });
    expect(entries.get(segmentId('nl', HEADING))!.origin).toBe('engine:pseudo');
  });
});
