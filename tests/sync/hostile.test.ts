import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot } from '../helpers/project.js';
import { tripwire } from '../exchange/helpers.js';
import { fill2, syncExport, syncImport, translatedProject } from './helpers.js';

let server: Awaited<ReturnType<typeof tripwire>>;
let root: string;
/** A valid, filled-in export: each hostile file is built from it. */
let good: string;

beforeAll(async () => {
  server = await tripwire();
  root = await translatedProject();
  await syncExport(root, { to: 'af', output: 'export.xlf' });
  good = fill2(readFileSync(join(root, 'export.xlf'), 'utf8'));
  writeFileSync(join(root, 'good.xlf'), good);
});
afterAll(() => server.close());

const body = () => good.replace(/^<\?xml[^>]*>\n/, '');
const withProlog = (prolog: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${prolog}\n${body()}`;
const firstTarget = (replacement: string) => good.replace(/(<target xml:space="preserve">)[^<]*/, `$1${replacement}`);

const CASES: Array<{ name: string; content: () => string | 'large'; reason: RegExp }> = [
  {
    name: 'XXE (an external entity reading /etc/passwd)',
    content: () => withProlog('<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>').replace(/(<target xml:space="preserve">)[^<]*/, '$1&xxe;'),
    reason: /^bad\.xlf:2: DOCTYPE is not allowed \(entity expansion and external DTDs are refused\); found <!DOCTYPE xliff \[\.\.\.\]>$/m,
  },
  {
    name: 'billion laughs',
    content: () =>
      withProlog(
        `<!DOCTYPE xliff [\n <!ENTITY lol "lol">\n${Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n')}\n]>`,
      ).replace(/(<target xml:space="preserve">)[^<]*/, '$1&lol9;'),
    reason: /^bad\.xlf:2: DOCTYPE is not allowed .*found <!DOCTYPE xliff \[\.\.\.\]>$/m,
  },
  {
    name: 'an external DTD on a server (never fetched)',
    content: () => withProlog(`<!DOCTYPE xliff SYSTEM "${server.url}/xliff.dtd">`),
    reason: /^bad\.xlf:2: DOCTYPE is not allowed .*found <!DOCTYPE xliff SYSTEM "http:\/\/127\.0\.0\.1:\d+\/xliff\.dtd">$/m,
  },
  {
    name: 'an undefined entity',
    content: () => firstTarget('Fair &nbsp; play'),
    reason: /^bad\.xlf:\d+:\d+: not well-formed XML: undefined entity &nbsp; /m,
  },
  {
    name: 'a 100 MB file',
    content: () => 'large',
    reason: /^bad\.xlf: file is 100 MiB, over the 64 MiB limit \(maxBytes\)$/m,
  },
  {
    name: 'a truncated file',
    content: () => good.slice(0, Math.floor(good.length / 2)),
    reason: /^bad\.xlf:\d+(:\d+)?: not well-formed XML: file ends inside </m,
  },
  {
    name: 'the wrong namespace',
    content: () => good.replace('urn:oasis:names:tc:xliff:document:2.0', 'urn:oasis:names:tc:xliff:document:2.0-draft'),
    reason: /^bad\.xlf:2:1: expected the XLIFF 2\.0 namespace "urn:oasis:names:tc:xliff:document:2\.0" or the 1\.2 namespace "urn:oasis:names:tc:xliff:document:1\.2", found "urn:oasis:names:tc:xliff:document:2\.0-draft"$/m,
  },
  {
    name: 'no namespace',
    content: () => good.replace(' xmlns="urn:oasis:names:tc:xliff:document:2.0"', ''),
    reason: /^bad\.xlf:2:1: expected the XLIFF 2\.0 namespace .*, found no namespace$/m,
  },
  {
    name: 'a version that does not match the namespace',
    content: () => good.replace('version="2.0"', 'version="1.2"'),
    reason: /^bad\.xlf:2:1: version="1\.2" does not match the namespace urn:oasis:names:tc:xliff:document:2\.0$/m,
  },
  {
    name: 'another file format (TMX)',
    content: () => '<?xml version="1.0"?>\n<tmx version="1.4"><header/><body/></tmx>\n',
    reason: /^bad\.xlf:2:1: expected an XLIFF file \(root element <xliff>\), found <tmx>$/m,
  },
  {
    name: 'the wrong source language',
    content: () => good.replace('srcLang="nl"', 'srcLang="en"'),
    reason: /^bad\.xlf:2: wrong language pair: the file is for en → af, but this project's articles are written in nl$/m,
  },
  {
    name: 'a target language the project does not publish articles in',
    content: () => good.replace('trgLang="af"', 'trgLang="de"'),
    reason: /^bad\.xlf:2: wrong language pair: the file is for nl → de, but de is not an article language of this project \(articleLanguages: af\)$/m,
  },
  {
    name: 'no target language',
    content: () => good.replace(' trgLang="af"', ''),
    reason: /^bad\.xlf:2: the file names no target language; pass --to <lang>$/m,
  },
];

describe('sync import: hostile and wrong files change nothing', () => {
  it.each(CASES)('sync: $name → exit 2, clear error, nothing changed', async ({ content, reason }) => {
    const bad = join(root, 'bad.xlf');
    const made = content();
    if (made === 'large') {
      // A real 100 MB file (not sparse): refused by its size before a byte is parsed.
      const fd = openSync(bad, 'w');
      const chunk = Buffer.alloc(1024 * 1024, ' ');
      writeSync(fd, good.slice(0, good.indexOf('<file')));
      for (let i = 0; i < 100; i++) writeSync(fd, chunk);
      closeSync(fd);
    } else writeFileSync(bad, made);
    const before = snapshot(root);
    // The good file comes first: it must not be imported either.
    const result = await syncImport(root, { files: ['good.xlf', 'bad.xlf'] });
    expect(result.code, result.stdout).toBe(2);
    expect(result.stderr.replace(/^tolk: /gm, '')).toMatch(reason);
    expect(snapshot(root)).toEqual(before);
    expect(server.requests()).toBe(0);
  });
});
