import { describe, it, expect } from 'vitest';
import * as commonmark from 'commonmark';
import { readFileSync } from 'node:fs';
import { InputError } from '../../src/core/errors.js';
import { parseMarkdown, readFrontMatterBlock, reassemble, segmentArticle, setArticleFrontMatter, type SegmentedArticle } from '../../src/markdown/index.js';
import { treeShape } from '../../src/markdown/shape.js';
import { readProvenance } from '../../src/localized/index.js';
import { serialize, tokenize } from '../../src/tagged/index.js';

const rich = readFileSync(new URL('../fixtures/articles/rich.md', import.meta.url), 'utf8');
const fields = ['title', 'description'];
const segment = (markdown: string) => segmentArticle(markdown, { sourceLanguage: 'nl', frontMatterFields: fields, file: 'artikelen/kapot.md' });

/** A pseudo-translation that keeps every tag: text in capitals, so any other changed byte shows. */
const shout = (tagged: string) => serialize(tokenize(tagged).map((t) => (t.type === 'text' ? { ...t, value: t.value.toUpperCase() } : t)));
const sourceOf = (article: SegmentedArticle) => (id: string) => article.segments.find((s) => s.id === id)?.source;
const shapeOf = (markdown: string) => treeShape(parseMarkdown(markdown));
const html = (markdown: string) => new commonmark.HtmlRenderer().render(new commonmark.Parser().parse(markdown));
/** CommonMark has no front matter: compare what it renders of the body. */
const withoutFrontMatter = (markdown: string) => markdown.replace(/^---\r?\n(?:[\s\S]*?\r?\n)?---(?:\r?\n|$)/, '');

/**
 * Nothing is lost: the identity round trip gives the same text, a regenerated
 * one renders the same, and a translation changes the letters of the text and
 * nothing else in the body (`markdown` must spell its text the way the
 * escaper would; translated front-matter values are written as YAML strings).
 */
function expectNoLoss(markdown: string): SegmentedArticle {
  const article = segment(markdown);
  const identity = reassemble(article, { lookup: sourceOf(article) });
  expect(identity.text).toBe(markdown);
  const regenerated = reassemble(article, { lookup: sourceOf(article), regenerate: true });
  expect(regenerated.diagnostics).toEqual([]);
  expect(html(withoutFrontMatter(regenerated.text))).toBe(html(withoutFrontMatter(markdown)));
  expect(segment(regenerated.text).segments).toEqual(article.segments);
  const translated = reassemble(article, { lookup: (id) => shout(sourceOf(article)(id)!) });
  expect(translated.diagnostics).toEqual([]);
  expect(withoutFrontMatter(translated.text).toLowerCase()).toBe(withoutFrontMatter(markdown).toLowerCase());
  expect(shapeOf(translated.text)).toBe(shapeOf(markdown));
  expect(segment(translated.text).segments.map((s) => s.source)).toEqual(article.segments.map((s) => shout(s.source)));
  return article;
}

describe('empty and near-empty articles', () => {
  it('bad input: an empty file has no segments and round-trips', () => {
    expect(expectNoLoss('').segments).toEqual([]);
    expect(reassemble(segment(''), { lookup: () => undefined, frontMatter: { language: 'en' } }).text).toBe('---\nlanguage: en\n---\n\n');
  });

  it('bad input: whitespace only has no segments and round-trips', () => {
    expect(expectNoLoss('\n \n\t\n').segments).toEqual([]);
  });

  it('bad input: only front matter gives its fields and round-trips', () => {
    for (const markdown of ['---\ntitle: Tijdrit\ndate: 2024-07-27\n---\n', '---\ntitle: Tijdrit\n---']) {
      const article = expectNoLoss(markdown);
      expect(article.segments.map((s) => [s.kind, s.source])).toEqual([['frontmatter:title', 'Tijdrit']]);
      const result = reassemble(article, { lookup: () => 'Time trial', frontMatter: { language: 'en' } });
      expect(result.text).toBe(markdown.replace('title: Tijdrit', 'title: "Time trial"').replace(/\n---/, '\nlanguage: en\n---'));
    }
  });

  it('bad input: empty front matter gets the keys it is given', () => {
    const result = reassemble(segment('---\n---\n\nTekst.\n'), { lookup: () => undefined, frontMatter: { language: 'en' } });
    expect(result.text).toBe('---\nlanguage: en\n---\n\nTekst.\n');
  });

  it('bad input: an article of only code, HTML and rules has nothing to translate', () => {
    expect(expectNoLoss('```\ncode\n```\n\n<div>\nhtml\n</div>\n\n***\n').segments).toEqual([]);
  });
});

