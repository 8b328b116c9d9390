import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { isForbidden, loadGlossaries, type Concept, type Glossary } from '../../src/glossary/index.js';
import { tripwire } from '../exchange/helpers.js';
import { makeProject, removeProject, repoRoot } from '../helpers/project.js';

const fixtures = join(repoRoot, 'tests/fixtures/glossary');
const project = makeProject({});
let server: Awaited<ReturnType<typeof tripwire>>;
beforeAll(async () => {
  server = await tripwire();
});
afterAll(async () => {
  await server.close();
  removeProject(project);
});

/** Loads `content` written as `name` in a throwaway project, through the same door as the pipeline. */
async function load(name: string, content: string | Buffer): Promise<Glossary> {
  mkdirSync(join(project, 'glossaries'), { recursive: true });
  writeFileSync(join(project, 'glossaries', name), content);
  return loadGlossaries(project, [`glossaries/${name}`]);
}

async function refusal(name: string, content: string | Buffer): Promise<InputError> {
  const error = await load(name, content).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  return error as InputError;
}

const fixture = (name: string) => {
  mkdirSync(join(project, 'glossaries'), { recursive: true });
  copyFileSync(join(fixtures, name), join(project, 'glossaries', name));
  return loadGlossaries(project, [`glossaries/${name}`]);
};

const byNl = (glossary: Glossary, nl: string): Concept => {
  const found = glossary.concepts.filter((c) => c.terms.nl?.[0]?.text === nl);
  expect(found, nl).toHaveLength(1);
  return found[0]!;
};

