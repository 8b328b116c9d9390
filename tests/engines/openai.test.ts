import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, EngineError } from '../../src/core/errors.js';
import { createEngine, RetryableEngineError, type Engine } from '../../src/engines/index.js';
import { createOpenAIEngine, SYSTEM_PROMPT } from '../../src/engines/openai.js';
import { checkTags, tagShape } from '../../src/tagged/index.js';
import { startFakeEngine, type FakeEngine, type FakeEngineOptions } from '../helpers/fake-engine-server.js';
import { errorOf, expectSecretHidden } from './expect-error.js';

const KEY = 'sk-test-SECRET-123';
const SEGMENTS = ['De <1>ploeg</1> won.', 'Zij liep<2/> snel &amp; ver.', 'Een <1>lange <2>rit</2></1> door Parijs.'];

let server: FakeEngine | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** The SDK appends /chat/completions to its baseURL, so the fake is reached at `${url}/v1`. */
async function setUp(options: Omit<FakeEngineOptions, 'protocol'> = {}): Promise<{ server: FakeEngine; engine: Engine }> {
  server = await startFakeEngine({ protocol: 'openai', apiKey: KEY, ...options });
  const engine = await createEngine('openai', { url: `${server.url}/v1`, model: 'test-model', env: { OPENAI_API_KEY: KEY } });
  return { server, engine };
}

const translate = (engine: Engine, segments = SEGMENTS) => engine.translate({ sourceLanguage: 'nl', targetLanguage: 'af', segments });

async function retryable(options: Omit<FakeEngineOptions, 'protocol'>): Promise<RetryableEngineError> {
  const { engine } = await setUp(options);
  const error = await errorOf(translate(engine));
  expect(error).toBeInstanceOf(RetryableEngineError);
  expectSecretHidden(error, KEY);
  return error as RetryableEngineError;
}

describe('openai engine', () => {
  it('openai: translations come back in order with tags intact', async () => {
    const { server, engine } = await setUp();
    const results = await translate(engine);
    expect(results.map((r) => r.text)).toEqual([
      '[af] DE <1>PLOEG</1> WON.',
      '[af] ZIJ LIEP<2/> SNEL &amp; VER.',
      '[af] EEN <1>LANGE <2>RIT</2></1> DOOR PARIJS.',
    ]);
    results.forEach((r, i) => expect(checkTags(tagShape(SEGMENTS[i]!), r.text)).toBeUndefined());
    // Our own tags go to the model as they are, in one JSON user message.
    expect(server.received()).toEqual(SEGMENTS);
    const [request] = server.requests;
    expect(request!.path).toBe('/v1/chat/completions');
    expect(request!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request!.fields).toMatchObject({ model: 'test-model', temperature: 0, response_format: { type: 'json_object' } });
    expect(request!.fields.messages).toEqual([
      { role: 'system', content: SYSTEM_PROMPT },
      { role: 'user', content: JSON.stringify({ from: 'nl', to: 'af', segments: SEGMENTS }) },
    ]);
  });

  it('openai: 429 with Retry-After in seconds is retryable after that long', async () => {
    const error = await retryable({ faults: [{ kind: 'status', status: 429, retryAfter: '7' }] });
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(7000);
    expect(error.message).toMatch(/429 rate_limit_exceeded/);
  });

  it('openai: 429 with Retry-After as an HTTP date is retryable until then', async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    const error = await retryable({ faults: [{ kind: 'status', status: 429, retryAfter: at }] });
    expect(error.retryAfterMs).toBeGreaterThan(25_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it.each([500, 503])('openai: %i is retryable', async (status) => {
    const error = await retryable({ faults: [{ kind: 'status', status }] });
    expect(error.status).toBe(status);
    expect(error.retryAfterMs).toBeUndefined();
  });

  it('openai: a wrong key is final, points at OPENAI_API_KEY and is not echoed', async () => {
    server = await startFakeEngine({ protocol: 'openai', apiKey: 'the-right-key' });
    const engine = await createEngine('openai', { url: `${server.url}/v1`, env: { OPENAI_API_KEY: KEY } });
    const error = await errorOf(translate(engine));
    expect(error).toBeInstanceOf(EngineError);
    expect(error).not.toBeInstanceOf(RetryableEngineError);
    expect(error.message).toMatch(/401.*OPENAI_API_KEY/);
    expectSecretHidden(error, KEY);
  });

  it('openai: a 400 is final', async () => {
    const { engine } = await setUp({ maxBatch: 2 });
    const error = await errorOf(translate(engine));
    expect(error).toBeInstanceOf(EngineError);
    expect(error).not.toBeInstanceOf(RetryableEngineError);
    expect(error.message).toMatch(/400 context_length_exceeded/);
  });

  it('openai: a dropped connection is retryable', async () => {
    await retryable({ faults: [{ kind: 'drop' }] });
  });

  it('openai: a server that never answers times out as retryable', async () => {
    server = await startFakeEngine({ protocol: 'openai', faults: [{ kind: 'timeout' }] });
    const engine = createOpenAIEngine({ apiKey: KEY, baseURL: `${server.url}/v1`, timeoutMs: 200 });
    const started = Date.now();
    const error = await errorOf(translate(engine));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(RetryableEngineError);
    expect(error.message).toMatch(/timed out/);
    expectSecretHidden(error, KEY);
  });

  it('openai: one translation too few is retryable', async () => {
    const error = await retryable({ faults: [{ kind: 'wrong-count' }] });
    expect(error.message).toMatch(/expected 3 translations, got 2/);
  });

  it('openai: content that is not the JSON asked for is retryable', async () => {
    const error = await retryable({ faults: [{ kind: 'status', status: 200, body: { choices: [{ index: 0, message: { role: 'assistant', content: 'Sure! Here:' } }] } }] });
    expect(error.message).toMatch(/no JSON list/);
  });

  it('openai: a lost tag comes through for checkTags to catch', async () => {
    const { engine } = await setUp({ faults: [{ kind: 'break-tags' }] });
    const results = await translate(engine);
    results.forEach((r, i) => expect(checkTags(tagShape(SEGMENTS[i]!), r.text)).toMatch(/missing tag|closes|unclosed/));
  });

  it('openai: without OPENAI_API_KEY createEngine throws a ConfigError naming it', async () => {
    const error = await errorOf(createEngine('openai', { env: {} }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/OPENAI_API_KEY/);
  });

  it('openai: a local server needs no key', async () => {
    server = await startFakeEngine({ protocol: 'openai' });
    const engine = await createEngine('openai', { url: `${server.url}/v1`, env: {} });
    expect(await translate(engine, ['Goud.'])).toEqual([{ text: '[af] GOUD.' }]);
    expect(server.requests[0]!.headers.authorization).toBe('Bearer local');
  });
});
