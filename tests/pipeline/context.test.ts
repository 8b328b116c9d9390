import { describe, expect, it } from 'vitest';
import { segmentArticle } from '../../src/markdown/index.js';
import { articleTitle, engineContext, styleGuideFor } from '../../src/pipeline/context.js';

const article = (text: string) => segmentArticle(text, { file: 'a.md', sourceLanguage: 'nl', frontMatterFields: ['title', 'description'] });

const BODY = ['# Ajax wint de klassieker', '', 'Eerste **alinea** &amp; meer.', '', 'Tweede alinea.', '', 'Derde alinea.', '', 'Vierde alinea.', '', 'Vijfde alinea.', '', 'Zesde alinea.', ''].join('\n');

describe('engine context', () => {
  it('context: the title is the front-matter title, else the first heading', () => {
    expect(articleTitle(article(BODY))).toBe('Ajax wint de klassieker');
    expect(articleTitle(article(`---\ntitle: "Feyenoord verliest"\ndescription: Kort.\n---\n\n${BODY}`))).toBe('Feyenoord verliest');
    expect(articleTitle(article('Alleen een alinea.\n'))).toBeUndefined();
  });

  it('context: the segments just before and after the batch, plain text, at most three a side', () => {
    const a = article(BODY);
    const ids = a.segments.map((s) => s.id);
    // The batch is the fifth paragraph alone: 3 before it (heading excluded past the bound), 1 after.
    const context = engineContext(a, [ids[5]!], 'Britse spelling.');
    expect(context).toEqual({
      title: 'Ajax wint de klassieker',
      before: ['Tweede alinea.', 'Derde alinea.', 'Vierde alinea.'],
      after: ['Zesde alinea.'],
      styleGuide: 'Britse spelling.',
    });
    // Tags and escapes do not travel in context.
    expect(engineContext(a, [ids[2]!]).before).toEqual(['Ajax wint de klassieker', 'Eerste alinea & meer.']);
    // A batch of several segments: context around its first and last, nothing from inside it.
    expect(engineContext(a, [ids[2]!, ids[3]!, ids[4]!], undefined, { around: 1 })).toEqual({
      title: 'Ajax wint de klassieker',
      before: ['Eerste alinea & meer.'],
      after: ['Vijfde alinea.'],
    });
  });

  it('context: the character budget keeps the nearest segments and stops a side at the first that does not fit', () => {
    const a = article(BODY);
    const ids = a.segments.map((s) => s.id);
    const context = engineContext(a, [ids[3]!], undefined, { around: 3, maxCharacters: 30 });
    expect(context.before).toEqual(['Tweede alinea.']);
    expect(context.after).toEqual(['Vierde alinea.']);
  });

  it('context: ids not in the article give the title and guide only', () => {
    expect(engineContext(article(BODY), ['nope'], 'Gids.')).toEqual({ title: 'Ajax wint de klassieker', styleGuide: 'Gids.' });
  });

  it('context: the style guide is "*" then the language\'s own (a region falls back to its language)', () => {
    const guides = { '*': 'Sober.', en: 'Use British spelling; scores as 2-1' };
    expect(styleGuideFor(guides, 'en')).toBe('Sober.\nUse British spelling; scores as 2-1');
    expect(styleGuideFor(guides, 'en-GB')).toBe('Sober.\nUse British spelling; scores as 2-1');
    expect(styleGuideFor(guides, 'af')).toBe('Sober.');
    expect(styleGuideFor({}, 'af')).toBeUndefined();
  });
});
