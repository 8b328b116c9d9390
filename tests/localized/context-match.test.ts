import { describe, expect, it } from 'vitest';
import { contextExactIds, recordSegments } from '../../src/localized/index.js';
import { segmentArticle } from '../../src/markdown/index.js';

const article = (paragraphs: string[]) => segmentArticle(paragraphs.join('\n\n') + '\n', { file: 'a.md', sourceLanguage: 'nl' });
const translate = (source: string) => `af: ${source}`;

/** The record a localized article gets when every segment is translated by `translate`. */
function recordOf(paragraphs: string[]) {
  const a = article(paragraphs);
  return recordSegments(a.segments, new Set(a.segments), (id) => translate(a.segments.find((s) => s.id === id)!.source));
}

describe('context-exact ("101 %") matches', () => {
  const before = ['Een.', 'Twee.', 'Drie.', 'Vier.', 'Vijf.'];
  const record = recordOf(before);
  const textOf = (a: ReturnType<typeof article>) => new Map(a.segments.map((s) => [s.id, s.source]));

  it('context: an unchanged article is context-exact throughout', () => {
    const a = article(before);
    const text = textOf(a);
    expect(contextExactIds(a.segments, record, (id) => translate(text.get(id)!)).size).toBe(5);
  });

  it('context: a paragraph inserted takes the 101 % from its two neighbours only', () => {
    const a = article(['Een.', 'Twee.', 'Nieuw.', 'Drie.', 'Vier.', 'Vijf.']);
    const text = textOf(a);
    const exact = contextExactIds(a.segments, record, (id) => (text.get(id) === 'Nieuw.' ? undefined : translate(text.get(id)!)));
    expect(a.segments.filter((s) => exact.has(s.id)).map((s) => s.source)).toEqual(['Een.', 'Vier.', 'Vijf.']);
  });

  it('context: the first and last segment match on the article\'s ends; a moved sentence does not', () => {
    const a = article(['Twee.', 'Een.', 'Drie.', 'Vier.', 'Vijf.']);
    const text = textOf(a);
    const exact = contextExactIds(a.segments, record, (id) => translate(text.get(id)!));
    expect(a.segments.filter((s) => exact.has(s.id)).map((s) => s.source)).toEqual(['Vier.', 'Vijf.']);
  });

  it('context: another translation than the one written there is only exact, not 101 %', () => {
    const a = article(before);
    const text = textOf(a);
    const exact = contextExactIds(a.segments, record, (id) => (text.get(id) === 'Drie.' ? 'af: iets anders' : translate(text.get(id)!)));
    expect(a.segments.filter((s) => exact.has(s.id)).map((s) => s.source)).toEqual(['Een.', 'Twee.', 'Vier.', 'Vijf.']);
    // No record (an article tolk did not write, or none yet): nothing is context-exact.
    expect(contextExactIds(a.segments, undefined, (id) => translate(text.get(id)!)).size).toBe(0);
  });
});
