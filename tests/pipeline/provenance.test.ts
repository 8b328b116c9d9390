import { describe, expect, it } from 'vitest';
import { localizedArticle, readProvenance, untouchedSinceWritten, type Provenance } from '../../src/localized/index.js';

const provenance: Provenance = { source: 'nl/a.md', sourceHash: 'ab'.repeat(32), complete: 100, translated: '2026-11-26', segments: [{ id: '0123456789ab', textHash: '01234567' }] };

describe('localized article record', () => {
  it('provenance: the digest seals the whole file; any edit, in the body or the record, breaks it', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = localizedArticle(`---${eol}title: Kop${eol}---${eol}${eol}# Kop${eol}${eol}Tekst.${eol}`, 'af', provenance);
      expect(text).toMatch(/^ {2}digest: "[0-9a-f]{64}"\r?$/m);
      expect(readProvenance(text)).toMatchObject({ ...provenance, segments: provenance.segments });
      expect(untouchedSinceWritten(text)).toBe(true);
      expect(untouchedSinceWritten(text.replace('Tekst.', 'Teks.'))).toBe(false);
      expect(untouchedSinceWritten(text.replace('complete: 100', 'complete: 99'))).toBe(false);
      expect(untouchedSinceWritten(text.replace(/digest: "[0-9a-f]{64}"/, `digest: "${'0'.repeat(64)}"`))).toBe(false);
    }
    // An article written before digests existed is simply not known to be untouched.
    expect(untouchedSinceWritten('---\ntolk:\n  source: nl/a.md\n---\n\n# Kop\n')).toBe(false);
  });
});
