import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { readXliff, writeXliff, type XliffFileOut, type XliffFormat, type Xliff12Codes } from '../../src/exchange/index.js';
import { schemasDir } from '../helpers/project.js';
import { scratchDir } from './helpers.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/xliff/${name}`, import.meta.url));
const scratch = scratchDir();
afterAll(() => scratch.remove());

const SCHEMAS: Record<XliffFormat, string> = { xliff2: 'xliff_core_2.0.xsd', xliff12: 'xliff-core-1.2-strict.xsd' };

/** Runs xmllint against the OASIS schema; a missing xmllint fails the test rather than skipping validation. */
function validate(path: string, format: XliffFormat): void {
  const result = spawnSync('xmllint', ['--noout', '--schema', join(schemasDir, SCHEMAS[format]), path], { encoding: 'utf8' });
  expect(result.error, 'xmllint must be installed').toBeUndefined();
  expect(result.stderr.trim()).toBe(`${path} validates`);
  expect(result.status).toBe(0);
}

const id = (c: string) => c.repeat(64);

/** Content that has broken naive writers: markup characters, `]]>`, nesting, line breaks, quotes in hints. */
const FILES: XliffFileOut[] = [
  {
    original: 'articles/nl/sport & "spel".md',
    units: [
      {
        id: id('a'),
        source: 'Ploeg A &lt;&gt; ploeg B: <1>score ]]&gt; <2>2 &amp; 1</2></1> na <3/> minuten\nin de regen.',
        target: { text: 'Span A &lt;&gt; span B: <1>telling ]]&gt; <2>2 &amp; 1</2></1> ná <3/> minute\nin die reën.', status: 'machine' },
        locations: [{ file: 'articles/nl/sport & "spel".md', line: 3 }],
        notes: [
          { category: 'location', text: 'articles/nl/sport & "spel".md:3 (paragraph, segment 1 of 2)' },
          { category: 'tm', text: '80% (human, translated): Ploeg <1>A</1> → Span <1>A</1>', priority: 2 },
        ],
        codes: new Map([
          [1, { nodeType: 'link', open: '[', close: '](https://x.example/a?b=1&c="2" "Tit\'el")' }],
          [2, { nodeType: 'strong', open: '**', close: '**' }],
          [3, { nodeType: 'inlineCode', open: '`90+3`' }],
        ]),
      },
      { id: id('b'), source: 'Nog niet vertaald.', locations: [], notes: [] },
    ],
  },
  {
    original: 'articles/nl/b.md',
    units: [
      { id: id('c'), source: 'Klaar.', target: { text: 'Klaar.', status: 'reviewed' }, locations: [], notes: [{ category: 'tolk', text: 'reviewed' }] },
      { id: id('d'), source: 'Definitief <1/>.', target: { text: 'Finaal <1/>.', status: 'final' }, locations: [], notes: [], codes: new Map([[1, { nodeType: 'break', open: '\\\n' }]]) },
    ],
  },
];

