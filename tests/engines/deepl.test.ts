import { afterEach, describe, expect, it } from 'vitest';
import { EngineError, ConfigError } from '../../src/core/errors.js';
import { createDeepLEngine, DEEPL_MAX_CONTEXT } from '../../src/engines/deepl.js';
import { createEngine, RetryableEngineError, type Engine } from '../../src/engines/index.js';
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
  server = await startFakeEngine({ protocol: 'deepl', apiKey: KEY, ...options });
  const engine = await createEngine('deepl', { url: server.url, env: { DEEPL_AUTH_KEY: KEY } });
  return { server, engine };
}

const translate = (engine: Engine, segments = SEGMENTS, targetLanguage = 'af') =>
  engine.translate({ sourceLanguage: 'nl', targetLanguage, segments });

describe('deepl engine', () => {
  it('deepl: translations come back in order with tags intact', async () => {
    const { server, engine } = await setUp();
    const results = await translate(engine);
    expect(results.map((r) => r.text)).toEqual([
      '[af] DE <1>PLOEG</1> WON.',
      '[af] ZIJ LIEP<2/> SNEL &amp; VER.',
      '[af] EEN <1>LANGE <2>RIT</2></1> DOOR PARIJS.',
    ]);
    results.forEach((r, i) => expect(checkTags(tagShape(SEGMENTS[i]!), r.text)).toBeUndefined());
    // Placeholders travel as XML elements, in one request.
    expect(server.received()).toEqual([
      'De <g id="1">ploeg</g> won.',
      'Zij liep<x id="2"/> snel &amp; ver.',
      'Een <g id="1">lange <g id="2">rit</g></g> door Parijs.',
    ]);
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request!.headers['content-type']).toMatch(/application\/x-www-form-urlencoded/);
    expect(request!.headers.authorization).toBe(`DeepL-Auth-Key ${KEY}`);
    expect(request!.fields).toMatchObject({ source_lang: 'nl', target_lang: 'af', tag_handling: 'xml' });
  });

  it('deepl: English and Portuguese targets are sent with the region DeepL requires', async () => {
    const { server, engine } = await setUp();
    await translate(engine, ['Goud.'], 'en');
    await translate(engine, ['Goud.'], 'pt');
    await translate(engine, ['Goud.'], 'en-US');
    expect(server.requests.map((r) => r.target)).toEqual(['en-GB', 'pt-PT', 'en-US']);
  });

  it('deepl: 429 is retryable; deepl-node does not expose Retry-After', async () => {
    const { engine } = await setUp({ faults: [{ kind: 'status', status: 429, retryAfter: '7' }] });
    const error = await errorOf(translate(engine));
    expect(error).toBeInstanceOf(RetryableEngineError);
    expect((error as RetryableEngineError).status).toBe(429);
    // The SDK returns only status and body; the pipeline's own backoff applies.
    expect((error as RetryableEngineError).retryAfterMs).toBeUndefined();
    expectSecretHidden(error, KEY);
  });

  it('deepl: 456 (quota) is final and says so', async () => {
    const { engine } = await setUp({ faults: [{ kind: 'status', status: 456 }] });
    const error = await errorOf(translate(engine));
    expect(error).toBeInstanceOf(EngineError);
    expect(error).not.toBeInstanceOf(RetryableEngineError);
    expect(error.message).toMatch(/quota/i);
    expectSecretHidden(error, KEY);
  });

  it.each([500, 502, 503])('deepl: %i is retryable', async (status) => {
    const { engine } = await setUp({ faults: [{ kind: 'status', status }] });
    const error = await errorOf(translate(engine));
    expect(error).toBeInstanceOf(RetryableEngineError);
    expect((error as RetryableEngineError).status).toBe(status);
    expectSecretHidden(error, KEY);
  });

  it('deepl: a 400 mentioning 500 characters is still final', async () => {
    const { engine } = await setUp({ faults: [{ kind: 'status', status: 400, body: { message: 'Value exceeds 500 chars' } }] });
    const error = await errorOf(translate(engine));
    expect(error).toBeInstanceOf(EngineError);
    expect(error).not.toBeInstanceOf(RetryableEngineError);
  });

  it('deepl: a wrong key is final, points at DEEPL_AUTH_KEY and is not echoed', async () => {
    server = await startFakeEngine({ protocol: 'deepl', apiKey: 'the-right-key' });
    const engine = await createEngine('deepl', { url: server.url, env: { DEEPL_AUTH_KEY: KEY } });
    const error = await errorOf(translate(engine));
    expect(error).toBeInstanceOf(EngineError);
    expect(error).not.toBeInstanceOf(RetryableEngineError);
    expect(error.message).toMatch(/DEEPL_AUTH_KEY/);
    expectSecretHidden(error, KEY);
  });

  it('deepl: a dropped connection is retryable', async () => {
    const { engine } = await setUp({ faults: [{ kind: 'drop' }] });
    const error = await errorOf(translate(engine));
    expect(error).toBeInstanceOf(RetryableEngineError);
    expectSecretHidden(error, KEY);
  });

  it('deepl: a server that never answers times out as retryable', async () => {
    server = await startFakeEngine({ protocol: 'deepl', faults: [{ kind: 'timeout' }] });
    // deepl-node waits at least ~1 s on a first attempt, whatever minTimeout says.
    const engine = createDeepLEngine({ authKey: KEY, serverUrl: server.url, timeoutMs: 200 });
    const started = Date.now();
    const error = await errorOf(translate(engine));
    expect(Date.now() - started).toBeLessThan(3000);
    expect(error).toBeInstanceOf(RetryableEngineError);
    expect(error.message).toMatch(/timeout/i);
    expectSecretHidden(error, KEY);
  });

  it('deepl: one translation too few is retryable', async () => {
    const { engine } = await setUp({ faults: [{ kind: 'wrong-count' }] });
    const error = await errorOf(translate(engine));
    expect(error).toBeInstanceOf(RetryableEngineError);
    expect(error.message).toMatch(/expected 3 translations, got 2/);
  });

  it('deepl: a lost tag comes through for checkTags to catch', async () => {
    const { engine } = await setUp({ faults: [{ kind: 'break-tags' }] });
    const results = await translate(engine);
    results.forEach((r, i) => expect(checkTags(tagShape(SEGMENTS[i]!), r.text)).toMatch(/missing tag|closes|unclosed/));
  });

  it('deepl: without DEEPL_AUTH_KEY createEngine throws a ConfigError naming it', async () => {
    const error = await errorOf(createEngine('deepl', { url: 'http://127.0.0.1:9', env: {} }));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(/DEEPL_AUTH_KEY/);
  });

  it("deepl: limits stay within DeepL's 50 texts and 128 KiB", async () => {
    const { server, engine } = await setUp();
    expect(engine.limits.maxSegments).toBeLessThanOrEqual(50);
    // A full batch in the costliest encoding ("€" is 9 bytes form-encoded), with the longest context, still fits one request.
    const each = Math.floor(engine.limits.maxCharacters / engine.limits.maxSegments);
    const segments = Array.from({ length: engine.limits.maxSegments }, (_, i) => `${i}${'€'.repeat(each - String(i).length)}`);
    const context = { title: '€'.repeat(DEEPL_MAX_CONTEXT) };
    const results = await engine.translate({ sourceLanguage: 'nl', targetLanguage: 'af', segments, context });
    expect(results).toHaveLength(segments.length);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]!.fields.context).toBe(context.title);
    const bytes = Buffer.byteLength(server.requests[0]!.body);
    expect(bytes).toBeLessThanOrEqual(128 * 1024);
    expect(bytes).toBeGreaterThan(120 * 1024); // the limit is not needlessly small
  });

  it('deepl: a batch beyond the limits is split into requests DeepL accepts, results in order', async () => {
    const { server, engine } = await setUp();
    const segments = Array.from({ length: 120 }, (_, i) => `Zin ${i}.`);
    const results = await translate(engine, segments);
    expect(results.map((r) => r.text)).toEqual(segments.map((s) => `[af] ${s.toUpperCase()}`));
    expect(server.requests.map((r) => r.segments.length)).toEqual([50, 50, 20]);

    const big = Array.from({ length: 3 }, () => '€'.repeat(10_000));
    await translate(engine, big);
    expect(server.requests.slice(3).map((r) => r.segments.length)).toEqual([1, 1, 1]);
    expect(server.requests.every((r) => Buffer.byteLength(r.body) <= 128 * 1024)).toBe(true);
  });

  it('deepl: a segment too large for any request is refused before sending', async () => {
    const { server, engine } = await setUp();
    const error = await errorOf(translate(engine, ['ok', '€'.repeat(20_000)]));
    expect(error).toBeInstanceOf(EngineError);
    expect(error).not.toBeInstanceOf(RetryableEngineError);
    expect(error.message).toMatch(/131072/);
    expect(server.requests).toHaveLength(0);
  });

  it('deepl: the fake server refuses what DeepL refuses', async () => {
    const { server } = await setUp();
    const post = (body: URLSearchParams) =>
      fetch(`${server.url}/v2/translate`, { method: 'POST', body, headers: { authorization: `DeepL-Auth-Key ${KEY}` } });
    const tooMany = await post(new URLSearchParams([['target_lang', 'af'], ...Array.from({ length: 51 }, (): [string, string] => ['text', 'x'])]));
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toEqual({ message: 'Too many texts' });
    const tooBig = await post(new URLSearchParams({ target_lang: 'af', text: 'x'.repeat(130 * 1024) }));
    expect(tooBig.status).toBe(413);
  });
});
