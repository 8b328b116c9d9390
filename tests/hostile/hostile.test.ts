import { describe, expect, it } from 'vitest';
import { defaultConfig, makeProject, runTolk, snapshot } from '../helpers/project.js';

/**
 * Hostile and broken input across every reader: each case must end with a
 * clear message naming the file (and line where it has one), exit code 2,
 * and no file changed.
 */
interface Case {
  name: string;
  files: Record<string, string | Buffer>;
  args: string[];
  /** What stderr must say: the file and, where it has one, the line. */
  message: RegExp;
}

const config = defaultConfig({ glossaries: ['g.tbx'] });
const tmxHeader = '<header srclang="nl" creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/>';
const tmx = (body: string, prolog = '<?xml version="1.0"?>\n') => `${prolog}<tmx version="1.4">${tmxHeader}<body>${body}</body></tmx>\n`;
const tbx = (body: string, prolog = '<?xml version="1.0"?>\n') => `${prolog}<martif type="TBX-Basic"><text><body>${body}</body></text></martif>\n`;
const laughs = (root: string) => `<?xml version="1.0"?>\n<!DOCTYPE ${root} [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>\n`;
const xxe = (root: string) => `<?xml version="1.0"?>\n<!DOCTYPE ${root} [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n`;
const externalDtd = (root: string) => `<?xml version="1.0"?>\n<!DOCTYPE ${root} SYSTEM "http://127.0.0.1:9/evil.dtd">\n`;
const article = '# Titel\n\nTekst.\n';
const invalidUtf8 = Buffer.from([0x23, 0x20, 0x54, 0x0a, 0xc3, 0x28, 0x0a]);