describe('shipped glossaries', () => {
  let tbx: Glossary;
  let csv: Glossary;
  beforeAll(async () => {
    [tbx, csv] = await Promise.all([loadGlossaries(repoRoot, ['glossaries/sports.tbx']), loadGlossaries(repoRoot, ['glossaries/sports.csv'])]);
  });

  it('glossary files: sports.tbx and sports.csv load with the concrete entries editors rely on', () => {
    expect(tbx.concepts).toHaveLength(130);
    for (const glossary of [tbx, csv]) {
      const pursuit = byNl(glossary, 'ploegenachtervolging');
      expect(pursuit.terms.en!.map(({ text, status }) => ({ text, status }))).toEqual([
        { text: 'team pursuit', status: 'preferred' },
        { text: 'team chase', status: 'deprecated' },
      ]);
      expect(pursuit.dnt).toBe(false);
      expect(byNl(glossary, 'Nazym Kyzaibay')).toMatchObject({ dnt: true, terms: { kk: [{ text: 'Назым Қызайбай', status: 'preferred' }, {}, {}] } });
      expect(glossary.concepts.filter((c) => c.dnt).map((c) => c.terms.nl![0]!.text).sort()).toEqual([
        'Almaty',
        'Nazym Kyzaibay',
        'Unsplash',
        'Valentina Khalzova',
        'Xavier Praillet',
      ]);
    }
    const pursuit = byNl(tbx, 'ploegenachtervolging');
    expect(pursuit).toMatchObject({ id: 'event-team-pursuit', file: 'glossaries/sports.tbx', subject: 'cycling' });
    // TBX gives the part of speech (CSV cannot): nouns and proper nouns match more strictly (see match.ts).
    expect(pursuit.terms.en![0]).toEqual({ text: 'team pursuit', status: 'preferred', partOfSpeech: 'noun' });
    expect(pursuit.note).toMatch(/^Afrikaans 'ploeg' means plough.* \[af: unverified: to be checked by a native-speaker terminologist\]$/);
    expect(byNl(tbx, 'Astana').terms.en!.map(({ text, status }) => ({ text, status }))).toEqual([
      { text: 'Astana', status: 'preferred' },
      { text: 'Nur-Sultan', status: 'superseded' },
    ]);
    expect(byNl(csv, 'ploegenachtervolging')).toMatchObject({ id: 'glossaries/sports.csv:13', line: 13 });
  });

  it('glossary files: every language of every entry has exactly one preferred term, listed first', () => {
    for (const glossary of [tbx, csv]) {
      for (const concept of glossary.concepts) {
        expect(Object.keys(concept.terms).sort(), concept.id).toEqual(['af', 'de', 'en', 'es', 'fr', 'kk', 'nl', 'ru']);
        for (const [language, terms] of Object.entries(concept.terms)) {
          expect(terms.filter((t) => t.status === 'preferred'), `${concept.id} ${language}`).toHaveLength(1);
          expect(terms[0]!.status).toBe('preferred');
        }
      }
    }
  });

  it('glossary files: TBX and CSV have the same concepts, preferred terms, dnt flags, subjects and notes', () => {
    expect(csv.concepts).toHaveLength(tbx.concepts.length);
    const preferred = (c: Concept) => Object.fromEntries(Object.entries(c.terms).map(([language, terms]) => [language, terms[0]!.text]));
    expect(csv.concepts.map(preferred)).toEqual(tbx.concepts.map(preferred));
    expect(csv.concepts.map((c) => c.dnt)).toEqual(tbx.concepts.map((c) => c.dnt));
    // The subject scopes an entry to articles of that subject (config glossary.subjects): both files must agree.
    expect(csv.concepts.map((c) => c.subject)).toEqual(tbx.concepts.map((c) => c.subject));
    // TBX notes end in `[af: unverified: …]` per langSet note; the CSV says the same as `[check: af, kk]`.
    const tbxNotes = tbx.concepts.map((c) => {
      const languages = [...c.note!.matchAll(/ \[([a-z]+): unverified[^\]]*\]/g)].map((m) => m[1]);
      return `${c.note!.replace(/ \[[a-z]+: unverified[^\]]*\]/g, '')}${languages.length ? ` [check: ${languages.join(', ')}]` : ''}`;
    });
    expect(csv.concepts.map((c) => c.note)).toEqual(tbxNotes);
  });

  it('glossary files: TBX and CSV agree on every term and status (terms, statuses, names, notes)', () => {
    // The CSV has no superseded status: its `forbidden` terms are deprecated. Compare forbidden-ness, not the word.
    const terms = (c: Concept) =>
      Object.entries(c.terms).flatMap(([language, list]) => list.map((t) => `${language}:${t.text}:${isForbidden(t) ? 'forbidden' : t.status}`));
    const differences = tbx.concepts.flatMap((concept, index) => {
      const fromCsv = new Set(terms(csv.concepts[index]!));
      return terms(concept).filter((term) => !fromCsv.has(term)).map((term) => `${concept.id} ${term}`);
    });
    const extraInCsv = csv.concepts.flatMap((concept, index) => {
      const fromTbx = new Set(terms(tbx.concepts[index]!));
      return terms(concept).filter((term) => !fromTbx.has(term));
    });
    expect(extraInCsv).toEqual([]);
    // Data problems, reported rather than fixed here: the CSV's `forbidden` column misses `nl:` entries.
    expect(differences).toEqual([]);
  });
});

