import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { readXmlEvents, type XmlEvent } from '../../src/exchange/index.js';
import { drain, scratchDir, tripwire } from './helpers.js';
import { HOSTILE } from './hostile.js';

const scratch = scratchDir();
let server: Awaited<ReturnType<typeof tripwire>>;
beforeAll(async () => {
  server = await tripwire();
});
afterAll(async () => {
  await server.close();
  scratch.remove();
});

const read = async (name: string, content: string | Buffer, options = {}) => {
  const file = scratch.write(name, content);
  const { items, error } = await drain(() => readXmlEvents(file, { displayName: name, ...options }));
  return { items: items.flat(), error };
};

/** Opens and text only, compactly, for comparing. */
const outline = (events: XmlEvent[]) =>
  events.map((e) => (e.type === 'open' ? `<${e.name}>` : e.type === 'close' ? `</${e.name}>` : e.text)).join('');

describe('safe xml reader', () => {
  it('safe xml: reports elements, attributes, text and where start tags begin', async () => {
    const { items, error } = await read(
      'fixture.xml',
      '<?xml version="1.0"?>\n<results season="2024">\n  <match round="1">Sharks &amp; Lions <![CDATA[<draw>]]></match>\n  <match\n    round="2"/>\n</results>\n',
    );
    expect(error).toBeUndefined();
    expect(outline(items)).toBe('<results>\n  <match>Sharks & Lions <draw></match>\n  <match></match>\n</results>');
    const opens = items.filter((e) => e.type === 'open');
    expect(opens.map((e) => [e.line, e.column, e.attributes.round ?? e.attributes.season])).toEqual([
      [2, 1, '2024'],
      [3, 3, '1'],
      [4, 3, '2'],
    ]);
  });

  it('safe xml: namespaces are resolved and xml:lang keeps its qualified name', async () => {
    const { items } = await read('ns.xml', '<x:doc xmlns:x="urn:test"><x:p xml:lang="nl">Doel</x:p></x:doc>');
    const p = items.find((e) => e.type === 'open' && e.local === 'p');
    expect(p).toMatchObject({ name: 'x:p', local: 'p', uri: 'urn:test', attributes: { 'xml:lang': 'nl' } });
  });

  it('safe xml: a BOM is dropped, CRLF becomes LF, comments and processing instructions are skipped', async () => {
    const { items, error } = await read(
      'bom.xml',
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<?xml version="1.0"?>\r\n<?xml-stylesheet href="x.xsl"?>\r\n<a><!-- note -->one\r\ntwo<?pi data?></a>\r\n')]),
    );
    expect(error).toBeUndefined();
    expect(outline(items)).toBe('<a>one\ntwo</a>');
  });

  it('safe xml: UTF-16 with a byte-order mark is read', async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<?xml version="1.0" encoding="UTF-16"?><a>Žalgiris wint</a>', 'utf16le')]);
    const { items, error } = await read('utf16.xml', utf16);
    expect(error).toBeUndefined();
    expect(outline(items)).toBe('<a>Žalgiris wint</a>');
  });

  it('safe xml: a declared legacy encoding is honoured', async () => {
    const latin1 = Buffer.from('<?xml version="1.0" encoding="ISO-8859-1"?><a>Atlético</a>', 'latin1');
    const { items, error } = await read('latin1.xml', latin1);
    expect(error).toBeUndefined();
    expect(outline(items)).toBe('<a>Atlético</a>');
  });

  it('safe xml: an encoding nobody knows is refused', async () => {
    const { error } = await read('klingon.xml', '<?xml version="1.0" encoding="x-klingon"?><a/>');
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe('unsupported encoding "x-klingon" in the XML declaration; convert the file to UTF-8');
  });

  it('safe xml: a DOCTYPE a reader allows is ignored, never read', async () => {
    const content = '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "{{server}}/tmx14.dtd">\n<tmx/>';
    const allowDoctype = () => true;
    const { items, error } = await read('allowed.xml', content.replace('{{server}}', server.url), { allowDoctype });
    expect(error).toBeUndefined();
    expect(outline(items)).toBe('<tmx></tmx>');
    expect(server.requests()).toBe(0);
  });

  it('safe xml: an internal subset is refused even when the reader allows DOCTYPEs', async () => {
    const { error } = await read('subset.xml', '<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', { allowDoctype: () => true });
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/^DOCTYPE is not allowed/);
  });

  it('safe xml: a huge DOCTYPE is refused before it is complete', async () => {
    const entities = Array.from({ length: 20000 }, (_, n) => `<!ENTITY e${n} "${'x'.repeat(20)}">`).join('\n');
    const { items, error } = await read('huge-doctype.xml', `<?xml version="1.0"?>\n<!DOCTYPE a [\n${entities}\n]>\n<a/>`, {
      allowDoctype: () => true,
    });
    expect(items).toEqual([]);
    expect(error).toMatchObject({ message: expect.stringMatching(/^DOCTYPE is not allowed .*over 64 KiB long$/), location: { line: 2 } });
  });

  it('safe xml: the size limit is checked before reading', async () => {
    const { items, error } = await read('big.xml', `<a>${'x'.repeat(2000)}</a>`, { maxBytes: 1024 });
    expect(items).toEqual([]);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toMatch(/^file is [\d.,]+ (MiB|bytes), over the [\d.,]+ (MiB|bytes) limit \(maxBytes\)$/);
    expect((error as InputError).location.file).toBe('big.xml');
  });

  it('safe xml: content after the root element is refused', async () => {
    const { error } = await read('trailing.xml', '<a/>\n<b/>');
    expect(error).toMatchObject({ message: 'not well-formed XML: a second root element after the end of the first', location: { line: 2 } });
  });

  it('safe xml: a missing file is an input error', async () => {
    const { error } = await drain(() => readXmlEvents(scratch.path('nope.xml'), { displayName: 'nope.xml' }));
    expect(error).toBeInstanceOf(InputError);
    expect(error).toMatchObject({ message: 'file not found', location: { file: 'nope.xml' } });
  });

  it('safe xml: events are held back a chunk, so an error near the end comes before the last events', async () => {
    // ~330 KiB: several chunks. The error is in the last one.
    const rows = Array.from({ length: 10000 }, (_, n) => `<row n="${n}">Match ${n}</row>`).join('\n');
    const { items, error } = await read('long.xml', `<table>\n${rows}\n<row>&nope;</row></table>`);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).location.line).toBe(10002);
    const rowsSeen = items.filter((e) => e.type === 'open' && e.local === 'row');
    expect(rowsSeen.length).toBeGreaterThan(1000);
    expect(rowsSeen.length).toBeLessThan(10000);
  });

  describe('hostile input', () => {
    for (const hostile of HOSTILE) {
      it(`safe xml: refuses ${hostile.name}`, async () => {
        const content = typeof hostile.content === 'string' ? hostile.content.replace('{{server}}', server.url) : hostile.content;
        const started = Date.now();
        const { items, error } = await read(`${hostile.name.replace(/\W+/g, '-')}.xml`, content);
        expect(error).toBeInstanceOf(InputError);
        const { message, location } = error as InputError;
        expect(message).toMatch(hostile.reason);
        expect(location.file).toBe(`${hostile.name.replace(/\W+/g, '-')}.xml`);
        expect(location.line).toBe(hostile.line);
        // Small files are one chunk: nothing of a bad file gets out.
        expect(items).toEqual([]);
        expect(server.requests()).toBe(0);
        expect(Date.now() - started).toBeLessThan(1000);
      });
    }
  });
});
