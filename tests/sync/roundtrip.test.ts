import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import { parseMarkdown, segmentArticle } from '../../src/markdown/index.js';
import { treeShape } from '../../src/markdown/shape.js';
import { segmentId } from '../../src/tagged/index.js';
import { readProvenance } from '../../src/localized/index.js';
import { fill12, fill2, humanize, memory, projectFiles, rich, seed, syncExport, syncImport, translatedProject, unitIds, validateXliff } from './helpers.js';

const sourceSegments = async (root: string) => {
  const project = await loadProject({ root });
  const segments = new Map<string, string>();
  for (const [name, text] of [['seed.md', seed], ['rich.md', rich]] as const) {
    for (const s of segmentArticle(text, { sourceLanguage: 'nl', frontMatterFields: project.config.frontMatter.translate, file: name }).segments) {
      segments.set(s.id, s.source);
    }
  }
  return segments;
};

describe.each([
  { format: 'xliff2', schema: 'xliff_core_2.0.xsd', fill: fill2, states: { translated: 'translated', reviewed: 'reviewed' } },
  { format: 'xliff12', schema: 'xliff-core-1.2-strict.xsd', fill: fill12, states: { translated: 'translated', reviewed: 'signed-off' } },
] as const)('translator round trip through $format', ({ format, schema, fill, states }) => {
  it(`sync: export → fill → import → re-import is a no-op (${format})`, async () => {
    const root = await translatedProject();
    const exported = await syncExport(root, { to: 'af', format, output: 'af.xlf' });
    expect(exported.code, exported.stderr).toBe(0);
    const file = join(root, 'af.xlf');
    validateXliff(file, schema);
    const segments = await sourceSegments(root);
    const xml = readFileSync(file, 'utf8');
    // Every segment is a machine translation, so every one is offered, once: the MT as a suggestion, the source in the target.
    expect(unitIds(xml).sort()).toEqual([...segments.keys()].sort());
    expect(xml).toMatch(
      format === 'xliff2'
        ? /<mtc:match ref="#s1" type="mt" origin="engine:pseudo">[\s\S]*?<segment id="s1" state="initial" subState="tolk:source-copy">/
        : /<target state="needs-translation">[\s\S]*?<alt-trans origin="engine:pseudo" alttranstype="proposal">\s*<target>⟦/,
    );

    writeFileSync(file, fill(xml, { state: states.translated }));
    const imported = await syncImport(root, { files: ['af.xlf'] });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`${segments.size} imported, 0 unchanged`);
    const entries = await memory(root);
    for (const [id, source] of segments) {
      expect(entries.get(id)).toMatchObject({ target: humanize(source), origin: 'human', status: 'translated' });
      // The machine translation a person replaced is kept.
      expect(entries.get(id)!.previousOrigin).toBe('engine:pseudo');
    }
    // The localized articles are rebuilt from the new translations, structure intact.
    for (const name of ['seed.md', 'rich.md']) {
      const localized = readFileSync(join(root, 'articles/af', name), 'utf8');
      const source = name === 'seed.md' ? seed : rich;
      expect(treeShape(parseMarkdown(localized))).toBe(treeShape(parseMarkdown(source)));
      expect(readProvenance(localized)!.complete).toBe(100);
    }
    expect(readFileSync(join(root, 'articles/af/rich.md'), 'utf8')).toContain('# tirdjiT sjiraP 2024: *snorb* roov naV treA');
    expect(imported.stdout).toMatch(new RegExp(`af: ${segments.size} segments: 0 open, 0 machine, ${segments.size} human, 0 reviewed`));

    const before = projectFiles(root);
    const memoryBefore = await memory(root);
    const again = await syncImport(root, { files: ['af.xlf'] });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`0 imported, ${segments.size} unchanged`);
    expect(projectFiles(root)).toEqual(before);
    expect(await memory(root)).toEqual(memoryBefore);

    // Nothing is left for translators; --all still exports everything, with the human translations.
    const empty = await syncExport(root, { to: 'af', format, output: 'again.xlf' });
    expect(empty.stdout).toMatch(/nothing to translate into af/);
    const all = await syncExport(root, { to: 'af', format, output: 'all.xlf', all: true });
    expect(all.code).toBe(0);
    validateXliff(join(root, 'all.xlf'), schema);
    expect(unitIds(readFileSync(join(root, 'all.xlf'), 'utf8'))).toHaveLength(segments.size);
  });

  it(`sync: states come back as statuses; a lower state never replaces a higher one (${format})`, async () => {
    const root = await translatedProject();
    await syncExport(root, { to: 'af', format, output: 'af.xlf' });
    const file = join(root, 'af.xlf');
    const xml = readFileSync(file, 'utf8');
    const [first, second] = unitIds(xml);
    writeFileSync(file, fill(xml, { state: states.reviewed, only: (id) => id === first }));
    expect((await syncImport(root, { files: ['af.xlf'] })).code).toBe(0);
    expect((await memory(root)).get(first!)).toMatchObject({ status: 'reviewed', origin: 'human' });

    // A translator's file that has the reviewed one only "translated" cannot lower it.
    writeFileSync(file, fill(xml, { state: states.translated, only: (id) => id === first || id === second, target: (s, id) => (id === first ? `X ${s}` : s) }));
    const lower = await syncImport(root, { files: ['af.xlf'] });
    expect(lower.code).toBe(1);
    expect(lower.stderr).toMatch(new RegExp(`af\\.xlf:\\d+: error: unit ${first!.slice(0, 12)}…: not imported: would lower the status from reviewed to translated \\[xliff-refused\\]`));
    const entries = await memory(root);
    expect(entries.get(first!)!.target).not.toMatch(/^X /);
    expect(entries.get(second!)).toMatchObject({ status: 'translated', origin: 'human' });
  });
});