describe('TBX glossaries', () => {
  it('glossary tbx: statuses, preferred first, default statuses, subject, notes and dnt', async () => {
    const { concepts } = await fixture('small.tbx');
    expect(concepts.map((c) => [c.id, c.file, c.line])).toEqual([
      ['rider', 'glossaries/small.tbx', 10],
      ['team-pursuit', 'glossaries/small.tbx', 40],
      ['kyzaibay', 'glossaries/small.tbx', 54],
    ]);
    const [rider, pursuit, name] = concepts;
    expect(rider).toEqual({
      id: 'rider',
      file: 'glossaries/small.tbx',
      line: 10,
      subject: 'cycling',
      note: "Dutch 'renner' is a rider, not a runner. [af: unverified]",
      dnt: false,
      terms: {
        nl: [{ text: 'renner', status: 'preferred' }],
        'en-GB': [
          { text: 'rider', status: 'preferred' },
          { text: 'cyclist', status: 'admitted' },
          { text: 'runner', status: 'deprecated' },
        ],
        af: [{ text: 'fietsryer', status: 'preferred' }],
      },
    });
    // Inline markup and line breaks inside <term> make no difference to the term.
    expect(pursuit!.note).toBe('Track race between teams of four riders.');
    expect(pursuit!.terms).toEqual({
      nl: [{ text: 'ploegenachtervolging', status: 'preferred' }],
      en: [
        { text: 'team pursuit', status: 'preferred' },
        { text: 'pursuit', status: 'admitted' },
        { text: 'team chase', status: 'superseded' },
      ],
    });
    expect(name!.dnt).toBe(true);
    expect(name!.terms.ru).toEqual([
      { text: 'Назым Кызайбай', status: 'preferred' },
      { text: 'Nazym Kyzaibay', status: 'admitted' },
    ]);
  });

  it('glossary tbx: TBX v3 <tbx type="TBX-Basic"> with conceptEntry, langSec and termSec', async () => {
    const { concepts } = await fixture('small-v3.tbx');
    expect(concepts).toEqual([
      {
        id: 'astana',
        file: 'glossaries/small-v3.tbx',
        line: 9,
        subject: 'places',
        dnt: false,
        terms: {
          nl: [
            { text: 'Astana', status: 'preferred' },
            { text: 'Nur-Sultan', status: 'superseded' },
          ],
          en: [{ text: 'Astana', status: 'preferred' }],
        },
      },
    ]);
  });

  it('glossary tbx: TBX v3 DCT style, where data categories are elements of their own', async () => {
    const { concepts } = await load(
      'dct.tbx',
      `<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dct" xml:lang="nl" xmlns="urn:iso:std:iso:30042:ed-2" xmlns:min="http://www.tbxinfo.net/ns/min" xmlns:basic="http://www.tbxinfo.net/ns/basic">
  <text><body>
    <conceptEntry id="almaty">
      <min:subjectField>places</min:subjectField>
      <langSec xml:lang="nl"><termSec><term>Almaty</term><basic:transferComment>do not translate</basic:transferComment></termSec></langSec>
      <langSec xml:lang="ru">
        <termSec><term>Алма-Ата</term><min:administrativeStatus>supersededTerm-admn-sts</min:administrativeStatus></termSec>
        <termSec><term>Алматы</term><min:administrativeStatus>preferredTerm-admn-sts</min:administrativeStatus></termSec>
      </langSec>
      <langSec xml:lang="de"><note>no German term yet</note></langSec>
    </conceptEntry>
  </body></text>
</tbx>
`,
    );
    expect(concepts).toEqual([
      {
        id: 'almaty',
        file: 'glossaries/dct.tbx',
        line: 4,
        subject: 'places',
        note: '[de: no German term yet]',
        dnt: true,
        terms: {
          nl: [{ text: 'Almaty', status: 'preferred' }],
          ru: [
            { text: 'Алматы', status: 'preferred' },
            { text: 'Алма-Ата', status: 'superseded' },
          ],
        },
      },
    ]);
  });

  it('glossary tbx: a term without status is admitted when another term of its langSet is marked preferred', async () => {
    const { concepts } = await load(
      'defaults.tbx',
      tbx('<termEntry><langSet xml:lang="en"><tig><term>cyclist</term></tig><tig><term>rider</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet></termEntry>'),
    );
    expect(concepts[0]!.terms.en).toEqual([
      { text: 'rider', status: 'preferred' },
      { text: 'cyclist', status: 'admitted' },
    ]);
    expect(concepts[0]!.id).toBe('glossaries/defaults.tbx:4');
  });

  it('glossary tbx: an external DTD on a server is refused without being fetched', async () => {
    const error = await refusal('remote.tbx', `<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "${server.url}/TBXcoreStructV02.dtd">\n<martif type="TBX-Basic"/>\n`);
    expect(error.message).toMatch(/^DOCTYPE is not allowed/);
    expect(error.location).toMatchObject({ file: 'glossaries/remote.tbx', line: 2 });
    expect(server.requests()).toBe(0);
  });

  const ENTRY = '<termEntry id="e"><langSet xml:lang="nl"><tig><term>renner</term></tig></langSet></termEntry>';
  const refused: { name: string; content: string | Buffer; reason: RegExp; line: number }[] = [
    { name: 'malformed XML', content: tbx('<termEntry><langSet xml:lang="nl"><tig><term>renner</tig></langSet></termEntry>'), reason: /^not well-formed XML: mismatched closing tag/, line: 4 },
    {
      name: 'billion laughs',
      content: `<?xml version="1.0"?>\n<!DOCTYPE martif [\n <!ENTITY lol "lol">\n <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">\n]>\n${tbx('<termEntry><langSet xml:lang="nl"><tig><term>&lol2;</term></tig></langSet></termEntry>')}`,
      reason: /^DOCTYPE is not allowed \(entity expansion and external DTDs are refused\); found <!DOCTYPE martif \[\.\.\.\]>$/,
      line: 2,
    },
    {
      name: 'XXE',
      content: `<?xml version="1.0"?>\n<!DOCTYPE martif [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n${tbx('<termEntry><langSet xml:lang="nl"><tig><term>&xxe;</term></tig></langSet></termEntry>')}`,
      reason: /^DOCTYPE is not allowed .*\[\.\.\.\]>$/,
      line: 2,
    },
    { name: 'undefined entity', content: tbx('<termEntry><langSet xml:lang="nl"><tig><term>&nbsp;renner</term></tig></langSet></termEntry>'), reason: /undefined entity &nbsp;/, line: 4 },
    { name: 'wrong root', content: '<?xml version="1.0"?>\n<tmx version="1.4"><header/><body/></tmx>\n', reason: /^expected a TBX-Basic file .*found <tmx>$/, line: 2 },
    { name: 'wrong type', content: tbx(ENTRY, '<martif type="TBX-Default">'), reason: /^expected a TBX-Basic file \(<martif type="TBX-Basic">\), found type="TBX-Default"$/, line: 2 },
    { name: 'missing xml:lang', content: tbx('<termEntry>\n<langSet><tig><term>renner</term></tig></langSet></termEntry>'), reason: /^<langSet> without xml:lang/, line: 5 },
    { name: 'empty term', content: tbx('<termEntry><langSet xml:lang="nl"><tig><term> \n </term></tig></langSet></termEntry>'), reason: /^empty <term>/, line: 4 },
    { name: 'tig without term', content: tbx('<termEntry><langSet xml:lang="nl"><tig><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet></termEntry>'), reason: /^<tig> without a <term>$/, line: 4 },
    { name: 'entry without terms', content: tbx('<termEntry id="e"><descrip type="subjectField">cycling</descrip></termEntry>'), reason: /^<termEntry> without any <term>/, line: 4 },
    { name: 'duplicate entry id', content: tbx(`${ENTRY}\n${ENTRY}`), reason: /^duplicate <termEntry> id "e" \(first used on line 4\)$/, line: 5 },
    { name: 'unknown status', content: tbx('<termEntry><langSet xml:lang="nl"><tig><term>renner</term>\n<termNote type="administrativeStatus">bestTerm</termNote></tig></langSet></termEntry>'), reason: /^unknown administrativeStatus "bestTerm": expected preferredTerm-admn-sts/, line: 5 },
    { name: 'term outside a tig', content: tbx('<termEntry><langSet xml:lang="nl"><term>renner</term></langSet></termEntry>'), reason: /^<term> outside a <tig> or <ntig>$/, line: 4 },
    { name: 'invalid UTF-8', content: withBytes(tbx('<termEntry><langSet xml:lang="nl"><tig><term>r@enner</term></tig></langSet></termEntry>'), [0xc3, 0x28]), reason: /^invalid UTF-8/, line: 4 },
  ];
  for (const { name, content, reason, line } of refused) {
    it(`glossary tbx: ${name} is an input error with file and line`, async () => {
      const error = await refusal('bad.tbx', content);
      expect(error.message).toMatch(reason);
      expect(error.location).toMatchObject({ file: 'glossaries/bad.tbx', line });
    });
  }
});

