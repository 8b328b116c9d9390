import { afterEach, describe, expect, it } from 'vitest';
import { EngineError } from '../../src/core/errors.js';
import { createEngine, RetryableEngineError, type Engine } from '../../src/engines/index.js';
import { createLibreTranslateEngine } from '../../src/engines/libretranslate.js';
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

async function setUp(options: Omit<FakeEngineOptions, 'protocol'> = {}): Promise<{ server: FakeEngine; engine: Engine }> {
  server = await startFakeEngine({ protocol: 'libretranslate', apiKey: KEY, ...options });
  const engine = await createEngine('libretranslate', { url: server.url, env: { LIBRETRANSLATE_API_KEY: KEY } });
  return { server, engine };
}

const translate = (engine: Engine, segments = SEGMENTS) => engine.translate({ sourceLanguage: 'nl-NL', targetLanguage: 'af', segments });

async function retryable(options: Omit<FakeEngineOptions, 'protocol'>): Promise<RetryableEngineError> {
  const { engine } = await setUp(options);
  const error = await errorOf(translate(engine));
  expect(error).toBeInstanceOf(RetryableEngineError);
  expectSecretHidden(error, KEY);
  return error as RetryableEngineError;
}

describe('libretranslate engine', () => {
  it('libretranslate: translations come back in order with tags intact', async () => {
    const { server, engine } = await setUp();
    const results = await translate(engine);
    expect(results.map((r) => r.text)).toEqual([
      '[af] DE <1>PLOEG</1> WON.',
      '[af] ZIJ LIEP<2/> SNEL &amp; VER.',
      '[af] EEN <1>LANGE <2>RIT</2></1> DOOR PARIJS.',
    ]);
    results.forEach((r, i) => expect(checkTags(tagShape(SEGMENTS[i]!), r.text)).toBeUndefined());
    expect(server.received()).toEqual([
      'De <g id="1">ploeg</g> won.',
      'Zij liep<x id="2"/> snel &amp; ver.',
      'Een <g id="1">lange <g id="2">rit</g></g> door Parijs.',
    ]);
    const [request] = server.requests;
    expect(request!.headers['content-type']).toMatch(/application\/json/);
    expect(request!.fields).toEqual({ q: server.received(), source: 'nl', target: 'af', format: 'html', api_key: KEY });
  });

  it('libretranslate: void tags written back as <x id="2"></x> still read as <2/>', async () => {
    const { engine } = await setUp({ translate: (text) => text.replace(/<x id="(\d+)"\/>/g, '<x id="$1"></x>') });
    expect(await translate(engine, ['Zij liep<2/> snel.'])).toEqual([{ text: 'Zij liep<2/> snel.' }]);
  });

  it('libretranslate: without a key none is sent, and none is required', async () => {
    server = await startFakeEngine({ protocol: 'libretranslate' });
    const engine = await createEngine('libretranslate', { url: server.url, env: {} });
    await translate(engine, ['Goud.']);
    expect(server.requests[0]!.fields).not.toHaveProperty('api_key');
  });

  it('libretranslate: "Slowdown" 429 with Retry-After seconds is retryable after that long', async () => {
    const error = await retryable({ faults: [{ kind: 'status', status: 429, retryAfter: '3' }] });
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(3000);
    expect(error.message).toMatch(/Slowdown/);
  });

  it('libretranslate: 429 with Retry-After as an HTTP date is retryable until then', async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    const error = await retryable({ faults: [{ kind: 'status', status: 429, retryAfter: at }] });
    expect(error.retryAfterMs).toBeGreaterThan(25_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(30_000);
  });

  it('libretranslate: a "Slowdown" error is retryable whatever its status', async () => {
    const error = await retryable({ faults: [{ kind: 'status', status: 400, body: { error: 'Slowdown: 20 per 1 minute' } }] });
    expect(error.status).toBe(400);
  });

  it.each([500, 503])('libretranslate: %i is retryable', async (status) => {
    const error = await retryable({ faults: [{ kind: 'status', status }] });
    expect(error.status).toBe(status);
  });

  it('libretranslate: a wrong key is final and not echoed', async () => {
    server = await startFakeEngine({ protocol: 'libretranslate', apiKey: 'the-right-key' });
    const engine = await createEngine('libretranslate', { url: server.url, env: { LIBRETRANSLATE_API_KEY: KEY } });
    const error = await errorOf(translate(engine));
    expect(error).toBeInstanceOf(EngineError);
    expect(error).not.toBeInstanceOf(RetryableEngineError);
    expect(error.message).toMatch(/403 Invalid API key/);
    expectSecretHidden(error, KEY);
  });

  it('libretranslate: a dropped connection is retryable', async () => {
    await retryable({ faults: [{ kind: 'drop' }] });
  });

  it('libretranslate: a server that never answers times out as retryable', async () => {
    server = await startFakeEngine({ protocol: 'libretranslate', faults: [{ kind: 'timeout' }] });
    const engine = createLibreTranslateEngine({ url: server.url, apiKey: KEY, timeoutMs: 200 });
    const started = Date.now();
    const error = await errorOf(translate(engine));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(error).toBeInstanceOf(RetryableEngineError);
    expect(error.message).toMatch(/timed out/);
    expectSecretHidden(error, KEY);
  });

  it('libretranslate: one translation too few is retryable', async () => {
    const error = await retryable({ faults: [{ kind: 'wrong-count' }] });
    expect(error.message).toMatch(/expected 3 translations, got 2/);
  });

  it('libretranslate: a lost tag comes through for checkTags to catch', async () => {
    const { engine } = await setUp({ faults: [{ kind: 'break-tags' }] });
    const results = await translate(engine);
    results.forEach((r, i) => expect(checkTags(tagShape(SEGMENTS[i]!), r.text)).toMatch(/missing tag|closes|unclosed/));
  });

  it('libretranslate: faults apply per request, so a retry succeeds', async () => {
    const { server, engine } = await setUp({ faults: (n) => (n === 0 ? { kind: 'status', status: 503 } : undefined) });
    await errorOf(translate(engine));
    expect(await translate(engine, ['Goud.'])).toEqual([{ text: '[af] GOUD.' }]);
    expect(server.requests.map((r) => r.fault?.kind)).toEqual(['status', undefined]);
  });
});
