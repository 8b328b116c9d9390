import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentId } from '../../src/tagged/index.js';
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
  /** Runs in the project after `files` are written, before the snapshot (a file too large to spell out). */
  setup?: (root: string) => void;
  /** A vitest timeout for inputs built to exhaust: it catches a hang (no time is asserted). */
  timeout?: number;
}

const config = defaultConfig({ glossaries: ['g.tbx'] });
/**
 * Per case built to exhaust: enough for a CLI run on a two-core machine shared by other jobs, far less than any
 * of them took before the limits (a minute to forever). The CLI run is killed at it too.
 */
const EXHAUST_TIMEOUT = 20_000;
const tmxHeader = '<header srclang="nl" creationtool="x" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext"/>';
const tmx = (body: string, prolog = '<?xml version="1.0"?>\n') => `${prolog}<tmx version="1.4">${tmxHeader}<body>${body}</body></tmx>\n`;
const tbx = (body: string, prolog = '<?xml version="1.0"?>\n') => `${prolog}<martif type="TBX-Basic"><text><body>${body}</body></text></martif>\n`;
const laughs = (root: string) => `<?xml version="1.0"?>\n<!DOCTYPE ${root} [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>\n`;
const xxe = (root: string) => `<?xml version="1.0"?>\n<!DOCTYPE ${root} [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n`;
const externalDtd = (root: string) => `<?xml version="1.0"?>\n<!DOCTYPE ${root} SYSTEM "http://127.0.0.1:9/evil.dtd">\n`;
const article = '# Titel\n\nTekst.\n';
const invalidUtf8 = Buffer.from([0x23, 0x20, 0x54, 0x0a, 0xc3, 0x28, 0x0a]);

// XLIFF for `tolk sync import`. Each file holds one good unit (the article's
// heading, translated) before the flaw, so "nothing changed" also proves that
// a file failing anywhere imports none of its units.
const XLIFF2_NS = 'urn:oasis:names:tc:xliff:document:2.0';
const XLIFF12_NS = 'urn:oasis:names:tc:xliff:document:1.2';
const xmlDecl = '<?xml version="1.0" encoding="UTF-8"?>\n';
const titleId = segmentId('nl', 'Titel');
/** XLIFF 2.0: declaration (line 1), root (2), file (3), the good unit (4), then `body` (5…); a DOCTYPE in `prolog` adds a line. */
const xliff2 = (body = '', { prolog = xmlDecl, root = `xmlns="${XLIFF2_NS}" version="2.0" srcLang="nl" trgLang="af"` } = {}) =>
  `${prolog}<xliff ${root}>\n<file id="f1" original="articles/nl/a.md">\n` +
  `<unit id="${titleId}"><segment state="translated"><source xml:space="preserve">Titel</source><target xml:space="preserve">Opskrif</target></segment></unit>\n` +
  `${body}</file>\n</xliff>\n`;
/** XLIFF 1.2: declaration (line 1), root (2), file (3), body (4), the good unit (5), then `body` (6…). */
const xliff12 = (body = '', { prolog = xmlDecl, root = `xmlns="${XLIFF12_NS}" version="1.2"`, languages = 'source-language="nl" target-language="af"' } = {}) =>
  `${prolog}<xliff ${root}>\n<file original="articles/nl/a.md" ${languages} datatype="x-markdown">\n<body>\n` +
  `<trans-unit id="${titleId}"><source>Titel</source><target state="translated">Opskrif</target></trans-unit>\n` +
  `${body}</body>\n</file>\n</xliff>\n`;
/** A second unit in each version, with `source` as its (raw XML) source text. */
const unit2 = (source: string) => `<unit id="u2"><segment><source xml:space="preserve">${source}</source></segment></unit>\n`;
const unit12 = (source: string) => `<trans-unit id="u2"><source>${source}</source></trans-unit>\n`;
/**
 * A project with a config, a source article whose heading is "Titel", and
 * `t.xlf`; `good.xlf`, imported first, must not be imported either.
 */
