import { describe, it, expect } from 'vitest';
import * as commonmark from 'commonmark';
import { readFileSync } from 'node:fs';
import { parseMarkdown, reassemble, segmentArticle, type ReassembleOptions, type SegmentedArticle } from '../../src/markdown/index.js';
import { treeShape } from '../../src/markdown/shape.js';
import { normalizeSource, serialize, tokenize } from '../../src/tagged/index.js';

const rich = readFileSync(new URL('../fixtures/articles/rich.md', import.meta.url), 'utf8');

const segment = (markdown: string, frontMatterFields: string[] = []) =>
  segmentArticle(markdown, { sourceLanguage: 'nl', frontMatterFields, file: 'artikel.md' });

/** Reassembles with translations keyed by source text; other segments stay untranslated. */
function translate(article: SegmentedArticle, translations: Record<string, string>, options: Partial<ReassembleOptions> = {}) {
  const sources = new Map(article.segments.map((s) => [s.id, s.source]));
  return reassemble(article, { lookup: (id) => translations[sources.get(id) ?? ''], ...options });
}

/** A pseudo-translation that keeps every tag: text in capitals. */
const shout = (tagged: string) => serialize(tokenize(tagged).map((t) => (t.type === 'text' ? { ...t, value: t.value.toUpperCase() } : t)));

function translateAll(article: SegmentedArticle, translateText: (source: string) => string, options: Partial<ReassembleOptions> = {}) {
  return reassemble(article, { lookup: (id) => translateText(article.segments.find((s) => s.id === id)!.source), ...options });
}

const shapeOf = (markdown: string) => treeShape(parseMarkdown(markdown));
const html = (markdown: string) => new commonmark.HtmlRenderer().render(new commonmark.Parser().parse(markdown));

describe('translations in place', () => {
  const source = [
    '# Van Aert pakt *brons*',
    '',
    'Op een **natte** dag reed hij naar [het podium](https://nos.example/podium "Uitslag").',
    '',
    '- Eerste tussentijd',
    '- Tweede tussentijd',
    '',
  ].join('\n');
  const english = {
    'Van Aert pakt <1>brons</1>': 'Van Aert takes <1>bronze</1>',
    'Op een <1>natte</1> dag reed hij naar <2>het podium</2>.': 'On a <1>wet</1> day he rode to <2>the podium</2>.',
    Uitslag: 'Result',
    'Eerste tussentijd': 'First split',
    'Tweede tussentijd': 'Second split',
  };

  it('reassemble: translations replace the text and keep the markup around it', () => {
    const result = translate(segment(source), english);
    expect(result.text).toBe(
      [
        '# Van Aert takes *bronze*',
        '',
        'On a **wet** day he rode to [the podium](https://nos.example/podium "Result").',
        '',
        '- First split',
        '- Second split',
        '',
      ].join('\n'),
    );
    expect(result).toMatchObject({ translated: 5, total: 5, diagnostics: [] });
  });

  it('reassemble: untranslated segments keep their source text', () => {
    const result = translate(segment(source), { 'Eerste tussentijd': 'First split' });
    expect(result.text).toBe(source.replace('Eerste tussentijd', 'First split'));
    expect(result).toMatchObject({ translated: 1, total: 5 });
  });

  it('reassemble: tags may be reordered by the translator', () => {
    const result = translate(segment(source), {
      'Op een <1>natte</1> dag reed hij naar <2>het podium</2>.': 'To <2>the podium</2> he rode, on a <1>wet</1> day.',
    });
    expect(result.text).toContain('To [the podium](https://nos.example/podium "Uitslag") he rode, on a **wet** day.');
    expect(result.diagnostics).toEqual([]);
  });

  it('reassemble: whitespace a translation puts inside emphasis moves outside it', () => {
    const result = translate(segment('Op een *natte* dag.\n'), { 'Op een <1>natte</1> dag.': 'On a<1> wet </1>day.' });
    expect(result.text).toBe('On a *wet* day.\n');
  });

  it('reassemble: URLs, code, HTML, definitions and untranslated front matter survive a translation of the whole fixture', () => {
    const article = segment(rich, ['title', 'description']);
    const result = translateAll(article, shout);
    expect(result.diagnostics).toEqual([]);
    expect(result.translated).toBe(article.segments.length);
    expect(shapeOf(result.text)).toBe(shapeOf(rich));
    const body = (text: string) => text.slice(text.indexOf('\n---\n') + 5);
    // Only letters of the text changed: every other byte of the body is where it was.
    expect(body(result.text).toLowerCase()).toBe(body(rich).toLowerCase());
    for (const kept of [
      "```js\nconst podium = ['Evenepoel', 'Ganna', 'Van Aert'];\n```",
      '<div class="advertentie">\n  <p>Advertentie</p>\n</div>',
      '(https://www.uci.org/uitslagen/tijdrit "OFFICIËLE UITSLAG VAN DE UCI")',
      '(https://cdn.example.com/foto/van-aert.jpg "FOTO: BELGA")',
      '`32,4 km`',
      '[^weer]',
      '[wegrit]: https://nos.example/wegrit "VERSLAG VAN DE WEGRIT"',
      'date: 2024-07-27\ntags:\n  - wielrennen\n  - olympische-spelen\nauthor: Redactie Sport\n',
      '| :----- | :----- | ---: |',
    ]) {
      expect(result.text).toContain(kept);
    }
    const again = segment(result.text, ['title', 'description']).segments.map((s) => s.source);
    expect(again).toEqual(article.segments.map((s) => shout(s.source)));
  });

  it('reassemble: a translation made before a link URL changed still applies, with the new URL', () => {
    const old = segment('Zie [de uitslag](https://uci.example/oud).\n');
    const moved = segment('Zie [de uitslag](https://uci.example/nieuw).\n');
    const translations = new Map([[old.segments[0]!.id, 'See <1>the results</1>.']]);
    const result = reassemble(moved, { lookup: (id) => translations.get(id) });
    expect(result.text).toBe('See [the results](https://uci.example/nieuw).\n');
  });
});