const cases: Case[] = [
  // config
  { name: 'config: invalid JSON', files: { 'tolk.config.json': '{\n  "sourceLanguage": "nl",\n  "targetLanguages": ["af",]\n}' }, args: ['translate'], message: /tolk\.config\.json:3:\d+: invalid JSON/ },
  { name: 'config: unknown key', files: { 'tolk.config.json': '{"sourceLanguage":"nl","targetLanguages":["af"],\n"engine":"x"}' }, args: ['translate'], message: /tolk\.config\.json:2: invalid key .*engine/ },
  { name: 'config: wrong type', files: { 'tolk.config.json': '{"sourceLanguage":"nl","targetLanguages":"af"}' }, args: ['check'], message: /tolk\.config\.json:1: invalid key "targetLanguages"/ },
  { name: 'config: NUL byte', files: { 'tolk.config.json': '{"sourceLanguage":"nl",\u0000"targetLanguages":["af"]}' }, args: ['translate'], message: /tolk\.config\.json:1:\d+: NUL byte/ },
  { name: 'config: invalid UTF-8', files: { 'tolk.config.json': Buffer.concat([Buffer.from('{"sourceLanguage":"nl","targetLanguages":["af"],"articles":"'), Buffer.from([0xff]), Buffer.from('"}')]) }, args: ['translate'], message: /tolk\.config\.json:1: invalid UTF-8/ },
  { name: 'config: --root without a config', files: {}, args: ['translate', '--root', '.'], message: /tolk\.config\.json not found/ },
  // front matter and Markdown
  { name: 'front matter: malformed YAML', files: { 'tolk.config.json': config, 'g.tbx': tbx(''), 'articles/nl/a.md': '---\ntitle: "ok"\ndate: [2024\n---\n\n# x\n' }, args: ['translate', '--engine', 'pseudo'], message: /articles\/nl\/a\.md:\d+: invalid YAML front matter/ },
  { name: 'front matter: not a mapping', files: { 'tolk.config.json': config, 'g.tbx': tbx(''), 'articles/nl/a.md': '---\n- a\n- b\n---\n\n# x\n' }, args: ['translate', '--engine', 'pseudo'], message: /articles\/nl\/a\.md:2: front matter must be a YAML mapping/ },
  { name: 'front matter: duplicate key', files: { 'tolk.config.json': config, 'g.tbx': tbx(''), 'articles/nl/a.md': '---\ntitle: a\ntitle: b\n---\n\n# x\n' }, args: ['translate', '--engine', 'pseudo'], message: /articles\/nl\/a\.md:\d+: invalid YAML front matter/ },
  { name: 'markdown: NUL byte', files: { 'tolk.config.json': config, 'g.tbx': tbx(''), 'articles/nl/a.md': '# Titel\n\nTe\u0000kst.\n' }, args: ['translate', '--engine', 'pseudo'], message: /articles\/nl\/a\.md:3:\d+: NUL byte/ },
  { name: 'markdown: invalid UTF-8', files: { 'tolk.config.json': config, 'g.tbx': tbx(''), 'articles/nl/a.md': invalidUtf8 }, args: ['translate', '--engine', 'pseudo'], message: /articles\/nl\/a\.md:2: invalid UTF-8/ },
  { name: 'segments: a missing file', files: { 'tolk.config.json': config }, args: ['segments', 'articles/nl/none.md'], message: /articles\/nl\/none\.md: file not found/ },
  // locale JSON
  { name: 'locales: invalid JSON', files: { 'tolk.config.json': config, 'g.tbx': tbx(''), 'locales/nl/common.json': '{"a": "b"}', 'locales/af/common.json': '{\n  "a": "b"\n  "c": 1\n}' }, args: ['check'], message: /locales\/af\/common\.json:3:3: invalid JSON/ },
  { name: 'locales: NUL byte', files: { 'tolk.config.json': config, 'g.tbx': tbx(''), 'locales/nl/common.json': '{"a": "b\u0000"}' }, args: ['check'], message: /locales\/nl\/common\.json:1:\d+: NUL byte/ },
  { name: 'locales: invalid UTF-8', files: { 'tolk.config.json': config, 'g.tbx': tbx(''), 'locales/nl/common.json': Buffer.from([0x7b, 0x0a, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xfe, 0x22, 0x7d]) }, args: ['check'], message: /locales\/nl\/common\.json:2: invalid UTF-8/ },
  // TBX and CSV glossaries
  { name: 'TBX: billion laughs', files: { 'tolk.config.json': config, 'g.tbx': tbx('', laughs('martif')) }, args: ['glossary', 'lookup', 'x'], message: /g\.tbx:2(:\d+)?: .*DOCTYPE/ },
  { name: 'TBX: external entity (XXE)', files: { 'tolk.config.json': config, 'g.tbx': tbx('<termEntry><langSet xml:lang="nl"><tig><term>&x;</term></tig></langSet></termEntry>', xxe('martif')) }, args: ['glossary', 'lookup', 'x'], message: /g\.tbx:2(:\d+)?: .*DOCTYPE/ },
  { name: 'TBX: external DTD', files: { 'tolk.config.json': config, 'g.tbx': tbx('', externalDtd('martif')) }, args: ['glossary', 'lookup', 'x'], message: /g\.tbx:2(:\d+)?: .*DOCTYPE/ },
  { name: 'TBX: wrong root element', files: { 'tolk.config.json': config, 'g.tbx': '<?xml version="1.0"?>\n<xliff version="1.2"/>\n' }, args: ['glossary', 'lookup', 'x'], message: /g\.tbx:2(:\d+)?: .*(TBX|martif)/ },
  { name: 'TBX: malformed XML', files: { 'tolk.config.json': config, 'g.tbx': tbx('<termEntry>\n<langSet xml:lang="nl"><tig><term>x</tig>\n</langSet></termEntry>') }, args: ['glossary', 'lookup', 'x'], message: /g\.tbx:3(:\d+)?: / },
  { name: 'CSV: unclosed quote', files: { 'tolk.config.json': defaultConfig({ glossaries: ['g.csv'] }), 'g.csv': 'nl,en\n"renner,rider\nploeg,team\n' }, args: ['glossary', 'lookup', 'x'], message: /g\.csv:2: / },
  { name: 'CSV: bad dnt value', files: { 'tolk.config.json': defaultConfig({ glossaries: ['g.csv'] }), 'g.csv': 'nl,en,dnt\nrenner,rider,perhaps\n' }, args: ['glossary', 'lookup', 'x'], message: /g\.csv:2: .*dnt/ },
  // TMX
  { name: 'TMX: billion laughs', files: { 'tolk.config.json': config, 'm.tmx': tmx('', laughs('tmx')) }, args: ['tm', 'import', 'm.tmx'], message: /m\.tmx:2(:\d+)?: .*DOCTYPE/ },
  { name: 'TMX: external entity (XXE)', files: { 'tolk.config.json': config, 'm.tmx': tmx('<tu><tuv xml:lang="nl"><seg>&x;</seg></tuv><tuv xml:lang="af"><seg>x</seg></tuv></tu>', xxe('tmx')) }, args: ['tm', 'import', 'm.tmx'], message: /m\.tmx:2(:\d+)?: .*DOCTYPE/ },
  { name: 'TMX: external DTD by URL', files: { 'tolk.config.json': config, 'm.tmx': tmx('', externalDtd('tmx')) }, args: ['tm', 'import', 'm.tmx'], message: /m\.tmx:2(:\d+)?: .*DOCTYPE/ },
  { name: 'TMX: undefined entity', files: { 'tolk.config.json': config, 'm.tmx': tmx('<tu><tuv xml:lang="nl"><seg>&nbsp;</seg></tuv><tuv xml:lang="af"><seg>x</seg></tuv></tu>') }, args: ['tm', 'import', 'm.tmx'], message: /m\.tmx:2(:\d+)?: / },
  { name: 'TMX: truncated', files: { 'tolk.config.json': config, 'm.tmx': tmx('<tu><tuv xml:lang="nl"><seg>Een</seg></tuv><tuv xml:lang="af"><seg>Een</seg></tuv></tu>').slice(0, -40) }, args: ['tm', 'import', 'm.tmx'], message: /m\.tmx:2:\d+: not well-formed XML/ },
  { name: 'TMX: wrong root (an XLIFF file)', files: { 'tolk.config.json': config, 'm.tmx': '<?xml version="1.0"?>\n<xliff version="1.2"><file/></xliff>\n' }, args: ['tm', 'import', 'm.tmx'], message: /m\.tmx:2(:\d+)?: / },
  { name: 'TMX: not XML at all', files: { 'tolk.config.json': config, 'm.tmx': 'nl\taf\nEen\tEen\n' }, args: ['tm', 'import', 'm.tmx'], message: /m\.tmx:1(:\d+)?: / },
  { name: 'TMX: NUL byte', files: { 'tolk.config.json': config, 'm.tmx': tmx('<tu><tuv xml:lang="nl"><seg>E\u0000n</seg></tuv></tu>') }, args: ['tm', 'import', 'm.tmx'], message: /m\.tmx:2(:\d+)?: / },
  { name: 'TMX: invalid UTF-8', files: { 'tolk.config.json': config, 'm.tmx': Buffer.concat([Buffer.from(tmx('<tu><tuv xml:lang="nl"><seg>').slice(0, -20)), Buffer.from([0xff, 0xfe])]) }, args: ['tm', 'import', 'm.tmx'], message: /m\.tmx:2(:\d+)?: / },
  { name: 'TMX: a missing file', files: { 'tolk.config.json': config }, args: ['tm', 'import', 'none.tmx'], message: /none\.tmx: / },
];