const xlf = (content: string | Buffer) => ({ 'tolk.config.json': defaultConfig(), 'articles/nl/a.md': article, 'good.xlf': xliff2(), 't.xlf': content });
const syncImport = ['sync', 'import', 'good.xlf', 't.xlf'];
/** Bytes that are not UTF-8 (a Latin-1 "è"), inside a unit's source. */
const withInvalidUtf8 = (xml: string) => {
  const [before, after] = xml.split('@@');
  return Buffer.concat([Buffer.from(before!), Buffer.from([0xe8]), Buffer.from(after!)]);
};
const DOCTYPE_REFUSED = 'DOCTYPE is not allowed \\(entity expansion and external DTDs are refused\\)';
const doctype = (found: string) => new RegExp(`^tolk: t\\.xlf:2: ${DOCTYPE_REFUSED}; found ${found}$`, 'm');
/** An XLIFF file over the reader's 64 MiB limit (limits.xliffBytes, raised or lowered in the config only): sparse, so nothing is written. */
const oversize = (root: string) => {
  const path = join(root, 't.xlf');
  writeFileSync(path, xliff2());
  // Extending by truncate leaves a hole: 65 MiB on paper, next to nothing written to disk.
  truncateSync(path, 65 * 1024 * 1024);
};

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
  // XLIFF 2.0 and 1.2 (sync import); the 2.0 ones that were in tests/sync/hostile.test.ts live here now
  { name: 'XLIFF 2.0: external entity (XXE)', files: xlf(xliff2(unit2('&x;'), { prolog: xxe('xliff') })), args: syncImport, message: doctype('<!DOCTYPE xliff \\[\\.\\.\\.\\]>') },
  { name: 'XLIFF 1.2: external entity (XXE)', files: xlf(xliff12(unit12('&x;'), { prolog: xxe('xliff') })), args: syncImport, message: doctype('<!DOCTYPE xliff \\[\\.\\.\\.\\]>') },
  { name: 'XLIFF 2.0: billion laughs', files: xlf(xliff2(unit2('&c;'), { prolog: laughs('xliff') })), args: syncImport, message: doctype('<!DOCTYPE xliff \\[\\.\\.\\.\\]>') },
  { name: 'XLIFF 1.2: billion laughs', files: xlf(xliff12(unit12('&c;'), { prolog: laughs('xliff') })), args: syncImport, message: doctype('<!DOCTYPE xliff \\[\\.\\.\\.\\]>') },
  { name: 'XLIFF 2.0: external DTD by URL', files: xlf(xliff2('', { prolog: externalDtd('xliff') })), args: syncImport, message: doctype('<!DOCTYPE xliff SYSTEM "http://127\\.0\\.0\\.1:9/evil\\.dtd">') },
  { name: 'XLIFF 1.2: external DTD by URL', files: xlf(xliff12('', { prolog: externalDtd('xliff') })), args: syncImport, message: doctype('<!DOCTYPE xliff SYSTEM "http://127\\.0\\.0\\.1:9/evil\\.dtd">') },
  { name: 'XLIFF 2.0: undefined entity', files: xlf(xliff2(unit2('Fair &nbsp; play'))), args: syncImport, message: /^tolk: t\.xlf:5:\d+: not well-formed XML: undefined entity &nbsp;/m },
  { name: 'XLIFF 1.2: undefined entity', files: xlf(xliff12(unit12('Fair &nbsp; play'))), args: syncImport, message: /^tolk: t\.xlf:6:\d+: not well-formed XML: undefined entity &nbsp;/m },
  { name: 'XLIFF 2.0: wrong namespace', files: xlf(xliff2('', { root: `xmlns="${XLIFF2_NS}-draft" version="2.0" srcLang="nl" trgLang="af"` })), args: syncImport, message: /^tolk: t\.xlf:2:1: expected the XLIFF 2\.0 namespace "urn:oasis:names:tc:xliff:document:2\.0" or the 1\.2 namespace "urn:oasis:names:tc:xliff:document:1\.2", found "urn:oasis:names:tc:xliff:document:2\.0-draft"$/m },
  { name: 'XLIFF 1.2: wrong namespace (1.0)', files: xlf(xliff12('', { root: 'xmlns="urn:oasis:names:tc:xliff:document:1.0" version="1.2"' })), args: syncImport, message: /^tolk: t\.xlf:2:1: expected the XLIFF 2\.0 namespace .*, found "urn:oasis:names:tc:xliff:document:1\.0"$/m },
  { name: 'XLIFF 2.0: no namespace', files: xlf(xliff2('', { root: 'version="2.0" srcLang="nl" trgLang="af"' })), args: syncImport, message: /^tolk: t\.xlf:2:1: expected the XLIFF 2\.0 namespace .*, found no namespace$/m },
  { name: 'XLIFF 1.2: no namespace', files: xlf(xliff12('', { root: 'version="1.2"' })), args: syncImport, message: /^tolk: t\.xlf:2:1: expected the XLIFF 2\.0 namespace .*, found no namespace$/m },
  { name: 'XLIFF 2.0: version does not match the namespace', files: xlf(xliff2('', { root: `xmlns="${XLIFF2_NS}" version="1.2" srcLang="nl" trgLang="af"` })), args: syncImport, message: /^tolk: t\.xlf:2:1: version="1\.2" does not match the namespace urn:oasis:names:tc:xliff:document:2\.0$/m },
  { name: 'XLIFF 1.2: version does not match the namespace', files: xlf(xliff12('', { root: `xmlns="${XLIFF12_NS}" version="2.0"` })), args: syncImport, message: /^tolk: t\.xlf:2:1: version="2\.0" does not match the namespace urn:oasis:names:tc:xliff:document:1\.2$/m },
  { name: 'XLIFF: wrong root (a TMX file)', files: xlf('<?xml version="1.0"?>\n<tmx version="1.4"><header/><body/></tmx>\n'), args: syncImport, message: /^tolk: t\.xlf:2:1: expected an XLIFF file \(root element <xliff>\), found <tmx>$/m },
  { name: 'XLIFF 1.2: wrong root (a bare <file>)', files: xlf(`${xmlDecl}<file xmlns="${XLIFF12_NS}" original="a.md" source-language="nl" target-language="af" datatype="plaintext"><body/></file>\n`), args: syncImport, message: /^tolk: t\.xlf:2:1: expected an XLIFF file \(root element <xliff>\), found <file>$/m },
  { name: 'XLIFF: empty file', files: xlf(''), args: syncImport, message: /^tolk: t\.xlf:1:1: not well-formed XML: no root element \(the file is empty or not XML\)$/m },
  { name: 'XLIFF 2.0: no srcLang', files: xlf(xliff2('', { root: `xmlns="${XLIFF2_NS}" version="2.0" trgLang="af"` })), args: syncImport, message: /^tolk: t\.xlf:2:1: <xliff> has no srcLang \(required in XLIFF 2\)$/m },
  { name: 'XLIFF 2.0: wrong source language', files: xlf(xliff2('', { root: `xmlns="${XLIFF2_NS}" version="2.0" srcLang="en" trgLang="af"` })), args: syncImport, message: /^tolk: t\.xlf:2: wrong language pair: the file is for en → af, but this project's source language is nl$/m },
  { name: 'XLIFF 1.2: wrong source language', files: xlf(xliff12('', { languages: 'source-language="en" target-language="af"' })), args: syncImport, message: /^tolk: t\.xlf:3: wrong language pair: the file is for en → af, but this project's source language is nl$/m },
  { name: 'XLIFF 2.0: target language not one of the project languages', files: xlf(xliff2('', { root: `xmlns="${XLIFF2_NS}" version="2.0" srcLang="nl" trgLang="de"` })), args: syncImport, message: /^tolk: t\.xlf:2: wrong language pair: the file is for nl → de, but de is not an? (?:target|article) language of this project \((?:target|article)Languages: af, en\)$/m },
  { name: 'XLIFF 1.2: target language not one of the project languages', files: xlf(xliff12('', { languages: 'source-language="nl" target-language="de"' })), args: syncImport, message: /^tolk: t\.xlf:3: wrong language pair: the file is for nl → de, but de is not an? (?:target|article) language of this project \((?:target|article)Languages: af, en\)$/m },
  { name: 'XLIFF 2.0: no target language', files: xlf(xliff2('', { root: `xmlns="${XLIFF2_NS}" version="2.0" srcLang="nl"` })), args: syncImport, message: /^tolk: t\.xlf:2: the file names no target language; pass --to <lang>$/m },
  { name: 'XLIFF 1.2: no target language', files: xlf(xliff12('', { languages: 'source-language="nl"' })), args: syncImport, message: /^tolk: t\.xlf:3: the file names no target language; pass --to <lang>$/m },
  { name: 'XLIFF 1.2: two <file>s for different language pairs', files: xlf(xliff12().replace('</file>\n', '</file>\n<file original="b.md" source-language="nl" target-language="en" datatype="x-markdown"><body/></file>\n')), args: syncImport, message: /^tolk: t\.xlf:8: <file> for nl → en, but an earlier <file> \(line 3\) is for nl → af: one language pair per XLIFF file$/m },
  { name: 'XLIFF 2.0: truncated', files: xlf(xliff2().slice(0, xliff2().indexOf('</target>') + 4)), args: syncImport, message: /^tolk: t\.xlf:4:\d+: not well-formed XML: file ends inside <target>/m },
  { name: 'XLIFF 1.2: truncated', files: xlf(xliff12().slice(0, xliff12().indexOf('</target>') + 4)), args: syncImport, message: /^tolk: t\.xlf:5:\d+: not well-formed XML: file ends inside <target>/m },
  { name: 'XLIFF 2.0: mismatched end tag', files: xlf(xliff2(unit2('Een</target>'))), args: syncImport, message: /^tolk: t\.xlf:5:\d+: not well-formed XML: mismatched closing tag, expected <\/source>$/m },
  { name: 'XLIFF 1.2: mismatched end tag', files: xlf(xliff12(unit12('Een</target>'))), args: syncImport, message: /^tolk: t\.xlf:6:\d+: not well-formed XML: mismatched closing tag, expected <\/source>$/m },
  { name: 'XLIFF 2.0: NUL byte', files: xlf(xliff2(unit2('E\u0000n'))), args: syncImport, message: /^tolk: t\.xlf:5:54: NUL byte in XML file$/m },
  { name: 'XLIFF 1.2: NUL byte', files: xlf(xliff12(unit12('E\u0000n'))), args: syncImport, message: /^tolk: t\.xlf:6:30: NUL byte in XML file$/m },
  { name: 'XLIFF 2.0: invalid UTF-8', files: xlf(withInvalidUtf8(xliff2(unit2('Caf@@')))), args: syncImport, message: /^tolk: t\.xlf:5: invalid UTF-8 /m },
  { name: 'XLIFF 1.2: invalid UTF-8', files: xlf(withInvalidUtf8(xliff12(unit12('Caf@@')))), args: syncImport, message: /^tolk: t\.xlf:6: invalid UTF-8 /m },
  { name: 'XLIFF: over the 64 MiB size limit (sparse file)', files: xlf(''), setup: oversize, args: syncImport, message: /^tolk: t\.xlf: file is 65 MiB, over the 64 MiB limit \(limits\.xliffBytes in tolk\.config\.json\)$/m },
  { name: 'XLIFF: a missing file', files: xlf(xliff2()), args: ['sync', 'import', 'none.xlf'], message: /^tolk: none\.xlf: file not found$/m },
  ...exhausting(),
];

/**
 * Inputs that are well-formed but built to exhaust stack, time or memory
 * (issue 19): each is refused by a structural limit of core/limits.ts, with
 * file, line and the config key, before the expensive work. Big inputs are
 * generated here, never committed.
 */
function exhausting(): Case[] {
  const timeout = EXHAUST_TIMEOUT;
  const limit = (key: string) => `\\(limits\\.${key} in tolk\\.config\\.json\\)$`;
  const at = (file: string, line: number | string, text: string, key: string) => new RegExp(`^tolk: ${file.replace(/[./]/g, (c) => `\\${c}`)}:${line}: ${text} ${limit(key)}`, 'm');
  const nested = (open: string, close: string, n: number, inner = 'x') => open.repeat(n) + inner + close.repeat(n);
  const md = (body: string, extra: Record<string, string> = {}) => ({ 'tolk.config.json': config, 'g.tbx': tbx(''), 'articles/nl/x.md': body, ...extra });
  const translate = ['translate', '--engine', 'pseudo'];
  const blocks = 'nesting deeper than 64 levels of block quotes and lists';
  const inline = 'nesting deeper than 64 levels of block quotes, lists, emphasis and links';
  const list = (n: number, indent: string, marker: string) => Array.from({ length: n }, (_, i) => `${indent.repeat(i)}${marker} x\n`).join('');
  const locales = (nl: string, af = '{"a": "b"}') => ({ 'tolk.config.json': config, 'g.tbx': tbx(''), 'locales/nl/common.json': nl, 'locales/af/common.json': af });
  const xmlDepth = (file: string, line: number) => new RegExp(`^tolk: ${file.replace('.', '\\.')}:${line}:\\d+: XML elements nested deeper than 64 levels ${limit('xmlDepth')}`, 'm');
  const tmxUnit = (seg: string) => `\n<tu><tuv xml:lang="nl"><seg>Een</seg></tuv><tuv xml:lang="af"><seg>${seg}</seg></tuv></tu>`;
  const term = (inner: string) => `\n<termEntry id="c1"><langSet xml:lang="nl"><tig><term>${inner}</term></tig></langSet></termEntry>`;
  /** A localized article tolk wrote for `source`, with `tail` appended by hand. */
  const localized = (tail: string) => (root: string) => {
    writeFileSync(join(root, 'articles/nl/x.md'), '# Titel\n\nTekst.\n');
    const made = runTolk(['translate', '--engine', 'pseudo'], root);
    if (made.code !== 0) throw new Error(made.stderr);
    writeFileSync(join(root, 'articles/af/x.md'), readFileSync(join(root, 'articles/af/x.md'), 'utf8') + tail);
  };
  return [
    // The issue's table, row by row.
    { name: 'markdown: 20,000 nested block quotes', files: md(`# T\n\nTekst.\n\n${'>'.repeat(20_000)} diep\n`), args: translate, message: at('articles/nl/x.md', 5, blocks, 'markdownDepth'), timeout },
    { name: 'markdown: a list nested 3,000 levels deep', files: md(`# T\n\n${list(3000, '  ', '-')}`), args: translate, message: at('articles/nl/x.md', 67, blocks, 'markdownDepth'), timeout },
    {
      name: 'front matter: a YAML alias bomb (9 levels × 9 aliases)',
      files: md(`---\ntitle: x\na: &a [x, x, x, x, x, x, x, x, x]\n${[...'bcdefghi'].map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`).join('\n')}\n---\n\n# T\n`),
      args: translate,
      message: at('articles/nl/x.md', 4, 'front matter uses too many YAML aliases \\(over 100 expanded\\)', 'yamlAliases'),
      timeout,
    },
    { name: 'locales: common.json nested 20,000 objects deep', files: locales(`${'{"a":'.repeat(20_000)}"b"${'}'.repeat(20_000)}`), args: ['check'], message: at('locales/nl/common.json', '1:321', 'JSON nested deeper than 64 levels', 'jsonDepth'), timeout },
    {
      name: 'XLIFF 1.2: 100,000 nested <g> in one target',
      files: xlf(xliff12(`<trans-unit id="u2"><source>x</source><target>${nested('<g id="1">', '</g>', 100_000)}</target></trans-unit>\n`)),
      args: syncImport,
      message: xmlDepth('t.xlf', 6),
      timeout,
    },
    // Their siblings.
    { name: 'markdown: deep emphasis (*a *a *a … x***)', files: md(`# T\n\n${'*a '.repeat(5000)}x${'*'.repeat(5000)}\n`), args: translate, message: at('articles/nl/x.md', 3, inline, 'markdownDepth'), timeout },
    { name: 'markdown: deep emphasis (a run of 20,000 stars)', files: md(`# T\n\n${nested('*'.repeat(20_000), '*'.repeat(20_000), 1)}\n`), args: translate, message: at('articles/nl/x.md', 3, inline, 'markdownDepth'), timeout },
    { name: 'markdown: 20,000 nested brackets', files: md(`# T\n\n${nested('[', ']', 20_000)}(u)\n`), args: translate, message: at('articles/nl/x.md', 3, inline, 'markdownDepth'), timeout },
    { name: 'markdown: ordered lists nested 500 levels deep', files: md(`# T\n\n${list(500, '   ', '1.')}`), args: translate, message: at('articles/nl/x.md', 67, blocks, 'markdownDepth'), timeout },
    { name: 'markdown: block quotes and lists interleaved on one line', files: md(`# T\n\n${'> - '.repeat(2000)}x\n`), args: translate, message: at('articles/nl/x.md', 3, blocks, 'markdownDepth'), timeout },
    {
      name: 'markdown: a 10 MB single paragraph',
      files: md('# T\n'),
      setup: (root) => writeFileSync(join(root, 'articles/nl/x.md'), `# T\n\n${'Woord '.repeat(1_750_000)}\n`),
      args: translate,
      message: /^tolk: articles\/nl\/x\.md: file is 10\.01 MiB, over the 1 MiB limit \(limits\.articleBytes in tolk\.config\.json\)$/m,
      timeout,
    },
    { name: 'markdown: 100,000 tiny segments in one article', files: md(`# T\n\n${'Zin.\n\n'.repeat(100_000)}`), args: translate, message: at('articles/nl/x.md', 10_001, 'more than 5000 blocks \\(paragraphs, headings, list items, quotes, table cells\\) in one article', 'markdownBlocks'), timeout },
    { name: 'markdown: a table row of 100,000 cells', files: md(`# T\n\n|${' a |'.repeat(100_000)}\n|${'---|'.repeat(100_000)}\n`), args: translate, message: at('articles/nl/x.md', 3, 'more than 5000 blocks \\(paragraphs, headings, list items, quotes, table cells\\) in one article', 'markdownBlocks'), timeout },
    { name: 'markdown: 5,000 block quotes (micromark is quadratic in them)', files: md(`# T\n\n${'> x\n\n'.repeat(5000)}`), args: translate, message: at('articles/nl/x.md', 1003, 'more than 500 block quotes in one article', 'markdownQuotes'), timeout },
    { name: 'segments: 20,000 nested block quotes', files: md(`# T\n\n${'>'.repeat(20_000)} x\n`), args: ['segments', 'articles/nl/x.md'], message: at('articles/nl/x.md', 3, blocks, 'markdownDepth'), timeout },
    // Twice the time: the setup runs `tolk translate` first.
    { name: 'check: a localized article with 20,000 nested block quotes', files: md('# T\n'), setup: localized(`\n${'>'.repeat(20_000)} x\n`), args: ['check'], message: at('articles/af/x.md', 16, blocks, 'markdownDepth'), timeout: 2 * timeout },
    { name: 'export: a localized article with 20,000 nested block quotes', files: md('# T\n'), setup: localized(`\n${'>'.repeat(20_000)} x\n`), args: ['export', '--out', 'site'], message: at('articles/af/x.md', 16, blocks, 'markdownDepth'), timeout: 2 * timeout },
    { name: 'locales: an array nested 20,000 deep', files: locales('{"a": "b"}', `{"a": ${nested('[', ']', 20_000, '"b"')}}`), args: ['check'], message: at('locales/af/common.json', '1:70', 'JSON nested deeper than 64 levels', 'jsonDepth'), timeout },
    { name: 'config: nested 20,000 objects deep', files: { 'tolk.config.json': `{"sourceLanguage": "nl", "targetLanguages": ["af"], "x": ${nested('{"a":', '}', 20_000, '1')}}` }, args: ['translate'], message: /^tolk: \S*tolk\.config\.json:1:\d+: JSON nested deeper than 64 levels \(limits\.jsonDepth in tolk\.config\.json\)$/m, timeout },
    {
      name: 'XLIFF 2.0: 100,000 nested <pc>',
      files: xlf(xliff2(`<unit id="u2"><segment><source xml:space="preserve">x</source><target xml:space="preserve">${nested('<pc id="1">', '</pc>', 100_000)}</target></segment></unit>\n`)),
      args: syncImport,
      message: xmlDepth('t.xlf', 5),
      timeout,
    },
    {
      name: 'XLIFF 1.2: 100,000 <x/> in one target',
      files: xlf(xliff12(`<trans-unit id="u2"><source>x</source><target>${'<x id="1"/>'.repeat(100_000)}</target></trans-unit>\n`)),
      args: syncImport,
      message: /^tolk: t\.xlf:6:\d+: a <target> with more than 2000 inline elements \(limits\.inlineElements in tolk\.config\.json\)$/m,
      timeout,
    },
    { name: 'TMX: 100,000 nested <bpt><sub>', files: { 'tolk.config.json': config, 'm.tmx': tmx(tmxUnit(nested('<bpt i="1"><sub>', '</sub></bpt>', 50_000))) }, args: ['tm', 'import', 'm.tmx'], message: xmlDepth('m.tmx', 3), timeout },
    { name: 'TMX: 100,000 nested <g>', files: { 'tolk.config.json': config, 'm.tmx': tmx(tmxUnit(nested('<g>', '</g>', 100_000))) }, args: ['tm', 'import', 'm.tmx'], message: xmlDepth('m.tmx', 3), timeout },
    {
      name: 'TMX: 100,000 <ph/> in one seg',
      files: { 'tolk.config.json': config, 'm.tmx': tmx(tmxUnit('<ph x="1"/>'.repeat(100_000))) },
      // The flaw is past the first units' chunk, where the memory is open: it exists before, and is unchanged after.
      setup: (root) => {
        writeFileSync(join(root, 'first.tmx'), tmx(tmxUnit('Een')));
        expect(runTolk(['tm', 'import', 'first.tmx'], root).code).toBe(0);
      },
      args: ['tm', 'import', 'm.tmx'],
      message: /^tolk: m\.tmx:3:\d+: a <seg> with more than 2000 inline elements \(limits\.inlineElements in tolk\.config\.json\)$/m,
      timeout,
    },
    { name: 'TBX: a term nested 100,000 elements deep', files: { 'tolk.config.json': config, 'g.tbx': tbx(term(nested('<hi>', '</hi>', 100_000))) }, args: ['glossary', 'lookup', 'x'], message: xmlDepth('g.tbx', 3), timeout },
    {
      name: 'TBX: 100,000 elements in one entry',
      files: { 'tolk.config.json': config, 'g.tbx': tbx(term(`x${'<hi/>'.repeat(100_000)}`)) },
      args: ['glossary', 'lookup', 'x'],
      message: /^tolk: g\.tbx:3:\d+: a <hi> in an entry of more than 2000 elements \(limits\.inlineElements in tolk\.config\.json\)$/m,
      timeout,
    },
  ];
}