describe('tag damage', () => {
  const source = '# Uitslag\n\nOp een *natte* dag naar [het podium](https://nos.example/podium).\n';
  const paragraph = 'Op een <1>natte</1> dag naar <2>het podium</2>.';
  const damaged: Record<string, string> = {
    missing: 'On a wet day to <2>the podium</2>.',
    duplicated: 'On a <1>wet</1> <1>day</1> to <2>the podium</2>.',
    unbalanced: 'On a <1>wet day to <2>the podium</1></2>.',
    unclosed: 'On a <1>wet day to <2>the podium</2>.',
    'closed before opened': 'On a </1>wet<1> day to <2>the podium</2>.',
    unknown: 'On a <1>wet</1> day to <2>the podium</2> <3>now</3>.',
    'void for paired': 'On a <1/>wet day to <2>the podium</2>.',
  };

  for (const [damage, translation] of Object.entries(damaged)) {
    it(`reassemble: a ${damage} tag is tag damage: source text kept for that unit, the others translated`, () => {
      const article = segment(source);
      const result = translate(article, { Uitslag: 'Results', [paragraph]: translation });
      expect(result.diagnostics).toEqual([
        expect.objectContaining({ rule: 'tag-damage', severity: 'error', file: 'artikel.md', line: 3, segment: article.segments[1]!.id }),
      ]);
      expect(result.text).toBe(source.replace('# Uitslag', '# Results'));
      expect(result).toMatchObject({ translated: 1, total: 2 });
    });
  }
});