describe('malformed front matter', () => {
  const cases: Array<{ problem: string; markdown: string; line: number; message: RegExp }> = [
    { problem: 'an unclosed quote', markdown: '---\ntitle: Tijdrit\ndescription: "Nat en koud\ndate: 2024-07-27\n---\n\nTekst.\n', line: 3, message: /quote/ },
    { problem: 'an unclosed single quote', markdown: "---\ndate: 2024-07-27\ntitle: 'Van Aert''s brons\nauthor: x\n---\n", line: 3, message: /quote/ },
    { problem: 'bad indentation', markdown: '---\ntitle: Tijdrit\ntags:\n  - wielrennen\n - parijs\n---\n', line: 5, message: /YAML/ },
    { problem: 'a tab as indentation', markdown: '---\ntitle: Tijdrit\n\tdate: 2024-07-27\n---\n', line: 3, message: /[Tt]ab/ },
    { problem: 'a duplicated key', markdown: '---\ntitle: Tijdrit\ndate: 2024-07-27\ntitle: Wegrit\n---\n', line: 4, message: /unique/ },
    { problem: 'an unclosed flow sequence', markdown: '---\ntitle: Tijdrit\ntags: [wielrennen, parijs\n---\n', line: 3, message: /YAML/ },
    { problem: 'a list instead of a mapping', markdown: '---\n- Tijdrit\n- Parijs\n---\n', line: 2, message: /mapping/ },
    { problem: 'a colon in a plain value', markdown: '---\ndate: 2024-07-27\ntitle: Tijdrit: brons\n---\n', line: 3, message: /YAML/ },
  ];

  for (const c of cases) {
    it(`bad input: ${c.problem} in YAML front matter is an InputError at its line in the article`, () => {
      let caught: unknown;
      try {
        segment(c.markdown);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(InputError);
      const error = caught as InputError;
      expect(error.location).toEqual({ file: 'artikelen/kapot.md', line: c.line });
      expect(error.message).toMatch(c.message);
      expect(String(error)).toMatch(new RegExp(`^artikelen/kapot\\.md:${c.line}: `));
    });
  }

  // The export reads the block without parsing the Markdown; it is the same reader, so it reports the same place.
  for (const c of cases) {
    it(`front matter: the block reader (export) reports ${c.problem} at the same line as the Markdown parser`, () => {
      expect(() => readFrontMatterBlock(c.markdown, 'artikelen/kapot.md')).toThrow(InputError);
      try {
        readFrontMatterBlock(c.markdown, 'artikelen/kapot.md');
      } catch (error) {
        expect((error as InputError).location).toEqual({ file: 'artikelen/kapot.md', line: c.line });
        expect((error as InputError).message).toMatch(c.message);
      }
    });
  }

  it('front matter: parser, block reader, record reader and writer agree on where the block is (CRLF, empty block, none, TOML)', () => {
    const crlf = '---\r\ntitle: Tijdrit\r\ntolk:\r\n  source: nl/a.md\r\n  sourceHash: abc\r\n---\r\n\r\nTekst.\r\n';
    const block = readFrontMatterBlock(crlf, 'a.md')!;
    expect(block).toMatchObject({ data: { title: 'Tijdrit' }, eol: '\r\n', bodyStart: crlf.indexOf('\r\nTekst') });
    expect(segment(crlf).segments.map((s) => s.source)).toEqual(['Tijdrit', 'Tekst.']);
    expect(readProvenance(crlf)).toMatchObject({ source: 'nl/a.md', sourceHash: 'abc' });
    expect(setArticleFrontMatter(crlf, { language: 'af' })).toBe(crlf.replace('---\r\n\r\n', 'language: af\r\n---\r\n\r\n'));
    expect(readFrontMatterBlock('---\n---\nTekst.\n', 'a.md')).toMatchObject({ data: {}, bodyStart: 8 });
    expect(readFrontMatterBlock('Tekst.\n---\ntitle: x\n---\n', 'a.md')).toBeUndefined();
    expect(readFrontMatterBlock('+++\ntitle = "x"\n+++\n', 'a.md')).toBeUndefined();
  });

  it('bad input: the reported line counts from the top of the article, after leading lines', () => {
    const markdown = '---\ntitle: Tijdrit\n\n\nbroken: "yes\n---\n';
    expect(() => segment(markdown)).toThrow(expect.objectContaining({ location: { file: 'artikelen/kapot.md', line: 5 } }));
  });
});

describe('CRLF line endings', () => {
  const crlf = rich.replace(/\n/g, '\r\n');

  it('bad input: CRLF gives the same segments and ids as LF', () => {
    const lf = segment(rich).segments;
    const windows = segment(crlf).segments;
    expect(windows.map((s) => [s.id, s.source, s.kind, s.line])).toEqual(lf.map((s) => [s.id, s.source, s.kind, s.line]));
  });

  it('bad input: a CRLF article round-trips and a translation keeps CRLF everywhere', () => {
    expectNoLoss(crlf);
    const article = segment(crlf);
    const result = reassemble(article, {
      lookup: (id) => {
        const source = sourceOf(article)(id)!;
        return source.includes('\n') ? shout(source).replace(' ', '\nEN ') : shout(source);
      },
      frontMatter: { language: 'en', reviewed: ['nl', 'en'] },
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.text).not.toMatch(/[^\r]\n/);
    expect(result.text).toContain('author: Redactie Sport\r\nlanguage: en\r\nreviewed:\r\n  - nl\r\n  - en\r\n---\r\n');
    expect(result.text).toContain('> IK\r\n> EN HEB ALLES GEGEVEN, MAAR REMCO WAS VANDAAG\r\n> GEWOON *STERKER*.');
  });

  it('bad input: an article without front matter gets one with CRLF', () => {
    const result = reassemble(segment('# Uitslag\r\n'), { lookup: () => undefined, frontMatter: { language: 'en' } });
    expect(result.text).toBe('---\r\nlanguage: en\r\n---\r\n\r\n# Uitslag\r\n');
  });
});

describe('large and deep articles', () => {
  it('bad input: a 200 KB paragraph is one segment and loses nothing', () => {
    const sentence = (i: number) => (i % 40 === 0 ? `Rit ${i} ging naar [Parijs](https://nos.example/${i}) en *verder*. ` : `Zin ${i} over de lange tijdrit langs de Seine. `);
    const markdown = Array.from({ length: 4400 }, (_, i) => sentence(i)).join('').trimEnd() + '\n';
    expect(markdown.length).toBeGreaterThan(200_000);
    const article = expectNoLoss(markdown);
    expect(article.segments.length).toBe(1);
  });

  it('bad input: lists nested 50 levels deep lose nothing', () => {
    const markdown = Array.from({ length: 50 }, (_, i) => `${'  '.repeat(i)}- niveau ${i} met *nadruk*\n`).join('');
    const article = expectNoLoss(markdown);
    expect(article.segments.map((s) => s.kind)).toEqual(Array(50).fill('listItem'));
  });

  it('bad input: block quotes nested 50 levels deep lose nothing, continuation lines included', () => {
    const markdown = `${'> '.repeat(50)}diep *geciteerd*\n${'> '.repeat(50)}over twee regels\n`;
    const article = expectNoLoss(markdown);
    expect(article.segments.map((s) => [s.kind, s.source])).toEqual([['blockquote', 'diep <1>geciteerd</1>\nover twee regels']]);
  });

  it('bad input: quotes and lists nested in each other lose nothing', () => {
    const markdown = Array.from({ length: 25 }, (_, i) => `${'> - '.repeat(i + 1)}laag ${i}\n`).join('');
    expectNoLoss(markdown);
  });
});

describe('raw HTML', () => {
  it('bad input: HTML blocks are kept byte for byte and the text around them is translated', () => {
    const markdown = [
      '<div class="uitslag">',
      '  <p>Van Aert *brons*</p>',
      '</div>',
      '',
      '<!-- redactie: controleer de tijden',
      '',
      'nog steeds commentaar -->',
      '',
      '<script>document.write("Parijs")</script>',
      '',
      'Tekst met <span class="naam">Van Aert</span> en <br> een breuk.',
      '',
      '<table><tr><td>',
      '',
      '**Markdown in HTML**',
      '',
      '</td></tr></table>',
      '',
    ].join('\n');
    const article = expectNoLoss(markdown);
    expect(article.segments.map((s) => s.source)).toEqual(['Tekst met <1/>Van Aert<2/> en <3/> een breuk.', '<1>Markdown in HTML</1>']);
  });

  it('bad input: an HTML block left open runs to the end and is kept', () => {
    const article = expectNoLoss('Tekst ervoor.\n\n<div>\nniet gesloten\n\nmaar dit is weer *tekst*.\n');
    expect(article.segments.map((s) => s.source)).toEqual(['Tekst ervoor.', 'maar dit is weer <1>tekst</1>.']);
  });
});

describe('other odd input', () => {
  it('bad input: an unclosed code fence swallows the rest and is kept', () => {
    expect(expectNoLoss('Tekst.\n\n```js\nconst x = 1;\n\nGeen tekst meer.\n').segments.map((s) => s.source)).toEqual(['Tekst.']);
  });

  it('bad input: emoji, right-to-left text and combining marks survive', () => {
    expectNoLoss('🚴‍♀️ Wielrennen in مرحبا and עִברִית, Pogačar en Cipollini.\n');
  });

  it('bad input: definitions, footnotes and references without a use are kept', () => {
    expectNoLoss('[ongebruikt]: https://nos.example "Een titel"\n\n[^noot]: Een *noot* zonder verwijzing.\n');
  });

  it('bad input: a lone marker, an empty list item and an empty heading do not crash', () => {
    for (const markdown of ['>\n', '-\n', '#\n', '1.\n', '| a |\n| - |\n|  |\n', '![](leeg.png)\n', '[](leeg)\n', '**\n']) {
      const article = segment(markdown);
      expect(reassemble(article, { lookup: sourceOf(article) }).text).toBe(markdown);
    }
  });
});
