import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeArticleCorpus } from '../../src/bench/articles.js';
import { parseMarkdown } from '../../src/markdown/index.js';
import { treeShape } from '../../src/markdown/shape.js';
import { readProvenance } from '../../src/localized/index.js';
import { startTolk, type RunningTolk } from '../helpers/child.js';
import { startFakeEngine, type FakeEngine } from '../helpers/fake-engine-server.js';
import { makeProject, removeProject, runTolkAsync } from '../helpers/project.js';

let server: FakeEngine | undefined;
const roots: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const root of roots.splice(0)) removeProject(root);
});

function project(url: string): string {
  const root = makeProject({
    'tolk.config.json': JSON.stringify({
      sourceLanguage: 'nl',
      targetLanguages: ['af'],
      engines: { af: 'libretranslate' },
      engineOptions: { libretranslate: { url } },
      pipeline: { concurrency: 1, retries: 1, retryDelayMs: 10 },
    }),
  });
  roots.push(root);
  writeArticleCorpus(join(root, 'articles/nl'), 60, 9);
  return root;
}

/** Localized articles on disk: each parses to its source's shape and carries its record (none half-written). */
function localized(root: string): Array<{ name: string; complete: number }> {
  const dir = join(root, 'articles/af');
  if (!existsSync(dir)) return [];
  return (readdirSync(dir, { recursive: true }) as string[])
    .filter((n) => n.endsWith('.md'))
    .map((name) => {
      const text = readFileSync(join(dir, name), 'utf8');
      expect(treeShape(parseMarkdown(text)), name).toBe(treeShape(parseMarkdown(readFileSync(join(root, 'articles/nl', name), 'utf8'))));
      const record = readProvenance(text);
      expect(record, name).toBeDefined();
      return { name, complete: record!.complete };
    });
}

describe('Ctrl-C through the real bin', () => {
  it('interrupt: SIGINT mid-run stops after the work in flight with exit 1, leaves no half-written file or lock; a re-run finishes', async () => {
    let run: RunningTolk | undefined;
    server = await startFakeEngine({
      protocol: 'libretranslate',
      before: (request) => {
        if (request.index === 3) run!.child.kill('SIGINT');
      },
    });
    const root = project(server.url);
    run = startTolk(['translate'], root);
    const ended = await run.ended;
    expect(ended.signal).toBeNull();
    expect(ended.code, ended.stderr).toBe(1);
    expect(ended.stderr).toContain('stopping after the work in flight');
    expect(ended.stderr).not.toMatch(/\n\s+at /);
    expect(ended.stdout).toContain('interrupted');
    const sentBefore = server.requests.length;
    expect(sentBefore).toBeLessThan(20); // it stopped early, not after everything
    const partial = localized(root);
    expect(partial.length).toBeLessThan(60);
    expect(existsSync(join(root, '.tolk/lock'))).toBe(false);
    expect((readdirSync(join(root, 'articles'), { recursive: true }) as string[]).filter((n) => /\.tmp|~$/.test(n))).toEqual([]);

    const again = await runTolkAsync(['translate', '--json'], root);
    expect(again.code, again.stderr).toBe(0);
    const done = localized(root);
    expect(done.length).toBe(60);
    for (const article of done) expect(article.complete, article.name).toBe(100);
  }, 120_000);

  it('interrupt: a second SIGINT quits at once with exit 130, and the lock goes with it', async () => {
    let run: RunningTolk | undefined;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    server = await startFakeEngine({
      protocol: 'libretranslate',
      // The first request is never answered while the test runs: the first Ctrl-C has work in flight to wait for.
      before: async (request) => {
        if (request.index !== 0) return;
        run!.child.kill('SIGINT');
        await held;
      },
    });
    const root = project(server.url);
    run = startTolk(['translate'], root);
    await run.stderrIncludes('stopping after the work in flight');
    expect(existsSync(join(root, '.tolk/lock'))).toBe(true);
    run.child.kill('SIGINT');
    const ended = await run.ended;
    release();
    expect(ended.code).toBe(130);
    expect(existsSync(join(root, '.tolk/lock'))).toBe(false);
    localized(root); // whatever is there is whole
  }, 120_000);
});
