import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { readTmx, writeTmx, type TmxUnit } from '../../src/exchange/index.js';
import type { MemoryEntry } from '../../src/memory/index.js';
import { schemasDir } from '../helpers/project.js';
import { drain, scratchDir, tripwire } from './helpers.js';
import { HOSTILE } from './hostile.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/tmx/${name}`, import.meta.url));
const DTD = join(schemasDir, 'tmx14.dtd');

const scratch = scratchDir();
let server: Awaited<ReturnType<typeof tripwire>>;
beforeAll(async () => {
  server = await tripwire();
});
afterAll(async () => {
  await server.close();
  scratch.remove();
});

async function readAll(path: string, options: Parameters<typeof readTmx>[1] = {}) {
  const { header, units } = await readTmx(path, options);
  const all: TmxUnit[] = [];
  for await (const unit of units) all.push(unit);
  return { header, units: all };
}

const tmx = (body: string, srclang = 'en') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header creationtool="test" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="${srclang}" datatype="plaintext"/>\n<body>\n${body}\n</body>\n</tmx>\n`;
const tuv = (lang: string, seg: string) => `<tuv xml:lang="${lang}"><seg>${seg}</seg></tuv>`;

/** Runs xmllint; a missing xmllint fails the test rather than skipping validation. */
function validate(path: string): void {
  const result = spawnSync('xmllint', ['--noout', '--dtdvalid', DTD, path], { encoding: 'utf8' });
  expect(result.error, 'xmllint must be installed').toBeUndefined();
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
}

function entry(segmentId: string, source: string, target: string, extra: Partial<MemoryEntry> = {}): MemoryEntry {
  return {
    segmentId,
    sourceLanguage: 'en',
    targetLanguage: 'nl',
    source,
    target,
    origin: 'engine:pseudo',
    status: 'machine',
    createdAt: '2024-05-18T20:15:02.123Z',
    updatedAt: '2024-05-19T08:00:00.000Z',
    articles: ['rugby/2024-05-18.md'],
    ...extra,
  };
}

async function* stream<T>(items: readonly T[]): AsyncIterable<T> {
  yield* items;
}

describe('reading TMX from other tools', () => {
  it('tmx: reads Translate Toolkit output (po2tmx shape)', async () => {
    const { header, units } = await readAll(fixture('translate-toolkit.tmx'), { displayName: 'tt.tmx' });
    expect(header).toEqual({
      version: '1.4',
      sourceLanguage: 'en',
      creationTool: 'Translate Toolkit',
      creationToolVersion: '3.13.5',
      dataType: 'PlainText',
      segmentType: 'sentence',
      line: 4,
    });
    expect(units.map((u) => [u.line, u.sourceLanguage, u.source, u.targets, u.skip])).toEqual([
      [
        6,
        'en',
        'The referee blew the final whistle after eighty minutes.',
        [{ language: 'af', text: 'Die skeidsregter het ná tagtig minute die eindfluitjie geblaas.' }],
        undefined,
      ],
      [14, 'en', 'Kick-off: 15:00\nVenue: Newlands, Cape Town', [{ language: 'af', text: 'Afskop: 15:00\nLokaal: Nuweland, Kaapstad' }], undefined],
      [
        25,
        'en',
        'Read the <1>match report</1> after the game.<2/>',
        [{ language: 'af', text: '<2/>Lees die <1>wedstrydverslag</1> ná die wedstryd.' }],
        undefined,
      ],
      [
        33,
        'en',
        'The Bulls &amp; the Stormers drew 17–17 at Loftus.',
        [
          { language: 'af', text: 'Die Bulle &amp; die Stormers het 17–17 op Loftus gelykop gespeel.' },
          { language: 'nl', text: 'De Bulls &amp; de Stormers speelden 17–17 gelijk op Loftus.' },
          { language: 'de', text: 'Die Bulls &amp; die Stormers spielten in Loftus 17:17 unentschieden.' },
        ],
        undefined,
      ],
      [47, 'en', 'The captain was carried off with a knee injury.', [{ language: 'af', text: "Die kaptein is met 'n kniebesering van die veld gedra." }], undefined],
      [55, 'en', 'Tickets for the semi-final go on sale on Monday.', [{ language: 'af', text: '', skip: 'empty segment' }], undefined],
    ]);
  });

  it('tmx: reads OmegaT level 1 (TMX 1.1, lang=, upper-case languages, CRLF)', async () => {
    expect(readFileSync(fixture('omegat.tmx'), 'utf8')).toContain('\r\n');
    const { header, units } = await readAll(fixture('omegat.tmx'));
    expect(header).toMatchObject({ version: '1.1', sourceLanguage: 'en-US', creationTool: 'OmegaT' });
    expect(units.map((u) => [u.sourceLanguage, u.source, u.targets])).toEqual([
      ['en-US', 'The Sharks scored three tries in the second half.', [{ language: 'nl', text: 'De Sharks scoorden drie tries in de tweede helft.' }]],
      ['en-US', 'Half-time score:\nSharks 10, Lions 7', [{ language: 'nl', text: 'Ruststand:\nSharks 10, Lions 7' }]],
      // Level 1 keeps OmegaT's own tags as text.
      [
        'en-US',
        'See &lt;f0&gt;the standings&lt;/f0&gt; for the full table.',
        [{ language: 'nl', text: 'Zie &lt;f0&gt;de stand&lt;/f0&gt; voor de volledige ranglijst.' }],
      ],
    ]);
    expect({ ...units[0]!.properties }).toEqual({ file: 'match-reports/2024-05-18-sharks.md', id: '12' });
  });

  it('tmx: reads OmegaT level 2 codes, matching target tags to source tags by x and i', async () => {
    const { units } = await readAll(fixture('omegat-level2.tmx'));
    expect(units[0]).toMatchObject({
      tuid: 'standings-note',
      source: 'The <1>Lions</1> stay top after beating the <2>Cheetahs</2>.<3/>',
      targets: [{ language: 'nl', text: 'Na de zege op de <2>Cheetahs</2> blijven de <1>Lions</1> bovenaan.<3/>' }],
    });
    // <hi> keeps its text, <sub> inside a code is dropped with the code, <it> is a void tag.
    expect(units[1]).toMatchObject({
      source: 'Try by Makazole Mapimpi<1/> in the <2/>final minute',
      targets: [{ language: 'nl', text: 'Try van Makazole Mapimpi<1/> in de <2/>laatste minuut' }],
    });
    expect(units[2]).toMatchObject({ skip: 'source segment has broken codes: <bpt i="1"> has no matching <ept>', targets: [] });
  });
});

describe('choosing the source and skipping with reasons', () => {
  const read = (name: string, content: string, options = {}) => readAll(scratch.write(name, content), options);

  it('tmx: srclang="*all*" takes the first variant, or the preferred source when present', async () => {
    const content = tmx(`<tu>${tuv('nl', 'Gele kaart')}${tuv('en', 'Yellow card')}</tu>`, '*all*');
    const first = await read('all.tmx', content);
    expect(first.header.sourceLanguage).toBeUndefined();
    expect(first.units[0]).toMatchObject({ sourceLanguage: 'nl', source: 'Gele kaart', targets: [{ language: 'en', text: 'Yellow card' }] });
    const preferred = await read('all.tmx', content, { preferredSource: 'EN' });
    expect(preferred.units[0]).toMatchObject({ sourceLanguage: 'en', source: 'Yellow card', targets: [{ language: 'nl' }] });
  });

  it("tmx: a unit's srclang overrides the header's; a base language finds its regional variant", async () => {
    const { units } = await read(
      'srclang.tmx',
      tmx(`<tu srclang="nl">${tuv('en', 'Red card')}${tuv('nl', 'Rode kaart')}</tu>\n<tu>${tuv('de', 'Abseits')}${tuv('en-gb', 'Offside')}</tu>`),
    );
    expect(units.map((u) => [u.sourceLanguage, u.source])).toEqual([
      ['nl', 'Rode kaart'],
      ['en-GB', 'Offside'],
    ]);
  });

  it('tmx: units and variants that cannot be imported come with a reason', async () => {
    const { units } = await read(
      'skips.tmx',
      tmx(
        [
          `<tu>${tuv('nl', 'Doel')}${tuv('de', 'Tor')}</tu>`,
          `<tu>${tuv('en', ' ')}${tuv('nl', 'Leeg')}</tu>`,
          `<tu>${tuv('en', 'Corner')}</tu>`,
          `<tu>${tuv('en', 'Penalty')}${tuv('nl', 'Strafschop')}${tuv('NL', 'Penalty')}<tuv xml:lang="de"/>${tuv('fr', 'Penalty<ept i="4">&lt;/b&gt;</ept>')}</tu>`,
          `<tu>${tuv('en', '<bpt i="1">&lt;b&gt;</bpt>Free <bpt i="2">&lt;i&gt;</bpt>kick<ept i="1">&lt;/b&gt;</ept>!<ept i="2">&lt;/i&gt;</ept>')}${tuv('nl', 'Vrije trap')}</tu>`,
        ].join('\n'),
      ),
    );
    expect(units.map((u) => u.skip)).toEqual([
      'no <tuv> in the source language en (found: nl, de)',
      'source empty segment',
      'no target <tuv>',
      undefined,
      'source segment has broken codes: <bpt i="2"> and <bpt i="1"> overlap',
    ]);
    expect(units[3]!.targets).toEqual([
      { language: 'nl', text: 'Strafschop' },
      { language: 'nl', text: '', skip: 'second <tuv> in nl' },
      { language: 'de', text: '', skip: '<tuv> has no <seg>' },
      { language: 'fr', text: '', skip: 'segment has broken codes: <ept i="4"> has no matching <bpt>' },
    ]);
  });

  it('tmx: codes nested in <hi>, a target with more codes than the source, and codes without ids', async () => {
    const { units } = await read(
      'codes.tmx',
      tmx(
        `<tu>${tuv('en', '<hi>Hat-trick by <bpt i="7">&lt;b&gt;</bpt>Haaland<ept i="7">&lt;/b&gt;</ept></hi><ph>&lt;br&gt;</ph>')}` +
          `${tuv('nl', '<ph>&lt;br&gt;</ph>Hattrick van <bpt i="3">&lt;b&gt;</bpt>Haaland<ept i="3">&lt;/b&gt;</ept><ph x="9">&lt;hr&gt;</ph>')}</tu>`,
      ),
    );
    expect(units[0]).toMatchObject({
      source: 'Hat-trick by <1>Haaland</1><2/>',
      targets: [{ language: 'nl', text: '<2/>Hattrick van <1>Haaland</1><3/>' }],
    });
  });

  it('tmx: a file that is not TMX is refused at its root element', async () => {
    const { items, error } = await drain(async () =>
      (await readTmx(scratch.write('x.xlf', '<?xml version="1.0"?>\n<xliff version="1.2"><file/></xliff>'), { displayName: 'x.xlf' })).units,
    );
    expect(items).toEqual([]);
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({
      message: 'expected a TMX file (root element <tmx>), found <xliff>',
      location: { file: 'x.xlf', line: 2, column: 1 },
    });
  });

  it('tmx: a DOCTYPE naming a TMX DTD by path or URL is refused', async () => {
    const { error } = await drain(async () => (await readTmx(scratch.write('dtd.tmx', `<!DOCTYPE tmx SYSTEM "/etc/tmx14.dtd">\n${tmx('')}`))).units);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/^DOCTYPE is not allowed .*found <!DOCTYPE tmx SYSTEM "\/etc\/tmx14\.dtd">$/);
  });

  describe('hostile input', () => {
    for (const hostile of HOSTILE) {
      it(`tmx: refuses ${hostile.name} without yielding a unit`, async () => {
        const name = `${hostile.name.replace(/\W+/g, '-')}.tmx`;
        const content = typeof hostile.content === 'string' ? hostile.content.replace('{{server}}', server.url) : hostile.content;
        const path = scratch.write(name, content);
        const { items, error } = await drain(async () => (await readTmx(path, { displayName: name })).units);
        expect(items).toEqual([]);
        expect(error).toBeInstanceOf(InputError);
        expect((error as InputError).message).toMatch(hostile.reason);
        expect((error as InputError).message).not.toMatch(/root:|fetched/);
        expect((error as InputError).location).toMatchObject({ file: name, line: hostile.line });
        expect(server.requests()).toBe(0);
      });
    }
  });
});

describe('writing TMX', () => {
  const entries: MemoryEntry[] = [
    entry('a1', 'The Sharks beat the Lions 24–17.', 'De Sharks versloegen de Lions met 24–17.'),
    entry('a2', 'Score: 3 &lt; 4 &amp; "fair" play', 'Stand: 3 &lt; 4 &amp; \'fair\' play', { origin: 'human', status: 'reviewed' }),
    entry('a3', '<1>Ajax</1> beat <2>PSV</2> at home.<3/>', '<2>PSV</2> verloor thuis van <1>Ajax</1>.<3/>'),
    entry('a4', '<1>Goal by <2>Messi</2></1> in the <3/> 90th minute', '<1>Doelpunt van <2>Messi</2></1> in de <3/> 90e minuut'),
    entry('a5', 'Line one\nLine two', 'Regel één\nRegel twee', { status: 'final', origin: 'import:old.tmx' }),
    entry('a6', 'Ünïcödé ⚽ 𝔊oal — “quoted”', 'Ünïcödé ⚽ 𝔊oal — „geciteerd”'),
    entry('b1', 'Other pair', 'Anderes Paar', { targetLanguage: 'de' }),
  ];

  it('tmx: writes valid TMX 1.4 that reads back to the same tagged strings', async () => {
    const path = scratch.path('out/export.tmx');
    const count = await writeTmx(path, stream(entries), { sourceLanguage: 'en', targetLanguage: 'nl', creationToolVersion: '9.9.9' });
    expect(count).toBe(6);
    validate(path);
    const xml = readFileSync(path, 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<tmx version="1.4">\n  <header creationtool="tolk" creationtoolversion="9.9.9" segtype="sentence" o-tmf="tolk" adminlang="en" srclang="en" datatype="plaintext"\/>/);
    expect(xml).toContain('<tu tuid="a1" creationdate="20240518T201502Z" changedate="20240519T080000Z">');
    expect(xml).toContain('<bpt i="1">&lt;1&gt;</bpt>Ajax<ept i="1">&lt;/1&gt;</ept>');
    expect(xml).toContain('<ph x="3">&lt;3/&gt;</ph>');
    expect(xml).not.toContain('Anderes Paar');

    const { header, units } = await readAll(path);
    expect(header).toMatchObject({ sourceLanguage: 'en', creationTool: 'tolk', creationToolVersion: '9.9.9' });
    const expected = entries.filter((e) => e.targetLanguage === 'nl');
    expect(units.map((u) => ({ id: u.tuid, source: u.source, targets: u.targets, skip: u.skip }))).toEqual(
      expected.map((e) => ({ id: e.segmentId, source: e.source, targets: [{ language: 'nl', text: e.target }], skip: undefined })),
    );
    expect(units.map((u) => ({ ...u.properties }))).toEqual(
      expected.map((e) => ({ 'x-tolk-origin': e.origin, 'x-tolk-status': e.status })),
    );
    // Atomic: nothing but the file itself is left in the directory.
    expect(readdirSync(scratch.path('out'))).toEqual(['export.tmx']);
  });

  it('tmx: characters XML cannot carry are dropped, and a damaged target stays well-formed', async () => {
    const path = scratch.path('damaged.tmx');
    await writeTmx(path, stream([entry('c1', 'Bell\u0007 rings', '<1>Bel gaat')]), { sourceLanguage: 'en', targetLanguage: 'nl' });
    validate(path);
    const { units } = await readAll(path);
    // A lone opening tag goes out as TMX's isolated code and comes back as a void tag, which tag checks flag.
    expect(units[0]).toMatchObject({ source: 'Bell rings', targets: [{ language: 'nl', text: '<1/>Bel gaat' }] });
  });

  it('tmx: an empty memory still makes a valid file', async () => {
    const path = scratch.path('empty.tmx');
    expect(await writeTmx(path, stream([]), { sourceLanguage: 'EN', targetLanguage: 'nl' })).toBe(0);
    validate(path);
    expect(await readAll(path)).toMatchObject({ header: { sourceLanguage: 'en' }, units: [] });
  });

  it('tmx: a failing entry stream leaves the previous file untouched and no temp file', async () => {
    const path = scratch.path('keep/export.tmx');
    await writeTmx(path, stream(entries.slice(0, 1)), { sourceLanguage: 'en', targetLanguage: 'nl' });
    const before = readFileSync(path, 'utf8');
    async function* failing() {
      yield entries[1]!;
      throw new Error('store went away');
    }
    await expect(writeTmx(path, failing(), { sourceLanguage: 'en', targetLanguage: 'nl' })).rejects.toThrow('store went away');
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(readdirSync(scratch.path('keep'))).toEqual(['export.tmx']);
  });

  describe('large files', () => {
    const count = 2000;
    const path = scratch.path('large.tmx');
    beforeAll(async () => {
      const many = Array.from({ length: count }, (_, n) => entry(`id${n}`, `Match ${n}: <1>Team ${n}</1> won.`, `Wedstrijd ${n}: <1>Ploeg ${n}</1> won.`));
      expect(await writeTmx(path, stream(many), { sourceLanguage: 'en', targetLanguage: 'nl' })).toBe(count);
    });

    it('tmx: streams a large memory out and back in', async () => {
      const { units } = await readAll(path);
      expect(units).toHaveLength(count);
      expect(units[count - 1]).toMatchObject({ tuid: `id${count - 1}`, source: `Match ${count - 1}: <1>Team ${count - 1}</1> won.` });
    });

    it('tmx: a truncated large file fails after streaming, never silently', async () => {
      const xml = readFileSync(path, 'utf8');
      const cut = scratch.write('cut.tmx', xml.slice(0, Math.floor(xml.length * 0.9)));
      const { items, error } = await drain(async () => (await readTmx(cut)).units);
      expect(error).toBeInstanceOf(InputError);
      expect((error as InputError).message).toMatch(/truncated/);
      // Units from earlier chunks were streamed; an importer's transaction must roll them back.
      expect(items.length).toBeGreaterThan(0);
      expect(items.length).toBeLessThan(count * 0.9);
    });
  });
});