describe('hostile input', () => {
  it('hostile: the table has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });
  for (const c of cases) {
    it(`hostile: ${c.name} → clear message, exit 2, nothing changed`, () => {
      const root = makeProject(c.files as Record<string, string>);
      const before = snapshot(root);
      const { code, stderr, stdout } = runTolk(c.args, root);
      expect({ code, stderr }).toMatchObject({ code: 2, stderr: expect.stringMatching(c.message) });
      expect(stdout).toBe('');
      expect(snapshot(root)).toEqual(before);
    });
  }

  it('hostile: an API key never appears in any output, even when the engine fails', () => {
    const root = makeProject({ 'tolk.config.json': defaultConfig({ pipeline: { retries: 1, retryDelayMs: 5 } }), 'articles/nl/a.md': article });
    const secret = 'sk-live-SECRET-0123456789';
    for (const [engine, variable] of [
      ['deepl', 'DEEPL_AUTH_KEY'],
      ['openai', 'OPENAI_API_KEY'],
      ['libretranslate', 'LIBRETRANSLATE_API_KEY'],
    ] as const) {
      // Port 9 on loopback: nothing listens, the request fails at once.
      const run = runTolk(['translate', '--engine', engine, '--engine-url', 'http://127.0.0.1:9', '--json'], root, { [variable]: secret });
      expect(run.code, `${engine}: ${run.stderr}`).toBe(1);
      expect(run.stdout + run.stderr).not.toContain(secret);
    }
  });
});
