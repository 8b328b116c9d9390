import { afterEach, describe, expect, it } from 'vitest';
import { createEngine, type EngineContext } from '../../src/engines/index.js';
import { CONTEXT_PROMPT, SYSTEM_PROMPT } from '../../src/engines/openai.js';
import { startFakeEngine, type FakeEngine, type Protocol } from '../helpers/fake-engine-server.js';

const SEGMENTS = ['De <1>ploeg</1> won met 2-1.', 'Zij liep snel &amp; ver.'];
const CONTEXT: EngineContext = {
  title: 'Ajax wint de klassieker',
  before: ['Het stadion was vol.', 'De eerste helft was matig.'],
  after: ['Volgende week speelt Ajax uit.'],
  styleGuide: 'Use British spelling; scores as 2-1',
};

let server: FakeEngine | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function engineOn(protocol: Protocol) {
  server = await startFakeEngine({ protocol });
  const url = protocol === 'openai' ? `${server.url}/v1` : server.url;
  const engine = await createEngine(protocol, { url, env: { DEEPL_AUTH_KEY: 'k', OPENAI_API_KEY: 'k' } });
  return { server, engine };
}

describe('engines read the article around a batch', () => {
  it('openai: title, before and after travel beside the segments, the style guide in the instructions', async () => {
    const { server, engine } = await engineOn('openai');
    expect(engine.readsContext).toBe(true);
    const results = await engine.translate({ sourceLanguage: 'nl', targetLanguage: 'en', segments: SEGMENTS, context: CONTEXT });
    expect(results).toHaveLength(2);
    const messages = server.requests[0]!.fields.messages as Array<{ role: string; content: string }>;
    expect(messages[0]!.content).toBe(`${SYSTEM_PROMPT}\n${CONTEXT_PROMPT}\nStyle guide for the target language (follow it):\n${CONTEXT.styleGuide}`);
    // The context is outside `segments`: the model is told not to translate it, and one translation per segment comes back.
    expect(JSON.parse(messages[1]!.content)).toEqual({ from: 'nl', to: 'en', title: CONTEXT.title, before: CONTEXT.before, segments: SEGMENTS, after: CONTEXT.after });
    expect(server.received()).toEqual(SEGMENTS);
  });

  it('openai: without context the request is as before (no context rule, no extra fields)', async () => {
    const { server, engine } = await engineOn('openai');
    await engine.translate({ sourceLanguage: 'nl', targetLanguage: 'en', segments: SEGMENTS, context: { styleGuide: 'Sober.' } });
    const messages = server.requests[0]!.fields.messages as Array<{ role: string; content: string }>;
    expect(messages[0]!.content).toBe(`${SYSTEM_PROMPT}\nStyle guide for the target language (follow it):\nSober.`);
    expect(JSON.parse(messages[1]!.content)).toEqual({ from: 'nl', to: 'en', segments: SEGMENTS });
  });

  it('deepl: one `context` field per request: the title and the paragraphs around, not the style guide', async () => {
    const { server, engine } = await engineOn('deepl');
    expect(engine.readsContext).toBe(true);
    await engine.translate({ sourceLanguage: 'nl', targetLanguage: 'en', segments: SEGMENTS, context: CONTEXT });
    const [request] = server.requests;
    expect(request!.fields.context).toBe('Ajax wint de klassieker\nHet stadion was vol.\nDe eerste helft was matig.\nVolgende week speelt Ajax uit.');
    expect(request!.segments).toHaveLength(2);
  });

  it('deepl: no context, no field', async () => {
    const { server, engine } = await engineOn('deepl');
    await engine.translate({ sourceLanguage: 'nl', targetLanguage: 'en', segments: SEGMENTS });
    expect(server.requests[0]!.fields).not.toHaveProperty('context');
  });

  it('libretranslate: context is ignored (its API has no place for it)', async () => {
    const { server, engine } = await engineOn('libretranslate');
    expect(engine.readsContext).toBeFalsy();
    await engine.translate({ sourceLanguage: 'nl', targetLanguage: 'en', segments: SEGMENTS, context: CONTEXT });
    expect(Object.keys(server.requests[0]!.fields).sort()).toEqual(['format', 'q', 'source', 'target']);
  });
});
