import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeArticleCorpus } from '../../src/bench/articles.js';
import { startFakeEngine, type Fault, type FakeEngine } from '../helpers/fake-engine-server.js';
import { makeProject, removeProject, runTolkAsync } from '../helpers/project.js';

let server: FakeEngine | undefined;
let root: string | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (root) removeProject(root);
  root = undefined;
});

/**
 * One article through a fake LibreTranslate whose first answer is `first`.
 * The backoff is 10–50 ms, so any longer gap between the two requests is the
 * Retry-After being honoured. Returns when each request arrived (Date.now()).
 */
async function translateWith(first: () => Fault, pipeline: Record<string, number> = {}) {
  const arrived: number[] = [];
  server = await startFakeEngine({ protocol: 'libretranslate', faults: (n) => (n === 0 ? first() : undefined), before: () => void arrived.push(Date.now()) });
  root = makeProject({
    'tolk.config.json': JSON.stringify({
      sourceLanguage: 'nl',
      targetLanguages: ['af'],
      engines: { af: 'libretranslate' },
      engineOptions: { libretranslate: { url: server.url } },
      pipeline: { concurrency: 1, retries: 2, retryDelayMs: 10, maxRetryDelayMs: 50, ...pipeline },
    }),
  });
  writeArticleCorpus(join(root, 'articles/nl'), 1, 3);
  const result = await runTolkAsync(['translate', '--json'], root);
  return { result, arrived };
}

// Real time, on purpose: these assert that a retry came no earlier than the server allowed (a lower bound, not a benchmark).
describe('Retry-After', () => {
  it('retry-after: a 429 with Retry-After: 2 is retried no sooner than 2 s later (not cut to maxRetryDelayMs)', async () => {
    const { result, arrived } = await translateWith(() => ({ kind: 'status', status: 429, retryAfter: '2', body: { error: 'Slowdown: too many requests' } }));
    expect(result.code, result.stderr).toBe(0);
    expect(arrived.length).toBeGreaterThanOrEqual(2);
    expect(arrived[1]! - arrived[0]!).toBeGreaterThanOrEqual(2000);
  }, 60_000);

  it('retry-after: in the HTTP-date form, the retry does not come before the named second', async () => {
    let named = 0;
    const { result, arrived } = await translateWith(() => {
      // Two whole seconds ahead, on a second boundary as HTTP dates are.
      named = (Math.floor(Date.now() / 1000) + 3) * 1000;
      return { kind: 'status', status: 429, retryAfter: new Date(named).toUTCString(), body: { error: 'Slowdown: too many requests' } };
    });
    expect(result.code, result.stderr).toBe(0);
    expect(arrived.length).toBeGreaterThanOrEqual(2);
    expect(arrived[1]!).toBeGreaterThanOrEqual(named);
  }, 60_000);

  it('retry-after: a demand longer than pipeline.maxRetryAfterMs fails the batch with that reason, and nothing is sent again early', async () => {
    const { result, arrived } = await translateWith(() => ({ kind: 'status', status: 429, retryAfter: '3', body: { error: 'Slowdown: too many requests' } }), {
      maxRetryAfterMs: 1000,
    });
    expect(result.code).toBe(1);
    expect(arrived.length).toBe(1);
    const summary = JSON.parse(result.stdout);
    expect(summary.failed.length).toBeGreaterThan(0);
    for (const f of summary.failed) expect(f.reason).toMatch(/asks to wait 3 s before retrying \(Retry-After\), longer than pipeline\.maxRetryAfterMs \(1 s\)/);
  }, 60_000);

  it('retry-after: the default cap is 5 minutes: Retry-After: 400 fails at once with a clear reason', async () => {
    const { result, arrived } = await translateWith(() => ({ kind: 'status', status: 503, retryAfter: '400' }));
    expect(result.code).toBe(1);
    expect(arrived.length).toBe(1);
    expect(JSON.parse(result.stdout).failed[0].reason).toMatch(/asks to wait 7 min .*pipeline\.maxRetryAfterMs \(5 min\)/);
  }, 60_000);
});
