import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { flattenStrings, keyPosition, type Resource } from '../../src/strings/index.js';

const resource = (text: string): Resource => ({
  language: 'de',
  namespace: 'common',
  file: 'locales/de/common.json',
  text,
  strings: flattenStrings(JSON.parse(text), 'locales/de/common.json'),
});

describe('resources', () => {
  it('resource: nested objects, dotted keys and arrays flatten the way i18next looks them up', () => {
    const r = resource('{"nav": {"home": "Start", "menu": null}, "medals.gold": "Gold", "list": ["a", {"b": "c"}], "n": 3}');
    expect([...r.strings]).toEqual([
      ['nav.home', 'Start'],
      ['nav.menu', null],
      ['medals.gold', 'Gold'],
      ['list.0', 'a'],
      ['list.1.b', 'c'],
      ['n', '3'],
    ]);
  });

  it('resource: a top-level array is an input error', () => {
    expect(() => flattenStrings([], 'x.json')).toThrow(InputError);
  });

  it('resource: key positions for nested, dotted, escaped and array keys', () => {
    const text = [
      '{',
      '  "nav": {',
      '    "home": "Start \\"hier\\"",',
      '    "say \\"hi\\"": "x"',
      '  },',
      '  "medals.gold": "Gold",',
      '  "list": [ "a", { "b": "c" } ]',
      '}',
    ].join('\n');
    const r = resource(text);
    expect(keyPosition(r, 'nav.home')).toEqual({ line: 3, column: 5 });
    expect(keyPosition(r, 'nav.say "hi"')).toEqual({ line: 4, column: 5 });
    expect(keyPosition(r, 'medals.gold')).toEqual({ line: 6, column: 3 });
    expect(keyPosition(r, 'list.0')).toEqual({ line: 7, column: 13 });
    expect(keyPosition(r, 'list.1.b')).toEqual({ line: 7, column: 20 });
    expect(keyPosition(r, 'nav.away')).toBeUndefined();
  });
});
