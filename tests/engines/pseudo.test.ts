import { describe, expect, it } from 'vitest';
import { pseudoLocalize } from '../../src/engines/index.js';
import { checkTags, plainText, tagShape } from '../../src/tagged/index.js';

describe('pseudo engine', () => {
  it('pseudo: accents letters, keeps tags, escapes and digits', () => {
    const source = 'De <1>baanwielrenners</1> reden 2024 &amp; meer<2/>';
    const out = pseudoLocalize(source);
    expect(checkTags(tagShape(source), out)).toBeUndefined();
    expect(out).toContain('<1>');
    expect(out).toContain('&amp;');
    expect(out).toContain('2024');
    expect(out).not.toMatch(/baanwielrenners/);
  });

  it('pseudo: about 30% longer', () => {
    const source = 'Het succes van Kazachstan in Parijs kwam niet van de ene op de andere dag.';
    const ratio = plainText(pseudoLocalize(source)).length / source.length;
    expect(ratio).toBeGreaterThan(1.25);
    expect(ratio).toBeLessThan(1.4);
  });

  it('pseudo: a segment with only tags is returned as it is', () => {
    expect(pseudoLocalize('<1/>')).toBe('<1/>');
  });
});