describe('markdown-significant characters in translations', () => {
  const cases: Array<{ name: string; markdown: string; source: string; translation: string; literal?: string }> = [
    { name: '`*` at the start', markdown: 'Een zin.\n', source: 'Een zin.', translation: '* not a list item', literal: '* not a list item' },
    { name: '`#` at the start', markdown: 'Een zin.\n', source: 'Een zin.', translation: '# not a heading', literal: '# not a heading' },
    { name: '`1. ` at the start', markdown: 'Een zin.\n', source: 'Een zin.', translation: '1. not a list', literal: '1. not a list' },
    { name: '`> ` at the start', markdown: 'Een zin.\n', source: 'Een zin.', translation: '> not a quote', literal: '&gt; not a quote' },
    { name: 'a block start on a continuation line', markdown: 'Een zin.\n', source: 'Een zin.', translation: 'line one\n# line two\n- line three\n===' },
    { name: '`|` in a table cell', markdown: '| Renner | Land |\n| --- | --- |\n| Ganna | Italië |\n', source: 'Ganna', translation: 'Ganna | Italy', literal: 'Ganna | Italy' },
    { name: '`[x](y)`', markdown: 'Een zin.\n', source: 'Een zin.', translation: 'see [x](y) here', literal: 'see [x](y) here' },
    { name: '`<script>`', markdown: 'Een zin.\n', source: 'Een zin.', translation: '<script>alert(1)</script>', literal: '&lt;script&gt;alert(1)&lt;/script&gt;' },
    { name: 'emphasis and code characters', markdown: 'Een zin.\n', source: 'Een zin.', translation: '**not bold** and `not code` and _not em_ and ~~not struck~~', literal: '**not bold** and `not code` and _not em_ and ~~not struck~~' },
    { name: 'a character reference', markdown: 'Een zin.\n', source: 'Een zin.', translation: 'AT&amp;amp;T', literal: 'AT&amp;amp;T' },
    { name: 'a closing `#` in a heading', markdown: '## Uitslag\n', source: 'Uitslag', translation: 'Result #1 #', literal: 'Result #1 #' },
    { name: 'a setext underline in a setext heading', markdown: 'Uitslag\n=======\n', source: 'Uitslag', translation: 'Result\n===' },
    { name: 'a list marker in a list item', markdown: '- een\n- twee\n', source: 'een', translation: '- one', literal: '- one' },
    { name: 'a quote marker in a block quote', markdown: '> Ik heb alles\n> gegeven.\n', source: 'Ik heb alles\ngegeven.', translation: 'I gave\n> everything' },
    { name: 'a web address', markdown: 'Een zin.\n', source: 'Een zin.', translation: 'visit www.nos.example or https://nos.example or info@nos.example' },
    { name: 'a definition-like line', markdown: 'Een zin.\n', source: 'Een zin.', translation: '[ref]: https://x.example', literal: '[ref]: https://x.example' },
    { name: 'a blank line', markdown: '- een\n- twee\n', source: 'een', translation: 'one\n\ntwo' },
    { name: 'a title delimiter', markdown: 'Zie [x](https://x.example "Titel").\n', source: 'Titel', translation: 'A "quoted" title \\ (really)' },
    { name: 'a bracket in an image alt', markdown: '![Podium](p.jpg)\n', source: 'Podium', translation: 'The [podium] in Paris' },
    { name: 'a front-matter value that is not plain YAML', markdown: '---\ntitle: Tijdrit\n---\n\nTekst.\n', source: 'Tijdrit', translation: 'Time trial: "Paris" #1\n- yes' },
  ];

  for (const c of cases) {
    it(`reassemble: ${c.name} does not change the structure and stays text`, () => {
      const article = segment(c.markdown, ['title']);
      const result = translate(article, { [c.source]: c.translation });
      expect(result.diagnostics).toEqual([]);
      expect(result.translated).toBe(1);
      expect(shapeOf(result.text)).toBe(shapeOf(c.markdown));
      const index = article.segments.findIndex((s) => s.source === c.source);
      const again = segment(result.text, ['title']).segments[index]!;
      expect(normalizeSource(again.source)).toBe(normalizeSource(serialize(tokenize(c.translation))));
      if (c.literal) expect(html(result.text)).toContain(c.literal);
    });
  }

  it('reassemble: a shortcut reference keeps its link when its text is translated', () => {
    for (const reference of ['[verslag]', '[verslag][]']) {
      const markdown = `Lees het ${reference}.\n\n[verslag]: https://nos.example/verslag\n`;
      const result = translate(segment(markdown), { 'Lees het <1>verslag</1>.': 'Read the <1>report</1>.' });
      expect(result.text).toBe('Read the [report][verslag].\n\n[verslag]: https://nos.example/verslag\n');
      expect(result.diagnostics).toEqual([]);
    }
  });

  it('reassemble: a shortcut image reference keeps its image when its alt is translated', () => {
    const markdown = '![podium]\n\n[podium]: https://cdn.example/podium.jpg\n';
    const result = translate(segment(markdown), { podium: 'the podium in Paris' });
    expect(result.text).toBe('![the podium in Paris][podium]\n\n[podium]: https://cdn.example/podium.jpg\n');
    expect(shapeOf(result.text)).toBe(shapeOf(markdown));
  });

  it('reassemble: a web address that translated text touches stays a link', () => {
    const markdown = 'Lees meer op www.nos.example vandaag.\n';
    const result = translate(segment(markdown), { 'Lees meer op <1/> vandaag.': '今天请访问<1/>了解更多。' });
    expect(result.diagnostics).toEqual([]);
    expect(result.text).toBe('今天请访问[www.nos.example](<http://www.nos.example>)了解更多。\n');
    expect(shapeOf(result.text)).toBe(shapeOf(markdown));
  });

  it('reassemble: emphasis a translation puts inside a word still works', () => {
    const cases = [
      { markdown: 'Een _snelle_ rit.\n', source: 'Een <1>snelle</1> rit.', translation: 'Eine <1>Schnell</1>fahrt.' },
      { markdown: 'Hij won *goud* vandaag.\n', source: 'Hij won <1>goud</1> vandaag.', translation: 'Er holte <1>„Gold“</1>heute.' },
      { markdown: 'Hij won *goud* vandaag.\n', source: 'Hij won <1>goud</1> vandaag.', translation: '他今天<1>「金牌」</1>了。' },
    ];
    for (const c of cases) {
      const result = translate(segment(c.markdown), { [c.source]: c.translation });
      expect(result.diagnostics, result.text).toEqual([]);
      expect(shapeOf(result.text)).toBe(shapeOf(c.markdown));
      expect(segment(result.text).segments[0]!.source).toBe(c.translation);
    }
  });

  it('reassemble: an engine’s trailing newline does not loosen a list', () => {
    const result = translate(segment('- een\n- twee\n'), { een: 'one\n', twee: 'two\n' });
    expect(result.text).toBe('- one\n- two\n');
  });

  it('reassemble: a translation that would still change the structure falls back to its source text', () => {
    const article = segment('- een\n- twee\n');
    const result = translate(article, { een: '', twee: 'two' });
    expect(result.text).toBe('- een\n- two\n');
    expect(result.diagnostics).toEqual([expect.objectContaining({ rule: 'structure-changed', line: 1, segment: article.segments[0]!.id })]);
    expect(result).toMatchObject({ translated: 1, total: 2 });
  });

  it('reassemble: only the exact text and shape that passed before skip the check', () => {
    const article = segment('- een\n- twee\n');
    const asked: Array<[string, string]> = [];
    const checked = translate(article, { een: '', twee: 'two' }, { verified: (text, shape) => (asked.push([text, shape]), false) });
    expect(asked).toEqual([['- \n- two\n', article.shape]]);
    expect(checked.diagnostics).toHaveLength(1);
    // Told the same text passed before, it is not parsed again: the check is the caller's promise to keep.
    const trusted = translate(article, { een: 'one', twee: 'two' }, { verified: () => true });
    expect(trusted).toMatchObject({ text: '- one\n- two\n', diagnostics: [] });
  });
});

