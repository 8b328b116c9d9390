import { afterEach, describe, expect, it } from 'vitest';
import { startFakeEngine, type FakeEngine, type FakeRequest } from '../helpers/fake-engine-server.js';
import { makeProject, runTolk, runTolkAsync } from '../helpers/project.js';

let server: FakeEngine | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Paragraph `k` (1-based) of an article: lengths vary, texts differ. */
const para = (word: string, k: number) => `${word} alinea ${'nummer '.repeat(1 + ((k - 1) % 3))}${k}.`;
/** An article of a heading and `n` numbered paragraphs, each its own segment. */
const article = (title: string, n: number, word: string) => [`# ${title}`, '', ...Array.from({ length: n }, (_, i) => [para(word, i + 1), '']).flat()].join('\n');

const project = (engine: 'deepl' | 'openai', url: string, extra: Record<string, unknown> = {}, files: Record<string, string> = {}) =>
  makeProject({
    'tolk.config.json': JSON.stringify({
      sourceLanguage: 'nl',
      targetLanguages: ['en'],
      engines: { en: engine },
      engineOptions: { [engine]: { url } },
      ...extra,
    }),
    // Long enough for two requests to each engine (DeepL takes 50 texts, the OpenAI adapter 40).
    'articles/nl/ajax.md': article('Ajax wint de klassieker', 60, 'Ajax'),
    'articles/nl/psv.md': article('PSV verliest in Eindhoven', 3, 'PSV'),
    ...files,
  });

const env = { DEEPL_AUTH_KEY: 'k', OPENAI_API_KEY: 'k' };
const userTask = (r: FakeRequest) => JSON.parse((r.fields.messages as Array<{ role: string; content: string }>).at(-1)!.content) as Record<string, unknown>;

describe('translate: engines see the article', () => {
  it('deepl: each request holds one article and carries its title and the paragraphs around the batch', async () => {
    server = await startFakeEngine({ protocol: 'deepl' });
    const root = project('deepl', server.url);
    const result = await runTolkAsync(['translate', '--json'], root, env);
    expect(result.code, result.stderr).toBe(0);
    const translate = server.requests.filter((r) => r.path === '/v2/translate');
    // 61 + 4 segments: 50 + 11 for Ajax, 4 for PSV; never mixed, never over DeepL's 50 texts.
    expect(translate.map((r) => r.segments.length).sort((a, b) => a - b)).toEqual([4, 11, 50]);
    const byTitle = (title: string) => translate.filter((r) => String(r.fields.context).startsWith(`${title}`));
    const ajax = byTitle('Ajax wint de klassieker');
    const psv = byTitle('PSV verliest in Eindhoven');
    expect(ajax).toHaveLength(2);
    expect(psv).toHaveLength(1);
    for (const r of ajax) expect(r.segments.every((s) => !s.startsWith('PSV'))).toBe(true);
    // PSV fits one request: nothing around it but its title.
    expect(psv[0]!.fields.context).toBe('PSV verliest in Eindhoven');
    const first = ajax.find((r) => r.segments[0] === 'Ajax wint de klassieker')!;
    const second = ajax.find((r) => r !== first)!;
    // The first batch ends at paragraph 49: the next three follow it; the second starts at 50 with the three before.
    expect(first.fields.context).toBe(['Ajax wint de klassieker', para('Ajax', 50), para('Ajax', 51), para('Ajax', 52)].join('\n'));
    expect(second.fields.context).toBe(['Ajax wint de klassieker', para('Ajax', 47), para('Ajax', 48), para('Ajax', 49)].join('\n'));
  });

  it('openai: title, neighbours and the style guide ("*" text and a language\'s file) reach the model', async () => {
    server = await startFakeEngine({ protocol: 'openai' });
    const root = project('openai', `${server.url}/v1`, { styleGuide: { '*': 'Keep it sober.', en: 'style/en.md' } }, { 'style/en.md': 'Use British spelling; scores as 2-1\n' });
    const result = await runTolkAsync(['translate', '--json'], root, env);
    expect(result.code, result.stderr).toBe(0);
    expect(server.requests.map((r) => r.segments.length).sort((a, b) => a - b)).toEqual([4, 21, 40]);
    for (const r of server.requests) {
      const system = (r.fields.messages as Array<{ content: string }>)[0]!.content;
      expect(system).toContain('Style guide for the target language (follow it):\nKeep it sober.\nUse British spelling; scores as 2-1');
      const task = userTask(r);
      const title = r.segments[0]!.startsWith('PSV') ? 'PSV verliest in Eindhoven' : 'Ajax wint de klassieker';
      expect(task.title).toBe(title);
      // Context is never among the segments to translate.
      for (const c of [...((task.before as string[]) ?? []), ...((task.after as string[]) ?? [])]) expect(r.segments).not.toContain(c);
    }
    const second = server.requests.find((r) => r.segments.length === 21)!;
    expect(userTask(second).before).toEqual([para('Ajax', 37), para('Ajax', 38), para('Ajax', 39)]);
    expect(userTask(second)).not.toHaveProperty('after');
  });

  it('config: a style guide file that is missing is a config error naming it (exit 2), before any request', async () => {
    server = await startFakeEngine({ protocol: 'openai' });
    const root = project('openai', `${server.url}/v1`, { styleGuide: { en: 'style/missing.md' } });
    const result = runTolk(['translate'], root, env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/tolk\.config\.json:\d+.*styleGuide\.en.*style\/missing\.md.*file not found/);
    expect(server.requests).toHaveLength(0);
  });
});
