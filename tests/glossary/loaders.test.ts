import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { loadGlossaries } from '../../src/glossary/index.js';
import { makeProject, repoRoot } from '../helpers/project.js';

const tbx = (body: string, root = '<martif type="TBX-Basic" xml:lang="nl">') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n<text><body>\n${body}\n</body></text>\n</martif>\n`;

async function load(name: string, content: string | Buffer) {
  const root = makeProject({});
  writeFileSync(join(root, name), content);
  return loadGlossaries(root, [name]);
}

async function failure(name: string, content: string | Buffer): Promise<InputError> {
  const error = await load(name, content).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

describe('glossary files', () => {
  it('glossary: the shipped TBX and CSV load and agree on every preferred term', async () => {
    const fromTbx = await loadGlossaries(repoRoot, ['glossaries/sports.tbx']);
    const fromCsv = await loadGlossaries(repoRoot, ['glossaries/sports.csv']);
    expect(fromTbx.concepts.length).toBeGreaterThanOrEqual(90);
    expect(fromCsv.concepts).toHaveLength(fromTbx.concepts.length);
    const preferred = (g: typeof fromTbx) => g.concepts.map((c) => Object.fromEntries(Object.entries(c.terms).map(([l, t]) => [l, t[0]!.text])));
    expect(preferred(fromCsv)).toEqual(preferred(fromTbx));
    const pursuit = fromTbx.concepts.find((c) => c.terms.nl?.[0]?.text === 'ploegenachtervolging')!;
    expect(pursuit.terms.en).toEqual([
      { text: 'team pursuit', status: 'preferred' },
      { text: 'team chase', status: 'deprecated' },
    ]);
    expect(fromTbx.concepts.find((c) => c.terms.nl?.[0]?.text === 'Nazym Kyzaibay')?.dnt).toBe(true);
    for (const lang of ['nl', 'en', 'af', 'de', 'fr', 'es', 'ru', 'kk']) {
      expect(fromTbx.concepts.filter((c) => c.terms[lang]?.length).length).toBeGreaterThanOrEqual(90);
    }
  });

  it('glossary: TBX statuses, preferred first, default statuses, names and notes', async () => {
    const { concepts } = await load(
      'g.tbx',
      tbx(`<termEntry id="c1"><descrip type="subjectField">cycling</descrip><note>a note</note>
  <langSet xml:lang="NL"><tig><term>renner</term></tig></langSet>
  <langSet xml:lang="en"><tig><term>runner</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
    <ntig><termGrp><term>rider</term></termGrp><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></ntig>
    <tig><term>cyclist</term></tig></langSet></termEntry>
<termEntry id="c2"><langSet xml:lang="nl"><tig><term>Nazym Kyzaibay</term><termNote type="transferComment">Do not translate</termNote></tig></langSet></termEntry>`),
    );
    expect(concepts[0]).toMatchObject({ id: 'c1', subject: 'cycling', note: 'a note', dnt: false });
    expect(concepts[0]!.terms.nl).toEqual([{ text: 'renner', status: 'preferred' }]);
    expect(concepts[0]!.terms.en).toEqual([
      { text: 'rider', status: 'preferred' },
      { text: 'runner', status: 'deprecated' },
      { text: 'cyclist', status: 'admitted' },
    ]);
    expect(concepts[1]!.dnt).toBe(true);
  });

  it('glossary: CSV with quoting, alternatives, dnt and forbidden columns', async () => {
    const { concepts } = await load(
      'g.csv',
      'nl,en,af,note,dnt,forbidden\n"renner","rider|cyclist",fietsryer,"a note, with comma",no,en:runner|af:hardloper\nNazym Kyzaibay,Nazym Kyzaibay,,"multi\nline",yes,\n',
    );
    expect(concepts[0]!.terms.en).toEqual([
      { text: 'rider', status: 'preferred' },
      { text: 'cyclist', status: 'admitted' },
      { text: 'runner', status: 'deprecated' },
    ]);
    expect(concepts[0]).toMatchObject({ note: 'a note, with comma', dnt: false, line: 2 });
    expect(concepts[1]).toMatchObject({ dnt: true, line: 3 });
  });

  const hostileTbx: Array<[string, string, RegExp, number | undefined]> = [
    ['malformed XML', tbx('<termEntry><langSet xml:lang="nl"><tig><term>x</tig></langSet></termEntry>'), /./, 4],
    ['billion laughs', `<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;">]>\n<martif type="TBX-Basic"><text><body/></text></martif>`, /DOCTYPE/, 2],
    ['XXE', `<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<martif><text><body><termEntry><langSet xml:lang="nl"><tig><term>&x;</term></tig></langSet></termEntry></body></text></martif>`, /DOCTYPE/, 2],
    ['wrong root', '<?xml version="1.0"?>\n<xliff version="1.2"/>', /expected a TBX file/, 2],
    ['langSet without xml:lang', tbx('<termEntry><langSet><tig><term>x</term></tig></langSet></termEntry>'), /xml:lang/, 4],
    ['empty term', tbx('<termEntry><langSet xml:lang="nl"><tig><term> </term></tig></langSet></termEntry>'), /empty <term>/, 4],
    ['unknown status', tbx('<termEntry><langSet xml:lang="nl"><tig><term>x</term><termNote type="administrativeStatus">bestTerm</termNote></tig></langSet></termEntry>'), /administrativeStatus/, 4],
    ['entry without terms', tbx('<termEntry id="e"></termEntry>'), /has no terms/, 4],
  ];
  for (const [name, content, message, line] of hostileTbx) {
    it(`glossary: TBX ${name} is refused with file and line`, async () => {
      const error = await failure('bad.tbx', content);
      expect(error.message).toMatch(message);
      expect(error.location.file).toBe('bad.tbx');
      if (line) expect(error.location.line).toBe(line);
    });
  }

  const badCsv: Array<[string, string, RegExp, number]> = [
    ['bad quoting', 'nl,en\n"renner,rider\nx,y\n', /invalid CSV/, 2],
    ['wrong column count', 'nl,en\nrenner,rider\nploeg,team,extra\n', /invalid CSV/, 3],
    ['bad dnt value', 'nl,en,dnt\nrenner,rider,maybe\n', /dnt must be true or false/, 2],
    ['bad forbidden entry', 'nl,en,forbidden\nrenner,rider,runner\n', /lang:term/, 2],
    ['row without terms', 'nl,en,note\nrenner,rider,\n,,just a note\n', /no terms/, 3],
    ['unknown column', 'nl,english\nrenner,rider\n', /neither a language tag/, 1],
  ];
  for (const [name, content, message, line] of badCsv) {
    it(`glossary: CSV ${name} is refused with file and line`, async () => {
      const error = await failure('bad.csv', content);
      expect(error.message).toMatch(message);
      expect(error.location).toMatchObject({ file: 'bad.csv', line });
    });
  }

  it('glossary: an unknown extension, a missing file and invalid UTF-8 are input errors', async () => {
    expect((await failure('g.txt', 'x')).message).toMatch(/unknown glossary format/);
    const root = makeProject({});
    const missing = await loadGlossaries(root, ['nope.tbx']).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(InputError);
    expect((await failure('g.csv', Buffer.from([0x6e, 0x6c, 0x0a, 0xff, 0xfe, 0x0a]))).message).toMatch(/UTF-8/);
  });
});