describe('front matter', () => {
  it('reassemble: the frontMatter option adds a key and keeps every other line byte for byte', () => {
    const result = reassemble(segment(rich), { lookup: () => undefined, frontMatter: { language: 'en' } });
    expect(result.text).toBe(rich.replace('author: Redactie Sport\n', 'author: Redactie Sport\nlanguage: en\n'));
  });

  it('reassemble: the frontMatter option replaces an existing key in place', () => {
    const markdown = '---\ntitle: Tijdrit # kop\nlanguage: nl\ntags: [a, b]\n---\n\nTekst.\n';
    const result = reassemble(segment(markdown), { lookup: () => undefined, frontMatter: { language: 'en', translated_from: 'nl' } });
    expect(result.text).toBe('---\ntitle: Tijdrit # kop\nlanguage: en\ntags: [a, b]\ntranslated_from: nl\n---\n\nTekst.\n');
  });

  it('reassemble: a key whose old value spans lines is replaced without touching the next key', () => {
    const markdown = '---\nlanguage:\n  - nl\n  - de\ntitle: |\n  Tijdrit\n  Parijs\ndate: 2024-07-27\n---\n\nTekst.\n';
    const article = segment(markdown, ['title']);
    const result = translate(article, { 'Tijdrit\nParijs\n': 'Time trial\nParis\n' }, { frontMatter: { language: 'en' } });
    expect(result.text).toBe('---\nlanguage: en\ntitle: "Time trial\\nParis\\n"\ndate: 2024-07-27\n---\n\nTekst.\n');
    expect(segment(result.text).frontMatter?.data).toEqual({ language: 'en', title: 'Time trial\nParis\n', date: '2024-07-27' });
  });

  it('reassemble: translated front-matter fields are written as YAML strings', () => {
    const article = segment(rich, ['title', 'description']);
    const result = translate(article, {
      'Van Aert pakt brons in de tijdrit van Parijs': 'Van Aert takes bronze in the Paris time trial',
      'Een natte tijdrit langs de Seine met een Belgisch podium.': 'A wet time trial: along the Seine, with a Belgian podium.',
    });
    expect(result.text).toContain('title: "Van Aert takes bronze in the Paris time trial"\n');
    expect(result.text).toContain('description: "A wet time trial: along the Seine, with a Belgian podium."\ndate: 2024-07-27\n');
  });

  it('reassemble: an article without front matter gets one', () => {
    const result = reassemble(segment('# Uitslag\n'), { lookup: () => undefined, frontMatter: { language: 'en' } });
    expect(result.text).toBe('---\nlanguage: en\n---\n\n# Uitslag\n');
  });

  it('reassemble: TOML front matter is left as it is', () => {
    const markdown = '+++\ntitle = "Tijdrit"\n+++\n\nTekst.\n';
    const result = translate(segment(markdown), { 'Tekst.': 'Text.' }, { frontMatter: { language: 'en' } });
    expect(result.text).toBe('+++\ntitle = "Tijdrit"\n+++\n\nText.\n');
    expect(result.diagnostics).toEqual([]);
  });
});
