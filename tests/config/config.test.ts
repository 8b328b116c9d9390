import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import { ConfigError } from '../../src/core/errors.js';
import { defaultConfig, makeProject } from '../helpers/project.js';

describe('config', () => {
  it('config: defaults fill every optional key', async () => {
    const root = makeProject({ 'tolk.config.json': defaultConfig() });
    const { config } = await loadProject({ root });
    expect(config.articles).toBe('articles');
    expect(config.locales).toBe('locales');
    expect(config.glossaries).toEqual([]);
    expect(config.memory.path).toBe('.tolk/tm.sqlite');
    expect(config.frontMatter.translate).toContain('title');
  });

  it('config: found by walking up from a subdirectory', async () => {
    const root = makeProject({ 'tolk.config.json': defaultConfig(), 'articles/nl/a/x.md': '# x' });
    const project = await loadProject({ cwd: `${root}/articles/nl/a` });
    expect(project.root).toBe(root);
  });

  const bad: Array<[string, string, RegExp, number]> = [
    ['a wrong type names the key and line', '{\n  "sourceLanguage": "nl",\n  "targetLanguages": "af"\n}', /targetLanguages/, 3],
    ['an unknown key is named', '{\n  "sourceLanguage": "nl",\n  "targetLanguages": ["af"],\n  "tagrets": 1\n}', /tagrets/, 4],
    ['a bad language tag is named', '{"sourceLanguage": "dutch language", "targetLanguages": ["af"]}', /sourceLanguage/, 1],
    ['invalid JSON gives line and column', '{\n  "sourceLanguage": "nl",\n  "targetLanguages": ["af",]\n}', /invalid JSON/, 3],
    ['target equal to source is refused', '{"sourceLanguage": "nl", "targetLanguages": ["nl"]}', /targetLanguages\.0/, 1],
    ['a nested key is named with its path', '{"sourceLanguage": "nl", "targetLanguages": ["af"],\n "memory": {"fuzzyThreshold": 120}}', /memory\.fuzzyThreshold/, 2],
  ];
  for (const [name, text, message, line] of bad) {
    it(`config: ${name}`, async () => {
      const root = makeProject({ 'tolk.config.json': text });
      const error = await loadProject({ root }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).message).toMatch(message);
      expect((error as ConfigError).location.file).toMatch(/tolk\.config\.json$/);
      expect((error as ConfigError).location.line).toBe(line);
      expect((error as ConfigError).exitCode).toBe(2);
    });
  }
});