describe('drafts and untranslated units', () => {
  it("sync: the translator's work is theirs: a changed target counts as translated whatever the state; the source, the suggestion as offered or an empty draft change nothing", async () => {
    const root = await translatedProject();
    await syncExport(root, { to: 'af', output: 'af.xlf' });
    const file = join(root, 'af.xlf');
    const xml = readFileSync(file, 'utf8');
    const ids = unitIds(xml);
    const [edited, copied, offered, empty] = ids;
    const suggestion = (id: string) => new RegExp(`<unit id="${id}">[\\s\\S]*?<mtc:match [^>]*>[\\s\\S]*?<target xml:space="preserve">([\\s\\S]*?)</target>`).exec(xml)![1]!;
    // The tool leaves the state as exported (initial): only the text says what the translator did.
    let filled = fill2(xml, { state: 'initial', only: (id) => id === edited });
    filled = fill2(filled, { state: 'initial', only: (id) => id === copied, target: (source) => source });
    filled = fill2(filled, { state: 'initial', only: (id) => id === offered, target: () => suggestion(offered!) });
    filled = fill2(filled, { state: 'initial', only: (id) => id === empty, target: () => '' });
    writeFileSync(file, filled);
    const before = await memory(root);
    const result = await syncImport(root, { files: ['af.xlf'] });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`1 imported, 1 unchanged, ${ids.length - 2} untranslated`);
    const after = await memory(root);
    expect(after.get(edited!)).toMatchObject({ status: 'translated', origin: 'human' });
    for (const id of ids.filter((i) => i !== edited)) expect(after.get(id)).toEqual(before.get(id));
  });

  it('sync: a memory match offered as the target (--prefill suggestion) and sent back untouched stays a suggestion (xliff2 and xliff12)', async () => {
    const root = await translatedProject();
    const article = join(root, 'articles/nl/rich.md');
    writeFileSync(article, readFileSync(article, 'utf8').replace('De renners reden', 'Alle renners reden'));
    const reworded = segmentId('nl', 'Alle renners reden <1/> tegen de klok.<2/> Lees ook ons <3>verslag van de wegrit</3>.');
    for (const [format, fill] of [['xliff2', fill2], ['xliff12', fill12]] as const) {
      await syncExport(root, { to: 'af', format, prefill: 'suggestion', output: 'af.xlf' });
      const xml = readFileSync(join(root, 'af.xlf'), 'utf8');
      // The earlier wording's translation fills the target, in a draft state; the tool leaves it as it is.
      const offered = format === 'xliff2'
        ? new RegExp(`<unit id="${reworded}">[\\s\\S]*?<segment [^>]*subState="tolk:fuzzy-match">[\\s\\S]*?<target xml:space="preserve">([\\s\\S]*?)</target>`).exec(xml)![1]!
        : new RegExp(`<trans-unit id="${reworded}"[\\s\\S]*?<target state="needs-review-translation" state-qualifier="fuzzy-match">([\\s\\S]*?)</target>`).exec(xml)![1]!;
      writeFileSync(join(root, 'af.xlf'), fill(xml, { only: (id) => id === reworded, state: format === 'xliff2' ? 'initial' : 'needs-review-translation', target: () => offered }));
      const result = await syncImport(root, { files: ['af.xlf'], json: true });
      expect(result.code, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toMatchObject({ imported: 0, rejected: [] });
      expect((await memory(root)).get(reworded)).toBeUndefined();
    }
  });
});
