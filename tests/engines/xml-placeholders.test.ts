import { describe, expect, it } from 'vitest';
import { fromXmlPlaceholders, toXmlPlaceholders } from '../../src/engines/xml-placeholders.js';
import { checkTags, tagShape } from '../../src/tagged/index.js';

describe('xml placeholders', () => {
  it('xml-placeholders: paired tags become <g id>, void tags <x id/>, escapes stay', () => {
    expect(toXmlPlaceholders('De <1>ploeg</1> won<2/> &amp; &lt;juichte&gt;')).toBe(
      'De <g id="1">ploeg</g> won<x id="2"/> &amp; &lt;juichte&gt;',
    );
  });

  it('xml-placeholders: nested paired and void tags round-trip', () => {
    for (const tagged of [
      'Een <1>lange <2>rit</2> door <3>Parijs</3></1>.',
      '<1><2><3>diep</3></2></1><4/>',
      'Zij liep<2/> <1>snel <3/>en</1> <10>ver</10>.',
      'Geen tags &amp; niets anders.',
    ]) {
      expect(fromXmlPlaceholders(toXmlPlaceholders(tagged))).toBe(tagged);
    }
  });

  it('xml-placeholders: </g> closes the innermost open tag, also after an engine moved words', () => {
    const back = fromXmlPlaceholders('<g id="3">Parijs</g> in <g id="1">een <g id="2">lange</g> rit</g>');
    expect(back).toBe('<3>Parijs</3> in <1>een <2>lange</2> rit</1>');
    expect(checkTags(tagShape('<1>een <2>lange</2> rit</1> door <3>Parijs</3>'), back)).toBeUndefined();
  });

  it('xml-placeholders: void tags read back in every form engines write', () => {
    expect(fromXmlPlaceholders('a<x id="2"/>b')).toBe('a<2/>b');
    expect(fromXmlPlaceholders('a<x id="2"></x>b')).toBe('a<2/>b');
    expect(fromXmlPlaceholders('a<x id="2" />b')).toBe('a<2/>b');
    expect(fromXmlPlaceholders("a<x id='2'/>b<g id='1'>c</g>")).toBe('a<2/>b<1>c</1>');
    // An HTML parser that does not know <x> is empty wraps what follows it.
    expect(fromXmlPlaceholders('a<x id="2">b</x>')).toBe('a<2/>b');
  });

  it('xml-placeholders: a stray </g> is dropped and checkTags reports the lost tag', () => {
    const back = fromXmlPlaceholders('ploeg</g> won');
    expect(back).toBe('ploeg won');
    expect(checkTags(tagShape('<1>ploeg</1> won'), back)).toBe('missing tag <1>');
  });
});