describe('CSV glossaries', () => {
  it('glossary csv: BOM, CRLF, quoting, blank lines, alternatives, forbidden, dnt and lines', async () => {
    const { concepts } = await fixture('small.csv');
    expect(concepts).toEqual([
      {
        id: 'glossaries/small.csv:2',
        file: 'glossaries/small.csv',
        line: 2,
        subject: 'cycling',
        note: 'Dutch "renner" is a rider, not a runner.',
        dnt: false,
        terms: {
          nl: [{ text: 'renner', status: 'preferred' }],
          en: [
            { text: 'rider', status: 'preferred' },
            { text: 'cyclist', status: 'admitted' },
            { text: 'runner', status: 'deprecated' },
          ],
        },
      },
      {
        id: 'glossaries/small.csv:4',
        file: 'glossaries/small.csv',
        line: 4,
        note: 'Track race between teams of four riders.',
        dnt: false,
        terms: {
          nl: [{ text: 'ploegenachtervolging', status: 'preferred' }],
          en: [
            { text: 'team pursuit', status: 'preferred' },
            { text: 'team chase', status: 'deprecated' },
          ],
          af: [{ text: 'ploegagtervolging', status: 'deprecated' }],
        },
      },
      {
        id: 'glossaries/small.csv:6',
        file: 'glossaries/small.csv',
        line: 6,
        dnt: true,
        terms: {
          nl: [{ text: 'Nazym Kyzaibay', status: 'preferred' }],
          en: [{ text: 'Nazym Kyzaibay', status: 'preferred' }],
          ru: [
            { text: 'Назым Кызайбай', status: 'preferred' },
            { text: 'Nazym Kyzaibay', status: 'admitted' },
          ],
        },
      },
    ]);
  });

  it('glossary csv: language headers are normalized; dnt takes true/false/yes/no/1/0/empty', async () => {
    const { concepts } = await load('tags.csv', 'NL,en_gb,dnt\nrenner,rider,1\nploeg,team,0\nbaan,track,True\nweg,road,\n');
    expect(Object.keys(concepts[0]!.terms)).toEqual(['nl', 'en-GB']);
    expect(concepts.map((c) => c.dnt)).toEqual([true, false, true, false]);
  });

  const refused: { name: string; content: string | Buffer; reason: RegExp; line: number }[] = [
    { name: 'an unclosed quote', content: 'nl,en\nrenner,rider\n"ploeg,team\nbaan,track\n', reason: /^bad quoting: a quoted field in this row is never closed/, line: 3 },
    { name: 'text after a closing quote', content: 'nl,en\n"renner" x,rider\n', reason: /^bad quoting: text after a closing quote/, line: 2 },
    { name: 'a quote in an unquoted field', content: 'nl,en\nrenner,"rider\nploeg,te"am\n', reason: /^bad quoting/, line: 2 },
    { name: 'a row with too many columns', content: 'nl,en\nrenner,rider\n"multi\nline",team,extra\n', reason: /^wrong number of columns: expected 2 like the header, found 3$/, line: 3 },
    { name: 'a row with too few columns', content: 'nl,en,note\r\nrenner,rider,x\r\n\r\nploeg,team\r\n', reason: /^wrong number of columns: expected 3 like the header, found 2$/, line: 4 },
    { name: 'a bad dnt value', content: 'nl,en,dnt\nrenner,rider,no\nNazym,Nazym,maybe\n', reason: /^dnt is "maybe": expected true, false, yes, no, 1, 0 or empty$/, line: 3 },
    { name: 'a row without terms', content: 'nl,en,note\nrenner,rider,\n,,just a note\n', reason: /^row has no terms/, line: 3 },
    { name: 'a forbidden term without language', content: 'nl,en,forbidden\nrenner,rider,runner\n', reason: /^forbidden term "runner" is not lang:term/, line: 2 },
    { name: 'a header without languages', content: 'note,dnt\nrenner,no\n', reason: /^no language column in the header/, line: 1 },
    { name: 'a misspelt column', content: 'nl,en,forbiden\nrenner,rider,en:runner\n', reason: /^column "forbiden" is neither a language tag \(BCP 47\) nor note, dnt, forbidden or subject$/, line: 1 },
    { name: 'a duplicate column', content: 'nl,en,EN\nrenner,rider,cyclist\n', reason: /^column "EN" appears twice/, line: 1 },
    { name: 'an empty file', content: '', reason: /^empty file: expected a header row/, line: 1 },
    { name: 'a misspelt column below blank lines', content: '\n\nnl,engels\nrenner,rider\n', reason: /^column "engels" is neither/, line: 3 },
    { name: 'invalid UTF-8', content: withBytes('nl,en\nrenner,rider\nwielrenner,@cyclist\n', [0xff]), reason: /^invalid UTF-8$/, line: 3 },
  ];
  for (const { name, content, reason, line } of refused) {
    it(`glossary csv: ${name} is an input error with file and line`, async () => {
      const error = await refusal('bad.csv', content);
      expect(error.message).toMatch(reason);
      expect(error.location).toMatchObject({ file: 'glossaries/bad.csv', line });
    });
  }
});

