import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmentArticle } from '../../src/markdown/index.js';
import { makeProject, repoRoot, schemasDir } from '../helpers/project.js';
import { memory, rich, sync, syncExport, syncImport, translate, validateXliff } from './helpers.js';

/**
 * Interop with the real OmegaT 3.6 (Debian package `omegat`, installed by
 * scripts/ensure-system.mjs), run headless through its console modes. HOME
 * is a temp directory, so nothing of the user's OmegaT configuration is read
 * or written. A missing OmegaT fails the tests.
 */
const home = mkdtempSync(join(tmpdir(), 'tolk-omegat-home-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

function omegat(args: string[]): string {
  const result = spawnSync('omegat', args, {
    encoding: 'utf8',
    env: { ...process.env, HOME: home, JAVA_TOOL_OPTIONS: '-Djava.awt.headless=true' },
  });
  expect(result.error, 'omegat must be installed (Debian package omegat)').toBeUndefined();
  expect(result.status, result.stderr).toBe(0);
  // OmegaT's console modes exit 0 even when the project cannot be loaded; the log says so.
  expect(result.stdout + result.stderr).not.toMatch(/Unable to read project file|ProjectException/);
  return result.stdout + result.stderr;
}

/** OmegaT's own view of the project's segments: `--pseudotranslatetype=equal` writes each source as its own target. */
function pseudoTmx(dir: string): string {
  const file = join(dir, 'pseudo.tmx');
  omegat(['--mode=console-createpseudotranslatetmx', `--pseudotranslatetmx=${file}`, '--pseudotranslatetype=equal', dir]);
  const tmx = readFileSync(file, 'utf8');
  rmSync(file);
  return tmx;
}

const unescape = (xml: string) => xml.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The source segments of an OmegaT TMX, as OmegaT shows them (its tags `<g0>`, `<x1/>` included). */
const tmxSources = (tmx: string, language = 'nl') =>
  [...tmx.matchAll(new RegExp(`<tuv lang="${language}">\\s*<seg>([\\s\\S]*?)</seg>`, 'g'))].map((m) => unescape(m[1]!));

/**
 * A translator's work as OmegaT saves it: `omegat/project_save.tmx` made
 * from OmegaT's pseudo-translation TMX, so segment texts and tags are
 * OmegaT's, with every target replaced by distinct text that keeps OmegaT's
 * tags (`work` may break them on purpose).
 */
function translateInOmegat(dir: string, work: (source: string, n: number) => string, tmx = pseudoTmx(dir)): Map<string, string> {
  const done = new Map<string, string>();
  let n = 0;
  const saved = tmx.replace(/<tuv lang="af">\s*<seg>([\s\S]*?)<\/seg>/g, (_whole, seg: string) => {
    const source = unescape(seg);
    const target = work(source, ++n);
    done.set(source, target);
    return `<tuv lang="af">\n        <seg>${escape(target)}</seg>`;
  });
  writeFileSync(join(dir, 'omegat/project_save.tmx'), saved);
  return done;
}

/**
 * A translation of an OmegaT segment: distinct text, every tag kept where it
 * was; names kept and the forbidden spellings fixed, as the glossary wants.
 */
// The marker is spelled in letters (12 → "bc"): a digit the source lacks would be a QA number-mismatch, which is right.
const translation = (source: string, n: number) => `Vertaal ${String(n).replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!)}: ${source.replace(/Kazachstan/g, 'Kazakstan').replace(/Nur-Sultan/g, 'Astana')}`;

/** The `<target>` of every trans-unit of an XLIFF 1.2 file, by unit id, and its `<source>`. */
const units12 = (xml: string) =>
  [...xml.matchAll(/<trans-unit id="([^"]+)"[^>]*>\s*<source>([\s\S]*?)<\/source>\s*(?:<target[^>]*>([\s\S]*?)<\/target>)?/g)].map((m) => ({ id: m[1]!, source: m[2]!, target: m[3] }));

const config = () => {
  const repo = JSON.parse(readFileSync(join(repoRoot, 'tolk.config.json'), 'utf8'));
  return JSON.stringify({ ...repo, targetLanguages: ['af'], articleLanguages: ['af'], engines: { '*': 'pseudo' } });
};

const SAMPLE = 'articles/nl/kazachstan-parijs-2024.md';
const sample = readFileSync(join(repoRoot, SAMPLE), 'utf8');

describe('interop with OmegaT 3.6 (console modes, headless)', () => {
  /** The sample project, machine-translated, exported once as an OmegaT project for the tests below. */
  let root: string;
  let dir: string;
  let uniqueSegments: number;
  /** OmegaT's pseudo-translation TMX of the sample project (one JVM start saved for the round trip). */
  let samplePseudo: string | undefined;

  beforeAll(async () => {
    root = makeProject({
      'tolk.config.json': config(),
      [SAMPLE]: sample,
      'glossaries/sports.tbx': readFileSync(join(repoRoot, 'glossaries/sports.tbx'), 'utf8'),
      'locales/nl/common.json': readFileSync(join(repoRoot, 'locales/nl/common.json'), 'utf8'),
      'locales/af/common.json': readFileSync(join(repoRoot, 'locales/af/common.json'), 'utf8'),
    });
    expect((await translate(root)).code).toBe(0);
    // The UI strings typed into locales/af go into the memory as people's translations.
    expect((await sync(root)).code).toBe(0);
    uniqueSegments = new Set(segmentArticle(sample, { sourceLanguage: 'nl', frontMatterFields: ['title', 'description', 'summary', 'subtitle', 'caption'], file: SAMPLE }).segments.map((s) => s.id)).size;
    const exported = await syncExport(root, { to: 'af', omegat: 'af-omegat', json: true });
    expect(exported.code, exported.stderr).toBe(0);
    dir = join(root, 'af-omegat');
  }, 120_000);

  it('sync export --omegat: a project OmegaT opens as it is, its segments the Dutch sources, the MT in tm/penalty-30/', () => {
    expect(uniqueSegments).toBe(19);
    expect(readdirSync(dir).sort()).toEqual(['dictionary', 'glossary', 'omegat', 'omegat.project', 'source', 'target', 'tm', 'tolk-export.json']);
    const project = readFileSync(join(dir, 'omegat.project'), 'utf8');
    expect(project).toContain('<source_lang>nl</source_lang>');
    expect(project).toContain('<target_lang>af</target_lang>');
    expect(project).toContain('<source_tok>org.omegat.tokenizer.LuceneDutchTokenizer</source_tok>');
    expect(project).toContain('<target_tok>org.omegat.tokenizer.DefaultTokenizer</target_tok>');
    expect(project).toContain('<sentence_seg>false</sentence_seg>');
    validateXliff(join(dir, 'source/nl-af.xlf'), 'xliff-core-1.2-strict.xsd');
    for (const tmx of ['tm/nl-af.tmx', 'tm/penalty-30/nl-af-machine.tmx']) {
      const valid = spawnSync('xmllint', ['--noout', '--dtdvalid', join(schemasDir, 'tmx14.dtd'), join(dir, tmx)], { encoding: 'utf8' });
      expect(valid.status, valid.stderr).toBe(0);
    }
    const human = readFileSync(join(dir, 'tm/nl-af.tmx'), 'utf8');
    const machine = readFileSync(join(dir, 'tm/penalty-30/nl-af-machine.tmx'), 'utf8');
    expect(human.match(/<tu /g)).toHaveLength(21);
    expect(human).not.toContain('>machine</prop>');
    expect(machine.match(/<tu /g)).toHaveLength(19);
    expect(machine.match(/>machine<\/prop>/g)).toHaveLength(19);
    const glossary = readFileSync(join(dir, 'glossary/sports.utf8'), 'utf8').split('\n');
    expect(glossary).toContainEqual(expect.stringMatching(/^gewichtheffen\tgewigoptel\tnot gewigheffing; /));
    expect(glossary.filter((l) => l && !l.startsWith('#')).every((l) => /^[^\t]+\t[^\t]+(\t[^\t]+)?$/.test(l))).toBe(true);

    // OmegaT's segments are tolk's units, in Dutch: the machine translation is no text to translate.
    const xliff = units12(readFileSync(join(dir, 'source/nl-af.xlf'), 'utf8'));
    expect(xliff).toHaveLength(19);
    samplePseudo = pseudoTmx(dir);
    expect(tmxSources(samplePseudo).sort()).toEqual(xliff.map((u) => unescape(u.source)).sort());
  }, 120_000);

  it('OmegaT console-translate with no translator work leaves every target equal to its source; importing it changes nothing', async () => {
    omegat(['--mode=console-translate', dir]);
    const translated = readFileSync(join(dir, 'target/nl-af.xlf'), 'utf8');
    const units = units12(translated);
    expect(units).toHaveLength(19);
    for (const unit of units) expect(unit.target).toBe(unit.source);
    // The machine translation stays where tolk put it: a suggestion beside the target.
    expect(translated.match(/<alt-trans origin="engine:pseudo" alttranstype="proposal">/g)).toHaveLength(19);
    const before = await memory(root);
    const result = await syncImport(root, { files: ['af-omegat'], json: true });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ imported: 0, untranslated: 19, rejected: [] });
    expect(await memory(root)).toEqual(before);
  }, 120_000);

  it("OmegaT round trip: the translator's work, saved by OmegaT with the state left as it was, lands as 19 human translations", async () => {
    const done = translateInOmegat(dir, translation, samplePseudo);
    expect(done.size).toBe(19);
    omegat(['--mode=console-translate', dir]);
    const translated = readFileSync(join(dir, 'target/nl-af.xlf'), 'utf8');
    // OmegaT never touches the state: it is still the one tolk wrote.
    expect(translated.match(/<target state="needs-translation">/g)).toHaveLength(19);

    const result = await syncImport(root, { files: ['af-omegat'], json: true });
    const report = JSON.parse(result.stdout);
    expect(result.code, JSON.stringify([...report.rejected, ...report.problems, ...report.findings.filter((f: { severity: string }) => f.severity === 'error')])).toBe(0);
    expect(report.files).toEqual([expect.objectContaining({ file: join('af-omegat', 'target', 'nl-af.xlf'), format: 'xliff12', units: 19 })]);
    expect(report).toMatchObject({ imported: 19, drafts: 0, untranslated: 0, rejected: [], written: ['articles/af/kazachstan-parijs-2024.md'] });

    const entries = await memory(root);
    const article = readFileSync(join(root, 'articles/af/kazachstan-parijs-2024.md'), 'utf8');
    const segments = segmentArticle(sample, { sourceLanguage: 'nl', frontMatterFields: ['title', 'description', 'summary', 'subtitle', 'caption'], file: SAMPLE }).segments;
    for (const segment of segments) {
      const target = done.get(segment.source);
      expect(target, segment.source).toBeDefined();
      expect(entries.get(segment.id)).toMatchObject({ target, origin: 'human', status: 'translated' });
      expect(article).toContain(target!.split('\n')[0]);
    }
    const status = await sync(root);
    expect(status.stdout).toMatch(/^af: 19 segments: 0 open, 0 machine, 19 human, 0 reviewed/m);

    // The same files again: nothing new.
    const again = await syncImport(root, { files: ['af-omegat'], json: true });
    expect(JSON.parse(again.stdout)).toMatchObject({ imported: 0, unchanged: 19, written: [] });
  }, 120_000);

  it('OmegaT round trip: a segment whose tags the translator broke is rejected alone; the rest land', async () => {
    const richRoot = makeProject({ 'tolk.config.json': JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['af'], engines: { '*': 'pseudo' } }), 'articles/nl/rich.md': rich });
    try {
      expect((await translate(richRoot)).code).toBe(0);
      expect((await syncExport(richRoot, { to: 'af', omegat: 'omegat' })).code).toBe(0);
      const richDir = join(richRoot, 'omegat');
      const before = await memory(richRoot);

      // A closing tag deleted alone: OmegaT 3.6 writes an unclosed <g>, XML no reader accepts. The file is refused whole.
      const pair = /<(g\d+)>([\s\S]*?)<\/\1>/;
      let broken: string | undefined;
      translateInOmegat(richDir, (source, n) => {
        if (broken || !pair.test(source)) return translation(source, n);
        broken = source;
        return translation(source, n).replace(/<\/g\d+>/, '');
      });
      omegat(['--mode=console-translate', richDir]);
      const malformed = await syncImport(richRoot, { files: ['omegat'], json: true });
      expect(malformed.code).toBe(2);
      expect(malformed.stderr).toMatch(/^tolk: omegat\/target\/nl-af\.xlf:\d+:\d+: not well-formed XML: mismatched closing tag, expected <\/g>/);
      expect(await memory(richRoot)).toEqual(before);

      // A paired tag deleted whole (OmegaT writes it well-formed): that unit is rejected, the others land.
      broken = undefined;
      const done = translateInOmegat(richDir, (source, n) => {
        if (broken || !pair.test(source)) return translation(source, n);
        broken = source;
        return translation(source, n).replace(pair, '$2');
      });
      expect([...done.keys()].filter((s) => /<[gx]\d+\/?>/.test(s)).length).toBeGreaterThan(3);
      omegat(['--mode=console-translate', richDir]);
      const result = await syncImport(richRoot, { files: ['omegat'], json: true });
      const report = JSON.parse(result.stdout);
      expect(report.rejected).toEqual([
        expect.objectContaining({ rule: 'xliff-codes', file: 'omegat/target/nl-af.xlf', message: expect.stringMatching(/the target's inline codes do not match the source's: missing tag <1>/) }),
      ]);
      expect(result.code).toBe(1);
      expect(report.imported).toBe(done.size - 1);
      const entries = await memory(richRoot);
      expect([...entries.values()].filter((e) => e.origin === 'human')).toHaveLength(done.size - 1);
      expect(entries.get(report.rejected[0].unit)!.origin).toBe('engine:pseudo');
      // OmegaT's <g0>, <x0/> came back as tolk's codes: emphasis, inline code, footnote and link are in the rebuilt article.
      const localized = readFileSync(join(richRoot, 'articles/af/rich.md'), 'utf8');
      expect(localized).toMatch(/^Vertaal [a-j]+: De renners reden `32,4 km` tegen de klok\.\[\^weer\] Lees ook ons \[verslag van de wegrit\]\[wegrit\]\.$/m);
      expect(localized).toMatch(/^> gewoon \*sterker\*\.$/m);
    } finally {
      rmSync(richRoot, { recursive: true, force: true });
    }
  }, 180_000);

  it('OmegaT 3.6 reads no XLIFF 2.0: it finds no segment in one, so --omegat writes XLIFF 1.2 and refuses --format xliff2', async () => {
    const copy = join(root, 'xliff2-omegat');
    cpSync(dir, copy, { recursive: true });
    rmSync(join(copy, 'source/nl-af.xlf'));
    rmSync(join(copy, 'omegat/project_save.tmx'), { force: true });
    expect((await syncExport(root, { to: 'af', all: true, output: join('xliff2-omegat', 'source', 'nl-af.xlf') })).code).toBe(0);
    expect(readFileSync(join(copy, 'source/nl-af.xlf'), 'utf8')).toContain('version="2.0"');
    expect(tmxSources(pseudoTmx(copy))).toEqual([]);
    const refused = await syncExport(root, { to: 'af', omegat: 'other', format: 'xliff2' });
    expect(refused).toMatchObject({ code: 2, stderr: 'tolk: --omegat writes XLIFF 1.2 (OmegaT 3.6 reads no XLIFF 2.0); leave out --format\n' });
    expect(existsSync(join(root, 'other'))).toBe(false);
  }, 120_000);

  it('sync export --omegat writes into a new, empty or earlier tolk export only; the translator\'s omegat/ stays', async () => {
    mkdirSync(join(root, 'busy'));
    writeFileSync(join(root, 'busy', 'notes.txt'), 'mine');
    const busy = await syncExport(root, { to: 'af', omegat: 'busy' });
    expect(busy).toMatchObject({
      code: 2,
      stderr: 'tolk: --omegat busy: the directory is not empty and is no earlier tolk export (it has no tolk-export.json); choose a new or empty directory\n',
    });
    expect(readdirSync(join(root, 'busy'))).toEqual(['notes.txt']);

    mkdirSync(join(root, 'empty'));
    expect((await syncExport(root, { to: 'af', omegat: 'empty' })).code).toBe(0);
    expect(existsSync(join(root, 'empty', 'omegat.project'))).toBe(true);
    // Nothing translated yet, or no OmegaT project at all: exit 2, nothing imported.
    const before = await memory(root);
    expect(await syncImport(root, { files: ['empty'] })).toMatchObject({
      code: 2,
      stderr: 'tolk: empty: empty/target holds no XLIFF file: in OmegaT, run Project → Create Translated Documents (Ctrl+D) first\n',
    });
    expect(await syncImport(root, { files: ['busy'] })).toMatchObject({
      code: 2,
      stderr: 'tolk: busy: busy is a directory but no OmegaT project (no omegat.project); pass XLIFF files or an OmegaT project\n',
    });
    expect(await memory(root)).toEqual(before);

    // An earlier export: tolk's files are replaced, the translator's project_save.tmx is not.
    const saved = join(dir, 'omegat/project_save.tmx');
    if (!existsSync(saved)) writeFileSync(saved, '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4"><header/><body/></tmx>\n');
    const work = readFileSync(saved, 'utf8');
    expect((await syncExport(root, { to: 'af', omegat: 'af-omegat', all: true })).code).toBe(0);
    expect(readFileSync(saved, 'utf8')).toBe(work);
    // With --all a person's translation is a suggestion too: OmegaT still gets the source to translate.
    const all = units12(readFileSync(join(dir, 'source/nl-af.xlf'), 'utf8'));
    expect(all.length).toBeGreaterThanOrEqual(19);
    for (const unit of all) expect(unit.target).toBe(unit.source);
    expect(readdirSync(root).filter((name) => name.startsWith('.'))).toEqual(['.tolk']);
  }, 120_000);
});
