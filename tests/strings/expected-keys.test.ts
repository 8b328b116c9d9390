import { describe, expect, it } from 'vitest';
import { expectedKeys } from '../../src/strings/index.js';

const source = ['photoCredit', 'readingTime_one', 'readingTime_other', 'nav.home'];

describe('expected keys', () => {
  it('expected: a Dutch plural becomes the target language forms, in source order', () => {
    const { required } = expectedKeys(source, 'ru');
    expect(required.map((k) => k.key)).toEqual([
      'photoCredit',
      'readingTime_one',
      'readingTime_few',
      'readingTime_many',
      'readingTime_other',
      'nav.home',
    ]);
  });

  it('expected: each form names the source form it translates (same category, else other)', () => {
    const { required } = expectedKeys(source, 'ru');
    const from = Object.fromEntries(required.map((k) => [k.key, k.sourceKey]));
    expect(from).toMatchObject({ readingTime_one: 'readingTime_one', readingTime_few: 'readingTime_other', readingTime_many: 'readingTime_other' });
  });

  it('expected: optional forms are listed, not required', () => {
    const fr = expectedKeys(source, 'fr');
    expect(fr.required.map((k) => k.key)).toEqual(['photoCredit', 'readingTime_one', 'readingTime_other', 'nav.home']);
    expect([...fr.optional.keys()]).toEqual(['readingTime_zero', 'readingTime_many']);
  });

  it('expected: a source _zero is required in every language', () => {
    const { required } = expectedKeys(['comments_zero', 'comments_one', 'comments_other'], 'de');
    expect(required.map((k) => k.key)).toEqual(['comments_zero', 'comments_one', 'comments_other']);
    expect(required[0]!.plural).toMatchObject({ category: 'zero', countOptional: true });
  });

  it('expected: context variants are keys of their own, ordinals use ordinal rules', () => {
    const { required } = expectedKeys(['winner_male', 'winner_female_one', 'winner_female_other', 'place_ordinal_other'], 'en');
    expect(required.map((k) => k.key)).toEqual([
      'winner_male',
      'winner_female_one',
      'winner_female_other',
      'place_ordinal_one',
      'place_ordinal_two',
      'place_ordinal_few',
      'place_ordinal_other',
    ]);
  });
});