describe('loading glossaries', () => {
  it('glossary load: files merge in the order given, each concept naming its file', async () => {
    await fixture('small.tbx');
    await fixture('small.csv');
    const { concepts } = await loadGlossaries(project, ['glossaries/small.csv', 'glossaries/small.tbx']);
    expect(concepts.map((c) => c.id)).toEqual(['glossaries/small.csv:2', 'glossaries/small.csv:4', 'glossaries/small.csv:6', 'rider', 'team-pursuit', 'kyzaibay']);
  });

  it('glossary load: a .xml file is read as TBX', async () => {
    const { concepts } = await load('terms.xml', tbx('<termEntry id="e"><langSet xml:lang="nl"><tig><term>renner</term></tig></langSet></termEntry>'));
    expect(concepts.map((c) => c.id)).toEqual(['e']);
  });

  it('glossary load: an unknown extension and a missing file are input errors naming the file', async () => {
    const unknown = await refusal('terms.txt', 'renner\n');
    expect(unknown.message).toBe('unknown glossary format (".txt"): expected a .tbx, .xml or .csv file');
    expect(unknown.location).toEqual({ file: 'glossaries/terms.txt' });
    for (const missing of ['glossaries/nope.tbx', 'glossaries/nope.csv']) {
      const error = await loadGlossaries(project, [missing]).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ message: 'file not found', location: { file: missing } });
    }
  });

  it('glossary load: with several bad files, the first one listed is reported', async () => {
    writeFileSync(join(project, 'glossaries/empty.csv'), '');
    const error = await loadGlossaries(project, ['glossaries/missing.tbx', 'glossaries/empty.csv']).then(() => undefined, (e: unknown) => e);
    expect(error).toMatchObject({ location: { file: 'glossaries/missing.tbx' } });
  });
});

/** A TBX-Basic file whose body starts on line 4. */
function tbx(body: string, root = '<martif type="TBX-Basic" xml:lang="nl">'): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root}\n<text><body>\n${body}\n</body></text>\n</martif>\n`;
}

/** `text` with `bytes` in place of its `@`: for encodings no string can hold. */
function withBytes(text: string, bytes: number[]): Buffer {
  const [before, after] = text.split('@');
  return Buffer.concat([Buffer.from(before!), Buffer.from(bytes), Buffer.from(after!)]);
}
