import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import { SqliteMemoryStore } from '../../src/memory/index.js';
import { translateArticles } from '../../src/pipeline/index.js';
import { QaCache } from '../../src/pipeline/qa-cache.js';
import { checkQa, type QaSettings } from '../../src/qa/index.js';
import { createLocalQueue } from '../../src/queue/index.js';
import { makeProject } from '../helpers/project.js';
import { scriptedEngine } from '../helpers/scripted-engine.js';

const PAIR = { source: 'nl', target: 'en' };

describe('QA findings cached per (segment, translation)', () => {
  it('qa cache: a hit gives exactly what checkQa gives; another qa config or a changed translation is checked again', async () => {
    const root = makeProject({});
    const file = join(root, 'qa.json');
    const settings: QaSettings = {};
    const first = await QaCache.load(file, settings);
    const swapped = first.check('Ajax wint met 5-3', 'Ajax wins 3-5', PAIR, 'seg1');
    expect(swapped).toEqual(checkQa('Ajax wint met 5-3', 'Ajax wins 3-5', PAIR, settings, 'seg1'));
    expect(first.check('Het weer was goed.', 'The weather was good.', PAIR, 'seg2')).toEqual([]);
    await first.save();
    expect(existsSync(file)).toBe(true);

    const again = await QaCache.load(file, settings);
    expect(again.check('Ajax wint met 5-3', 'Ajax wins 3-5', PAIR, 'seg1')).toEqual(swapped);
    // The stored state is what answers: a forged entry proves the hit did not run the rules.
    const state = JSON.parse(readFileSync(file, 'utf8')) as { found: Record<string, Array<{ message: string }>> };
    const key = Object.keys(state.found)[0]!;
    state.found[key]![0]!.message = 'from the cache';
    writeFileSync(file, JSON.stringify(state));
    expect((await QaCache.load(file, settings)).check('Ajax wint met 5-3', 'Ajax wins 3-5', PAIR, 'seg1')[0]!.message).toBe('from the cache');
    // Another translation of the segment is another pair.
    expect((await QaCache.load(file, settings)).check('Ajax wint met 5-3', 'Ajax wins 5-3', PAIR, 'seg1')).toEqual([]);
    // Another qa config (the rule turned off) starts from nothing.
    expect((await QaCache.load(file, { rules: { 'number-mismatch': 'off' } })).check('Ajax wint met 5-3', 'Ajax wins 3-5', PAIR, 'seg1')).toEqual([]);
  });

  it('qa cache: a warm --force run reports the same findings as the cold run, from .tolk/qa.json', async () => {
    const root = makeProject({
      'tolk.config.json': JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['en'] }),
      'articles/nl/a.md': '# Ajax wint met 5-3\n\nHet weer was goed.\n',
    });
    const engine = scriptedEngine('careless', (request) => request.segments.map((s) => ({ text: s.replace('Ajax wint met 5-3', 'Ajax wins 3-5').replace('Het weer was goed.', 'The weather was good.') })));
    const store = new SqliteMemoryStore(':memory:');
    const translate = async () =>
      translateArticles({
        project: await loadProject({ root }),
        store,
        languages: ['en'],
        engines: new Map([['en', engine]]),
        queue: createLocalQueue({ engines: [engine], limits: () => ({ concurrency: 1 }), retry: { retries: 0, minDelayMs: 1, maxDelayMs: 1 } }),
        fuzzyThreshold: 75,
        qa: { enforcement: 'warning' },
        stateDir: join(root, '.tolk'),
        force: true,
      });
    const cold = await translate();
    expect(existsSync(join(root, '.tolk/qa.json'))).toBe(true);
    const warm = await translate();
    expect(warm.engineSegments).toBe(0);
    const shape = (s: typeof cold) => s.qa.map((f) => [f.rule, f.severity, f.message, f.segment]);
    expect(shape(warm)).toEqual(shape(cold));
    expect(shape(warm)).toHaveLength(1);
  });
});
