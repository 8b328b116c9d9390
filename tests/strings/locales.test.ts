import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import { expectedKeys, flattenStrings } from '../../src/strings/index.js';
import { checkStrings } from '../../src/strings/check-strings.js';
import { pluralForms, splitPluralKey } from '../../src/strings/plural-rules.js';
import { repoRoot } from '../helpers/project.js';

const languages = ['en', 'af', 'de', 'fr', 'es', 'ru', 'kk'];
const read = (language: string) => flattenStrings(JSON.parse(readFileSync(join(repoRoot, 'locales', language, 'common.json'), 'utf8')), language);

describe('shipped locales', () => {
  it('locales: every target language is complete and clean (Afrikaans "Goud" and "Brons" are the Dutch words)', async () => {
    const project = await loadProject({ root: repoRoot });
    project.config.strings.identicalAllowed = { af: ['medals.gold', 'medals.bronze'] };
    const reports = await checkStrings(project, languages);
    for (const language of languages) {
      expect(reports.get(language)!.findings, language).toEqual([]);
      expect(reports.get(language)!.done, language).toBe(reports.get(language)!.total);
    }
  });

  it('locales: each language has exactly its plural forms (fr and es also the optional many)', () => {
    const source = read('nl');
    for (const language of languages) {
      const keys = [...read(language).keys()];
      const forms = keys.filter((k) => splitPluralKey(k)?.base === 'readingTime').map((k) => splitPluralKey(k)!.category);
      const optional = ['fr', 'es'].includes(language) ? ['many'] : [];
      expect(forms.sort(), language).toEqual([...pluralForms(language).required, ...optional].sort());
      const expected = expectedKeys(source.keys(), language);
      for (const key of keys) expect(expected.required.some((k) => k.key === key) || expected.optional.has(key), `${language} ${key}`).toBe(true);
    }
  });

  it('locales: the photo credit and date keep their placeholders', () => {
    expect(read('nl').get('photoCredit')).toBe('Foto door {{name}} op {{site}}');
    expect(read('nl').get('published')).toBe('Gepubliceerd op {{date, datetime}}');
    for (const language of languages) expect(read(language).get('photoCredit'), language).toMatch(/\{\{name\}\}.*\{\{site\}\}/);
  });
});
