import { describe, it, expect } from 'vitest';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { segmentArticle, type Segment } from '../../src/markdown/index.js';
import { segmentId } from '../../src/tagged/index.js';

const rich = readFileSync(new URL('../fixtures/articles/rich.md', import.meta.url), 'utf8');
const options = { sourceLanguage: 'nl', frontMatterFields: ['title', 'description'], file: 'rich.md' };
const richSegments = segmentArticle(rich, options).segments;

/** Sources of a small article, in document order. */
const sources = (markdown: string) => segmentArticle(markdown, { sourceLanguage: 'nl' }).segments.map((s) => s.source);
const idOf = (segments: Segment[], source: string) => segments.find((s) => s.source === source)?.id;

describe('segment kinds', () => {
  it('segments: every kind of translatable text in the fixture has its kind', () => {
    const kinds = new Set(richSegments.map((s) => s.kind));
    for (const kind of ['heading', 'paragraph', 'listItem', 'tableCell', 'blockquote', 'footnote', 'imageAlt', 'imageTitle', 'linkTitle', 'frontmatter:title', 'frontmatter:description']) {
      expect(kinds, kind).toContain(kind);
    }
  });

  it('segments: the fixture is cut where a translator expects, with the line each unit starts on', () => {
    const at = (source: string) => richSegments.find((s) => s.source === source);
    expect(at('Van Aert pakt brons in de tijdrit van Parijs')).toMatchObject({ kind: 'frontmatter:title', line: 2 });
    expect(at('Tijdrit Parijs 2024: <1>brons</1> voor Van Aert')).toMatchObject({ kind: 'heading', line: 11 });
    expect(at('Officiële uitslag van de UCI')).toMatchObject({ kind: 'linkTitle', line: 14 });
    expect(at('Van Aert op de Pont Alexandre III')).toMatchObject({ kind: 'imageAlt', line: 16 });
    expect(at('Foto: Belga')).toMatchObject({ kind: 'imageTitle', line: 16 });
    expect(at('Remco <1>Evenepoel</1>')).toMatchObject({ kind: 'tableCell', line: 24 });
    expect(at('Het parcours was glad door de regen.')).toMatchObject({ kind: 'listItem', line: 31 });
    expect(at('Eerste tussentijd na 15 km.')).toMatchObject({ kind: 'listItem', line: 34 });
    expect(at('Ik heb alles gegeven, maar Remco was vandaag\ngewoon <1>sterker</1>.')).toMatchObject({ kind: 'blockquote', line: 37 });
    expect(at('Verslag van de wegrit')).toMatchObject({ kind: 'linkTitle', line: 52 });
    expect(at('Het regende de hele dag in <1>Parijs</1>.')).toMatchObject({ kind: 'footnote', line: 54 });
  });

  it('segments: a paragraph that is only an image is not a segment, its alt is', () => {
    const segments = segmentArticle('![Van Aert op het podium](podium.jpg)\n', { sourceLanguage: 'nl' }).segments;
    expect(segments.map((s) => [s.kind, s.source])).toEqual([['imageAlt', 'Van Aert op het podium']]);
  });

  it('segments: a definition title is a segment, the definition itself is not', () => {
    expect(sources('Lees het [verslag].\n\n[verslag]: https://nos.example/v "Het verslag"\n')).toEqual(['Lees het <1>verslag</1>.', 'Het verslag']);
  });
});

describe('segment tags', () => {
  it('segments: inline markup becomes numbered tags', () => {
    expect(sources('Een *snelle* rit')).toEqual(['Een <1>snelle</1> rit']);
    expect(sources('Een **sterke** rit')).toEqual(['Een <1>sterke</1> rit']);
    expect(sources('Een ~~trage~~ rit')).toEqual(['Een <1>trage</1> rit']);
    expect(sources('Zie [de uitslag](https://nos.example/uitslag).')).toEqual(['Zie <1>de uitslag</1>.']);
    expect(sources('De rit was `32 km` lang.')).toEqual(['De rit was <1/> lang.']);
    expect(sources('Foto ![podium](podium.jpg) hier.')).toEqual(['Foto <1/> hier.', 'podium']);
    expect(sources('Het regende[^1].\n\n[^1]: In Parijs.\n')).toEqual(['Het regende<1/>.', 'In Parijs.']);
    expect(sources('Regel een  \nregel twee')).toEqual(['Regel een<1/>regel twee']);
    expect(sources('Regel een\\\nregel twee')).toEqual(['Regel een<1/>regel twee']);
    expect(sources('Een <b>vette</b> rit.')).toEqual(['Een <1/>vette<2/> rit.']);
  });

  it('segments: nested markup nests its tags, numbered in order', () => {
    expect(sources('**[Evenepoel](https://x.example) wint** en ~~verliest~~ niet')).toEqual(['<1><2>Evenepoel</2> wint</1> en <3>verliest</3> niet']);
  });

  it('segments: &, < and > in text are escaped so tags stay unambiguous', () => {
    expect(sources('Ajax & PSV <3 >')).toEqual(['Ajax &amp; PSV &lt;3 &gt;']);
    expect(sources('Tekst met &lt;1&gt; erin')).toEqual(['Tekst met &lt;1&gt; erin']);
  });

  it('segments: autolinks are void tags, since their text is the address', () => {
    expect(sources('<https://nos.example> en www.nos.example en info@nos.example')).toEqual(['<1/> en <2/> en <3/>']);
  });
});

