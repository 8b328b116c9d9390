import { describe, expect, it } from 'vitest';
import { normalizeLanguageTag } from '../../src/exchange/index.js';

describe('language tags', () => {
  it('language tag: BCP 47 casing for language, script and region', () => {
    expect(normalizeLanguageTag('EN-us')).toBe('en-US');
    expect(normalizeLanguageTag('AF')).toBe('af');
    expect(normalizeLanguageTag('zh-hant-tw')).toBe('zh-Hant-TW');
    expect(normalizeLanguageTag('es-419')).toBe('es-419');
  });

  it('language tag: POSIX underscores become hyphens, codes are not remapped', () => {
    expect(normalizeLanguageTag('en_GB')).toBe('en-GB');
    expect(normalizeLanguageTag('iw')).toBe('iw');
  });

  it('language tag: extensions and private use stay lowercase', () => {
    expect(normalizeLanguageTag('de-DE-u-CO-PHONEBK')).toBe('de-DE-u-co-phonebk');
    expect(normalizeLanguageTag('x-Sports-AB')).toBe('x-sports-ab');
  });
});
