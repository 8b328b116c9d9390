import { describe, expect, it } from 'vitest';
import { pluralForms, requiredPluralForms, splitPluralKey } from '../../src/strings/plural-rules.js';

describe('plural rules', () => {
  it('plural: nl, en, de, af and kk need one and other', () => {
    for (const language of ['nl', 'en', 'de', 'af', 'kk']) expect(requiredPluralForms(language)).toEqual(['one', 'other']);
  });

  it('plural: ru needs one, few, many and other (other is what 1.5 reaches)', () => {
    expect(requiredPluralForms('ru')).toEqual(['one', 'few', 'many', 'other']);
    expect(new Intl.PluralRules('ru').select(1.5)).toBe('other');
  });

  it('plural: fr and es many (only a million and up) is optional, not required', () => {
    for (const language of ['fr', 'es']) {
      expect(requiredPluralForms(language)).toEqual(['one', 'other']);
      expect(pluralForms(language).optional).toEqual(['zero', 'many']);
    }
  });

  it('plural: zero is optional everywhere i18next looks it up, required where the language has it', () => {
    expect(pluralForms('nl').optional).toEqual(['zero']);
    expect(requiredPluralForms('ar')).toEqual(['zero', 'one', 'two', 'few', 'many', 'other']);
    expect(requiredPluralForms('lv')).toEqual(['zero', 'one', 'other']);
  });

  it('plural: a form one number reaches is marked single (count may be written out)', () => {
    expect(pluralForms('en').single).toEqual(['one']);
    expect(pluralForms('ru').single).toEqual([]); // ru one is 1, 21, 31…
    expect(pluralForms('fr').single).toEqual([]); // fr one is 0, 1 and 1.5
  });

  it('plural: ordinal forms come from the ordinal rules', () => {
    expect(requiredPluralForms('en', 'ordinal')).toEqual(['one', 'two', 'few', 'other']);
    expect(requiredPluralForms('nl', 'ordinal')).toEqual(['other']);
    expect(pluralForms('nl', 'ordinal').optional).toEqual([]);
  });

  it('plural: keys split into base, category and ordinal', () => {
    expect(splitPluralKey('readingTime_one')).toEqual({ base: 'readingTime', category: 'one', ordinal: false });
    expect(splitPluralKey('medals.place_ordinal_two')).toEqual({ base: 'medals.place', category: 'two', ordinal: true });
    expect(splitPluralKey('photoCredit')).toBeUndefined();
    expect(splitPluralKey('_other')).toBeUndefined();
  });
});