describe('hostile input', () => {
  it('hostile: the table has at least 30 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });
  /** Every case's stderr, for the test that looks for a stack trace across the whole table. */
  const stderrs = new Map<string, string>();
  for (const c of cases) {
    it(`hostile: ${c.name} → clear message, exit 2, nothing changed`, { timeout: c.timeout }, () => {
      const root = makeProject(c.files as Record<string, string>);
      c.setup?.(root);
      const before = snapshot(root);
      const { code, stderr, stdout } = runTolk(c.args, root, {}, { ...(c.timeout && { timeout: c.timeout }) });
      stderrs.set(c.name, stderr);
      expect({ code, stderr }).toMatchObject({ code: 2, stderr: expect.stringMatching(c.message) });
      expect(stdout).toBe('');
      expect(snapshot(root)).toEqual(before);
    });
  }

  it('hostile: no stack trace in the stderr of any case of the table', () => {
    // Runs after the table (tests of a file run in order); a case that did not run leaves nothing to look at.
    expect([...stderrs.keys()].sort()).toEqual(cases.map((c) => c.name).sort());
    const withStack = [...stderrs].filter(([, stderr]) => /^ {4}at /m.test(stderr)).map(([name]) => name);
    expect(withStack).toEqual([]);
  });

  it('hostile: the XLIFF files of the table import cleanly without their flaw (so the flaw is what fails them)', () => {
    for (const content of [xliff2(), xliff12()]) {
      const root = makeProject(xlf(content) as Record<string, string>);
      const { code, stdout, stderr } = runTolk(syncImport, root);
      expect(code, stderr).toBe(0);
      expect(stdout).toMatch(/^1 imported, 0 unchanged, 0 untranslated, /m);
    }
  });

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

/**
 * Problems of single units are not hostile files: each bad unit is rejected
 * with file, line and unit id (exit 1) and the good ones are imported.
 */
describe('sync import: bad units in an otherwise good file', () => {
  const source = '# Titel\n\nTekst met **vet** en *schuin*.\n\nNog een zin.\n';
  /** From another project (or an older article): no segment here was made from this id. */
  const unknownId = 'ab'.repeat(32);
  const edits = {
    xliff2: (xml: string) =>
      xml
        .replace(/<segment>(\s*<source xml:space="preserve">Titel<\/source>)/, '<segment state="translated">$1\n        <target xml:space="preserve">Opskrif</target>')
        // Code 2 (the italics) dropped.
        .replace(/<segment>(\s*<source xml:space="preserve">Tekst met [\s\S]*?<\/source>)/, '<segment state="translated">$1\n        <target xml:space="preserve">Teks met <pc id="1">vet</pc> en skuins.</target>')
        // A code the source does not have.
        .replace(/<segment>(\s*<source xml:space="preserve">Nog een zin\.<\/source>)/, '<segment state="translated">$1\n        <target xml:space="preserve">Nog <ph id="7"/> een sin.</target>')
        .replace(
          '  </file>',
          `    <unit id="${unknownId}">\n      <segment state="translated">\n        <source xml:space="preserve">Verdwenen zin.</source>\n        <target xml:space="preserve">Verdwene sin.</target>\n      </segment>\n    </unit>\n  </file>`,
        ),
    xliff12: (xml: string) =>
      xml
        .replace('<source>Titel</source>', '<source>Titel</source>\n        <target state="translated">Opskrif</target>')
        .replace(/(<source>Tekst met [\s\S]*?<\/source>)/, '$1\n        <target state="translated">Teks met <g id="1">vet</g> en skuins.</target>')
        .replace('<source>Nog een zin.</source>', '<source>Nog een zin.</source>\n        <target state="translated">Nog <x id="7"/> een sin.</target>')
        .replace(
          '    </body>',
          `      <trans-unit id="${unknownId}" xml:space="preserve">\n        <source>Verdwenen zin.</source>\n        <target state="translated">Verdwene sin.</target>\n      </trans-unit>\n    </body>`,
        ),
  };

  for (const format of ['xliff2', 'xliff12'] as const) {
    it(`hostile: ${format}: mismatched inline codes and an unknown unit id are rejected one by one (exit 1), the good unit is imported, a re-run the same`, () => {
      const root = makeProject({ 'tolk.config.json': defaultConfig(), 'articles/nl/a.md': source });
      // No pre-filled targets: the edits below add each unit's target after its source.
      const exported = runTolk(['sync', 'export', '--to', 'af', '--format', format, '--prefill', 'none', '-o', 't.xlf'], root);
      expect(exported.code, exported.stderr).toBe(0);
      const xml = edits[format](readFileSync(join(root, 't.xlf'), 'utf8'));
      writeFileSync(join(root, 't.xlf'), xml);
      const ids = [...xml.matchAll(/<(?:unit|trans-unit) id="([^"]+)"/g)].map((m) => m[1]!);
      expect(ids).toHaveLength(4);
      const [good, codesDropped, codeAdded, unknown] = ids as [string, string, string, string];
      expect(good).toBe(segmentId('nl', 'Titel'));
      expect(unknown).toBe(unknownId);
      const line = (id: string) => xml.slice(0, xml.indexOf(` id="${id}"`)).split('\n').length;
      const reported = (id: string, reason: string) => new RegExp(`^t\\.xlf:${line(id)}: error: unit ${id.slice(0, 12)}…: ${reason}`, 'm');
      const search = (text: string) => JSON.parse(runTolk(['tm', 'search', text, '--to', 'af', '--json'], root).stdout) as unknown[];

      const first = runTolk(['sync', 'import', 't.xlf'], root);
      expect(first.code, first.stderr).toBe(1);
      expect(first.stderr).toMatch(reported(codesDropped, "the target's inline codes do not match the source's: missing tag <2>"));
      expect(first.stderr).toMatch(reported(codeAdded, "the target's inline codes do not match the source's"));
      expect(first.stderr).toMatch(reported(unknown, 'the source is not the text the unit id was made from'));
      expect(first.stderr).not.toContain(good.slice(0, 12));
      expect(first.stderr.match(/: error: /g)).toHaveLength(3);
      expect(first.stdout).toMatch(/^1 imported, 0 unchanged, 0 untranslated, 0 stored as fuzzy matches \(source changed\), 3 rejected$/m);
      // The good unit is in the memory and the article; none of the rejected ones is.
      expect(search('Titel')).toEqual([expect.objectContaining({ source: 'Titel', target: 'Opskrif', origin: 'human', status: 'translated' })]);
      expect(search('Nog een zin.')).toEqual([]);
      expect(search('Verdwenen zin.')).toEqual([]);
      expect(readFileSync(join(root, 'articles/af/a.md'), 'utf8')).toMatch(/^# Opskrif\n\nTekst met \*\*vet\*\* en \*schuin\*\.\n\nNog een zin\.\n?$/m);

      const files = () => Object.fromEntries(Object.entries(snapshot(root)).filter(([path]) => !path.startsWith('.tolk')));
      const after = files();
      const again = runTolk(['sync', 'import', 't.xlf'], root);
      expect(again.code, again.stderr).toBe(1);
      expect(again.stderr).toBe(first.stderr);
      expect(again.stdout).toMatch(/^0 imported, 1 unchanged, 0 untranslated, 0 stored as fuzzy matches \(source changed\), 3 rejected$/m);
      expect(files()).toEqual(after);
      expect(search('Titel')).toEqual([expect.objectContaining({ source: 'Titel', target: 'Opskrif', origin: 'human', status: 'translated' })]);
    });
  }
});
