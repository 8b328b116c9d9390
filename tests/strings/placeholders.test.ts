import { describe, expect, it } from 'vitest';
import { comparePlaceholders, placeholders } from '../../src/strings/placeholders.js';

const diff = (source: string, target: string, count?: 'optional' | 'required') =>
  comparePlaceholders(placeholders(source), placeholders(target), count);

describe('placeholders', () => {
  it('placeholders: interpolation, nesting and Trans tags are found; formats are not part of the name', () => {
    const p = placeholders('<0>{{- name}}</0> op {{date, datetime}} $t(nav.home) <1/>');
    expect([...p.variables]).toEqual(['name', 'date']);
    expect([...p.nesting]).toEqual(['nav.home']);
    expect([...p.tags]).toEqual([['<0>', 1], ['</0>', 1], ['<1/>', 1]]);
  });

  it('placeholders: a translation may reorder them and change a format', () => {
    expect(diff('Foto door {{name}} op {{site}}', 'Photo: {{site}} / {{name}}')).toBeUndefined();
    expect(diff('Op {{date, datetime}}', 'On {{date, datetime(dateStyle: long)}}')).toBeUndefined();
  });

  it('placeholders: missing and unexpected ones are named', () => {
    expect(diff('Foto door {{name}} op {{site}}', 'Foto von {{name}} auf {{sitename}}')).toEqual({
      missing: ['{{site}}'],
      unexpected: ['{{sitename}}'],
    });
    expect(diff('$t(nav.medalTable) – {{event}}', '$t(nav.medaltable) – {{event}}')).toEqual({
      missing: ['$t(nav.medalTable)'],
      unexpected: ['$t(nav.medaltable)'],
    });
    expect(diff('Door <0>{{author}}</0>', 'Von {{author}}')).toEqual({ missing: ['<0>', '</0>'], unexpected: [] });
  });

  it('placeholders: tags out of order are reported', () => {
    expect(diff('Door <0>{{author}}</0>', 'Von </0>{{author}}<0>')).toEqual({
      missing: [],
      unexpected: [],
      unbalanced: '</0> closes a tag that is not open',
    });
  });

  it('placeholders: count may be left out where one number reaches the form, and must be there where many do', () => {
    expect(diff('{{count}} minuut', 'One minute', 'optional')).toBeUndefined();
    expect(diff('1 minuut', '{{count}} минута', 'required')).toBeUndefined();
    expect(diff('1 minuut', 'одна минута', 'required')).toEqual({ missing: ['{{count}}'], unexpected: [] });
  });
});
