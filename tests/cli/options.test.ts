import { describe, expect, it } from 'vitest';
import { defaultConfig, makeProject, runTolk, snapshot } from '../helpers/project.js';

// Every command parses language lists, single languages and numbers through src/cli/options.ts: a bad value is a
// usage error (exit 2) that names the option, before anything is read or written.
const cases: Array<[args: string[], message: RegExp]> = [
  [['translate', '--to', ''], /--to names no language/],
  [['translate', '--to', 'af,,en'], /--to has an empty entry in "af,,en"/],
  [['translate', '--to', 'af;en'], /--to expects language tags such as "nl" or "pt-BR", got "af;en"/],
  [['translate', '--concurrency', 'abc'], /--concurrency expects a whole number from 1 to 64, got "abc"/],
  [['translate', '--concurrency', '0'], /--concurrency expects a whole number from 1 to 64, got "0"/],
  [['translate', '--strings', '--to', 'af,'], /--to has an empty entry in "af,"/],
  [['init', '--source', 'nl', '--to', 'en,,af', '--force'], /--to has an empty entry/],
  [['init', '--source', '', '--to', 'en', '--force'], /--source names no language/],
  [['init', '--source', 'nl,en', '--to', 'af', '--force'], /--source takes one language, got "nl,en"/],
  [['segments', 'articles/nl/a.md', '--lang', 'n l'], /--lang expects a language tag/],
  [['check', '--lang', ''], /--lang names no language/],
  [['check', '--lang', 'af,,en'], /--lang has an empty entry/],
  [['qa', '--to', 'af,,en'], /--to has an empty entry/],
  [['export', '--out', 'site', '--to', ''], /--to names no language/],
  [['export', '--out', 'site', '--min-complete', 'abc'], /--min-complete expects a whole number from 0 to 100, got "abc"/],
  [['export', '--out', 'site', '--format', 'md,,html'], /--format has an empty entry in "md,,html"/],
  [['tm', 'search', 'Goud', '--to', 'af', '--limit', 'abc'], /--limit expects a whole number from 1 to 1000, got "abc"/],
  [['tm', 'search', 'Goud', '--to', 'af', '--limit', '0'], /--limit expects a whole number from 1 to 1000, got "0"/],
  [['tm', 'search', 'Goud', '--to', 'af', '--threshold', '101'], /--threshold expects a whole number from 0 to 100, got "101"/],
  [['tm', 'search', 'Goud', '--to', ''], /--to names no language/],
  [['tm', 'export', '--to', 'af,en', '-o', 'af.tmx'], /--to takes one language, got "af,en"/],
  [['glossary', 'check', '--to', 'af,,en'], /--to has an empty entry/],
  [['sync', '--to', 'af,,en'], /--to has an empty entry/],
  [['sync', 'export', '--to', 'af,en'], /--to takes one language, got "af,en"/],
  [['sync', 'import', 'af.xlf', '--to', ''], /--to names no language/],
];

describe('one option parser for every command', { timeout: 180_000 }, () => {
  it('options: bad language lists, languages and numbers exit 2 naming the option, and change nothing', () => {
    const root = makeProject({ 'tolk.config.json': defaultConfig(), 'articles/nl/a.md': '# Goud\n\nZij won goud.\n' });
    const before = snapshot(root);
    for (const [args, message] of cases) {
      const result = runTolk(args, root);
      expect({ args, code: result.code }).toEqual({ args, code: 2 });
      expect(result.stderr, args.join(' ')).toMatch(message);
      expect(result.stderr, args.join(' ')).toMatch(/^tolk: /);
      expect(result.stdout, args.join(' ')).toBe('');
    }
    expect(snapshot(root)).toEqual(before);
  });

  it('options: good values pass, spaces around commas and repeats allowed', () => {
    const root = makeProject({ 'tolk.config.json': defaultConfig(), 'articles/nl/a.md': '# Goud\n\nZij won goud.\n' });
    const run = runTolk(['translate', '--to', ' af , en,af ', '--concurrency', '2', '--json'], root);
    expect(run.code, run.stderr).toBe(0);
    expect(Object.keys(JSON.parse(run.stdout).languages).sort()).toEqual(['af', 'en']);
    const search = runTolk(['tm', 'search', 'Zij won goud.', '--to', 'af', '--limit', '1', '--threshold', '0', '--json'], root);
    expect(search.code, search.stderr).toBe(0);
    expect(JSON.parse(search.stdout)).toHaveLength(1);
  });
});