describe('writing XLIFF', () => {
  it.each([
    ['xliff2', 'g'],
    ['xliff12', 'g'],
    ['xliff12', 'bpt'],
  ] as Array<[XliffFormat, Xliff12Codes]>)('xliff: %s (%s codes) validates against the OASIS schema and reads back', async (format, codes) => {
    const path = scratch.path(`out-${format}-${codes}.xlf`);
    expect(await writeXliff(path, FILES, { format, codes, sourceLanguage: 'nl', targetLanguage: 'af' })).toBe(4);
    validate(path, format);
    const doc = await readXliff(path);
    expect(doc).toMatchObject({ format, version: format === 'xliff2' ? '2.0' : '1.2', sourceLanguage: 'nl', targetLanguage: 'af', gettext: false });
    expect(doc.units.map((u) => [u.id, u.original, u.source, u.target, u.state])).toEqual([
      [id('a'), 'articles/nl/sport & "spel".md', { tagged: FILES[0]!.units[0]!.source }, { tagged: FILES[0]!.units[0]!.target!.text }, format === 'xliff2' ? 'initial' : 'needs-review-translation'],
      [id('b'), 'articles/nl/sport & "spel".md', { tagged: 'Nog niet vertaald.' }, undefined, format === 'xliff2' ? 'initial' : undefined],
      [id('c'), 'articles/nl/b.md', { tagged: 'Klaar.' }, { tagged: 'Klaar.' }, format === 'xliff2' ? 'reviewed' : 'signed-off'],
      [id('d'), 'articles/nl/b.md', { tagged: 'Definitief <1/>.' }, { tagged: 'Finaal <1/>.' }, 'final'],
    ]);
  });

  it('xliff: codes tell translators what the Markdown is, and may be neither copied nor deleted', async () => {
    const path = scratch.path('codes.xlf');
    await writeXliff(path, FILES, { format: 'xliff2', sourceLanguage: 'nl', targetLanguage: 'af' });
    const xml = readFileSync(path, 'utf8');
    expect(xml).toContain('<pc id="1" type="link" canCopy="no" canDelete="no" dispStart="[" dispEnd="](https://x.example/a?b=1&amp;c=&quot;2&quot; &quot;Tit\'el&quot;)">');
    expect(xml).toContain('<ph id="3" type="other" canCopy="no" canDelete="no" disp="`90+3`"/>');
    expect(xml).toContain('<segment state="initial" subState="tolk:machine">');
    const path12 = scratch.path('codes12.xlf');
    await writeXliff(path12, FILES, { format: 'xliff12', sourceLanguage: 'nl', targetLanguage: 'af' });
    const xml12 = readFileSync(path12, 'utf8');
    expect(xml12).toContain('<g id="2" ctype="bold">');
    expect(xml12).toContain('<x id="3" ctype="x-inline-code" equiv-text="`90+3`"/>');
    expect(xml12).toContain('<trans-unit id="' + id('c') + '" xml:space="preserve" approved="yes">');
    expect(xml12).toContain('<context-group purpose="location"><context context-type="sourcefile">articles/nl/sport &amp; "spel".md</context><context context-type="linenumber">3</context></context-group>');
  });

  it('xliff: a target with broken tags, or nothing to write, is a programming error', async () => {
    const broken: XliffFileOut[] = [{ original: 'a.md', units: [{ id: id('e'), source: '<1>a</1>', target: { text: 'a', status: 'machine' }, locations: [], notes: [] }] }];
    await expect(writeXliff(scratch.path('x.xlf'), broken, { format: 'xliff2', sourceLanguage: 'nl', targetLanguage: 'af' })).rejects.toThrow(/missing tag <1>/);
    await expect(writeXliff(scratch.path('y.xlf'), [{ original: 'a.md', units: [] }], { format: 'xliff2', sourceLanguage: 'nl', targetLanguage: 'af' })).rejects.toThrow(
      /no units/,
    );
  });
});

