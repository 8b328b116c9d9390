import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeArticleCorpus } from '../../src/bench/articles.js';
import { startFakeEngine, type FakeEngine, type Protocol } from '../helpers/fake-engine-server.js';
import { makeProject, removeProject, runTolkAsync } from '../helpers/project.js';

const KEY = 'tolk-test-key-7f3a9c1e5b';
const ENV: Record<Protocol, string> = { deepl: 'DEEPL_AUTH_KEY', openai: 'OPENAI_API_KEY', libretranslate: 'LIBRETRANSLATE_API_KEY' };

/** An error body in each service's shape that repeats the key back, as some servers do. */
function echoingBody(protocol: Protocol, status: number): object {
  const message = `request with key ${KEY} refused (${status})`;
  if (protocol === 'deepl') return { message, detail: KEY };
  if (protocol === 'openai') return { error: { message: `Incorrect API key provided: ${KEY}.`, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } };
  return { error: message };
}

let server: FakeEngine | undefined;
const roots: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const root of roots.splice(0)) removeProject(root);
});

/** Every file under `dir`, as bytes read as latin1 (so the key is found in SQLite pages and any encoding of ASCII). */
function files(dir: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const name of readdirSync(dir, { recursive: true }) as string[]) {
    const path = join(dir, name);
    if (statSync(path).isFile()) out.push([relative(dir, path), readFileSync(path, 'latin1')]);
  }
  return out;
}

describe('API keys never leak', () => {
  for (const protocol of ['deepl', 'openai', 'libretranslate'] as const) {
    it(`keys: ${protocol} answering 401/403/456/500 with the key in its body: the key is in no output, memory row, .tolk file, article, XLIFF or TMX`, async () => {
      const statuses = [401, 403, 456, 500];
      // Request n (concurrency 1) answers statuses[n]; the rest translate, so the memory and articles fill up too.
      server = await startFakeEngine({
        protocol,
        apiKey: KEY,
        faults: (n) => (n < statuses.length ? { kind: 'status', status: statuses[n]!, body: echoingBody(protocol, statuses[n]!) } : undefined),
      });
      const root = makeProject({
        'tolk.config.json': JSON.stringify({
          sourceLanguage: 'nl',
          targetLanguages: ['af'],
          engines: { af: protocol },
          engineOptions: { [protocol]: { url: protocol === 'openai' ? `${server.url}/v1` : server.url, ...(protocol === 'openai' ? { model: 'fake' } : {}) } },
          pipeline: { concurrency: 1, retries: 1, retryDelayMs: 10, maxRetryDelayMs: 20 },
        }),
      });
      roots.push(root);
      writeArticleCorpus(join(root, 'articles/nl'), 20, 5);
      const env = { [ENV[protocol]]: KEY };
      const outputs: Array<[string, string]> = [];
      const run = async (args: string[]) => {
        const result = await runTolkAsync(args, root, env);
        outputs.push([`${args.join(' ')} stdout`, result.stdout], [`${args.join(' ')} stderr`, result.stderr]);
        return result;
      };
      const first = await run(['translate']);
      expect(first.code).toBe(1); // some batches failed for good
      expect(first.stderr).toMatch(/: error: .*\[translate-failed\]$/m);
      const json = await run(['translate', '--json']);
      expect(server.requests.filter((r) => r.fault).length).toBe(statuses.length); // every error was answered
      expect(server.requests.some((r) => JSON.stringify(r.headers).includes(KEY) || r.body.includes(KEY))).toBe(true); // the key did travel
      expect(json.code, json.stderr + json.stdout.slice(0, 2000)).toBe(0);
      expect((await run(['sync', 'export', '--to', 'af', '--all', '-o', 'af.xlf'])).code).toBe(0);
      expect((await run(['tm', 'export', '--to', 'af', '-o', 'af.tmx'])).code).toBe(0);
      expect((await run(['export', '--out', 'site', '--min-complete', '0'])).code).toBe(0);
      await run(['tm', 'stats', '--json']);

      const scanned = [...outputs, ...files(root)];
      const names = scanned.map(([name]) => name);
      for (const must of ['.tolk/tm.sqlite', 'af.xlf', 'af.tmx']) expect(names).toContain(must);
      expect(names.some((n) => n.startsWith('articles/af/'))).toBe(true);
      expect(names.some((n) => n.startsWith('site/'))).toBe(true);
      const leaks = scanned.filter(([, content]) => content.includes(KEY)).map(([name]) => name);
      expect(leaks).toEqual([]);
    }, 120_000);
  }
});