describe('what never reaches a segment', () => {
  const all = richSegments.map((s) => s.source).join('\n');

  it('segments: code blocks, HTML blocks and inline code text are not translated', () => {
    expect(all).not.toContain('const podium');
    expect(all).not.toContain("'Ganna'");
    expect(all).not.toContain('advertentie');
    expect(all).not.toContain('Advertentie');
    expect(all).not.toContain('32,4 km');
  });

  it('segments: URLs are not translated', () => {
    expect(all).not.toMatch(/https?:|www\.|\.jpg|nos\.example/);
  });

  it('segments: front matter outside the configured fields is not translated', () => {
    expect(all).not.toContain('2024-07-27');
    expect(all).not.toContain('olympische-spelen');
    expect(all).not.toContain('Redactie Sport');
    const kinds = richSegments.map((s) => s.kind).filter((k) => k.startsWith('frontmatter:'));
    expect(kinds).toEqual(['frontmatter:title', 'frontmatter:description']);
  });

  it('segments: without configured fields, front matter is not translated at all', () => {
    const kinds = segmentArticle(rich, { sourceLanguage: 'nl' }).segments.map((s) => s.kind);
    expect(kinds.some((k) => k.startsWith('frontmatter:'))).toBe(false);
  });
});

describe('segment ids', () => {
  it('ids: sha256 of the source language and the normalized tagged text', () => {
    const [segment] = segmentArticle('Een  *snelle*\nrit ', { sourceLanguage: 'NL' }).segments;
    const expected = createHash('sha256').update('nl\nEen <1>snelle</1> rit').digest('hex');
    expect(segment!.id).toBe(expected);
    expect(segmentId('nl', 'Een <1>snelle</1> rit')).toBe(expected);
  });

  it('ids: the same sentence in two articles has the same id', () => {
    const a = segmentArticle('# Uitslag\n\nPogačar wint de *Tour*.\n', { sourceLanguage: 'nl' }).segments;
    const b = segmentArticle('- Pogačar wint de *Tour*.\n- Vingegaard tweede.\n', { sourceLanguage: 'nl' }).segments;
    expect(idOf(a, 'Pogačar wint de <1>Tour</1>.')).toBe(idOf(b, 'Pogačar wint de <1>Tour</1>.'));
  });

  it('ids: inserting a section does not change the other ids', () => {
    const before = segmentArticle(rich, options).segments;
    const inserted = rich.replace('## De top drie', '## Een nieuwe sectie\n\nMet een *nieuwe* alinea.\n\n## De top drie');
    const after = segmentArticle(inserted, options).segments;
    expect(after.length).toBe(before.length + 2);
    const afterIds = new Set(after.map((s) => s.id));
    for (const segment of before) expect(afterIds.has(segment.id), segment.source).toBe(true);
  });

  it('ids: re-wrapped lines, extra spaces and CRLF keep the id', () => {
    const [lf] = segmentArticle('Van Aert reed\nnaar brons.\n', { sourceLanguage: 'nl' }).segments;
    const [wrapped] = segmentArticle('Van Aert   reed naar\nbrons.\n', { sourceLanguage: 'nl' }).segments;
    const [crlf] = segmentArticle('Van Aert reed\r\nnaar brons.\r\n', { sourceLanguage: 'nl' }).segments;
    expect(wrapped!.id).toBe(lf!.id);
    expect(crlf!.id).toBe(lf!.id);
    expect(crlf!.source).toBe(lf!.source);
  });

  it('ids: NFC and NFD spellings share an id', () => {
    const nfc = 'Hôtel des Invalides, Pogačar'.normalize('NFC');
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    const [a] = segmentArticle(nfc, { sourceLanguage: 'nl' }).segments;
    const [b] = segmentArticle(nfd, { sourceLanguage: 'nl' }).segments;
    expect(b!.id).toBe(a!.id);
  });

  it('ids: the source language and the markup are part of the id', () => {
    const nl = segmentArticle('Een snelle rit', { sourceLanguage: 'nl' }).segments[0]!.id;
    expect(segmentArticle('Een snelle rit', { sourceLanguage: 'de' }).segments[0]!.id).not.toBe(nl);
    expect(segmentArticle('Een *snelle* rit', { sourceLanguage: 'nl' }).segments[0]!.id).not.toBe(nl);
  });

  it('ids: a changed link URL keeps the id, because tags do not carry URLs', () => {
    const a = segmentArticle('Zie [de uitslag](https://uci.example/oud "Uitslag").', { sourceLanguage: 'nl' }).segments;
    const b = segmentArticle('Zie [de uitslag](https://uci.example/nieuw "Uitslag").', { sourceLanguage: 'nl' }).segments;
    expect(b.map((s) => s.id)).toEqual(a.map((s) => s.id));
  });
});