describe('reading XLIFF from other tools', () => {
  it("xliff: reads Translate Toolkit's po2xliff output (1.1, literal tags, PO header unit)", async () => {
    const doc = await readXliff(fixture('po2xliff.xlf'));
    expect(doc).toMatchObject({ format: 'xliff12', version: '1.1', sourceLanguage: 'en-US', gettext: true });
    expect(doc.targetLanguage).toBeUndefined();
    expect(doc.units.map((u) => [u.id, u.locations, u.source, u.target, u.state])).toEqual([
      [
        '3',
        ['8c3b1ee2b1b1b0ad09f2e4b4f5b8a7d36f7a0e4f4b4c3b1f6a2d7d9f3e1c0b2a'],
        { tagged: 'De <1>baanwielrenners</1> reden <2/> &amp; meer.' },
        { tagged: 'Die <1>baanfietsryers</1> het <2/> &amp; meer gery.' },
        'translated',
      ],
      ['4', ['1d0e6c3f4b2a9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d'], { tagged: 'Zonder vertaling.' }, { tagged: 'Sonder vertaling.' }, 'translated'],
    ]);
  });

  it("xliff: reads a CAT tool's 1.2 (groups, bx/ex, segmented target, alternatives and extensions passed over)", async () => {
    const doc = await readXliff(fixture('other-tool-1.2.xlf'));
    expect(doc).toMatchObject({ format: 'xliff12', version: '1.2', sourceLanguage: 'nl-NL', targetLanguage: 'af-ZA', gettext: false, languageLine: 4 });
    expect(doc.units.map((u) => [u.id, u.name, u.line, u.source, u.target, u.state])).toEqual([
      ['u1', '436f3f2fbdd5', 10, { tagged: 'De <1>baan</1> reden <2/>.' }, { tagged: 'Die <1>baan</1> het <2/> gery.' }, 'translated'],
      ['u2', undefined, 20, { problem: '<it> (a code whose other half is in another segment)' }, { tagged: 'Met <1/> en rest.' }, 'needs-review-translation'],
      ['u3', undefined, 24, { tagged: 'Zonder staat.' }, { tagged: 'Sonder staat.' }, undefined],
    ]);
  });

  it('xliff: reads a 2.x unit split into segments as one (ignorables, spanning codes, annotations, <cp>)', async () => {
    const doc = await readXliff(fixture('resegmented-2.0.xlf'));
    expect(doc).toMatchObject({ format: 'xliff2', version: '2.1', sourceLanguage: 'nl', targetLanguage: 'af' });
    expect(doc.units.map((u) => [u.id, u.source, u.target, u.state])).toEqual([
      ['u1', { tagged: 'Eerste <1>zin</1>. Tweede zin\thier.' }, { tagged: 'Eerste <1>sin</1>. Tweede sin\thier.' }, 'translated'],
      ['u2', { tagged: 'Half <1>vertaald</1>.Nog niet.' }, { problem: "only 1 of the unit's 2 segments have a target" }, 'initial'],
      ['u3', { problem: 'isolated <sc> (the code\'s other half is in another segment)' }, { tagged: 'Los einde.' }, 'final'],
    ]);
  });

  it('xliff: a code the source lacks gets a number of its own, so the tag check can name it', async () => {
    const path = scratch.write(
      'extra.xlf',
      `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="nl" trgLang="af"><file id="f"><unit id="u">
        <segment state="translated"><source>A <pc id="a">b</pc> <ph id="c"/></source><target>A <pc id="a">b</pc> <ph id="zz"/> <ph id="c"/></target></segment>
      </unit></file></xliff>`,
    );
    const [unit] = (await readXliff(path)).units;
    expect(unit!.source).toEqual({ tagged: 'A <1>b</1> <2/>' });
    expect(unit!.target).toEqual({ tagged: 'A <1>b</1> <3/> <2/>' });
  });
});

describe('refusing files that are not XLIFF tolk can read', () => {
  const xliff2 = (attributes: string, body = '<file id="f"><unit id="u"><segment><source>a</source></segment></unit></file>') =>
    `<?xml version="1.0"?>\n<xliff ${attributes}>${body}</xliff>\n`;
  it.each([
    ['a DOCTYPE', `<?xml version="1.0"?>\n<!DOCTYPE xliff SYSTEM "xliff.dtd">\n<xliff/>`, /^DOCTYPE is not allowed/, 2],
    ['another root', '<?xml version="1.0"?>\n<tmx version="1.4"/>', /^expected an XLIFF file \(root element <xliff>\), found <tmx>$/, 2],
    ['no namespace', xliff2('version="1.2"'), /found no namespace$/, 2],
    ['an XLIFF 2 file without srcLang', xliff2('xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"'), /^<xliff> has no srcLang \(required in XLIFF 2\)$/, 2],
    [
      '1.2 files for two language pairs',
      `<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n<file original="a" source-language="nl" target-language="af" datatype="x-markdown"><body/></file>\n<file original="b" source-language="nl" target-language="de" datatype="x-markdown"><body/></file>\n</xliff>`,
      /^<file> for nl → de, but an earlier <file> \(line 2\) is for nl → af: one language pair per XLIFF file$/,
      3,
    ],
  ])('xliff: %s is refused', async (_, content, reason, line) => {
    const path = scratch.write('bad.xlf', content);
    const error = await readXliff(path, { displayName: 'bad.xlf' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(reason);
    expect((error as InputError).location).toMatchObject({ file: 'bad.xlf', line });
  });

  it('xliff: a file over the size limit is refused before it is parsed', async () => {
    const path = scratch.write('big.xlf', `<xliff>${' '.repeat(2048)}</xliff>`);
    await expect(readXliff(path, { displayName: 'big.xlf', maxBytes: 1024 })).rejects.toThrow(/over the .* limit \(limits\.xliffBytes in tolk\.config\.json\)$/);
  });
});
