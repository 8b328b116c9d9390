import { afterEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/engines/index.js';
import { startFakeEngine, type FakeEngine } from '../helpers/fake-engine-server.js';

let server: FakeEngine | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const glossary = [
  { source: 'ploegenachtervolging', target: 'team pursuit' },
  { source: 'gewichtheffen', target: 'weightlifting' },
];

describe('engines with glossary support', () => {
  it('deepl: the batch glossary becomes a DeepL glossary, created once per pair and entries, named in each request', async () => {
    server = await startFakeEngine({ protocol: 'deepl' });
    const engine = await createEngine('deepl', { url: server.url, env: { DEEPL_AUTH_KEY: 'test-key:fx' } });
    expect(engine.glossary).toBe('hints');
    const request = { sourceLanguage: 'nl', targetLanguage: 'en', segments: ['De ploegenachtervolging'], glossary };
    const first = await engine.translate(request);
    await engine.translate({ ...request, segments: ['Het gewichtheffen'] });
    expect(server.glossaries.size).toBe(1);
    const [entries] = server.glossaries.values();
    expect([...entries!]).toEqual([
      ['ploegenachtervolging', 'team pursuit'],
      ['gewichtheffen', 'weightlifting'],
    ]);
    const translates = server.requests.filter((r) => r.path === '/v2/translate');
    expect(translates.every((r) => r.fields.glossary_id === 'glossary-1')).toBe(true);
    expect(first[0]!.text).toContain('TEAM PURSUIT');
  });

  it('openai: the batch glossary is a section of the instructions', async () => {
    server = await startFakeEngine({ protocol: 'openai' });
    const engine = await createEngine('openai', { url: `${server.url}/v1`, env: { OPENAI_API_KEY: 'sk-test' } });
    await engine.translate({ sourceLanguage: 'nl', targetLanguage: 'en', segments: ['De ploegenachtervolging'], glossary });
    const messages = server.requests[0]!.fields.messages as Array<{ role: string; content: string }>;
    expect(messages[0]!.content).toMatch(/Glossary: translate these terms exactly/);
    expect(messages[0]!.content).toContain('- ploegenachtervolging → team pursuit');
  });
});
