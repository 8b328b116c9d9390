import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { readProvenance } from '../../src/localized/index.js';
import { SqliteMemoryStore, type MemoryStore } from '../../src/memory/index.js';
import { makeProject, repoRoot } from '../helpers/project.js';
import { scriptedEngine } from '../helpers/scripted-engine.js';
import { translateWith } from '../helpers/translate-run.js';

const seed = readFileSync(join(repoRoot, 'articles/nl/kazachstan-parijs-2024.md'), 'utf8');

/** A memory whose lookups take a network's time (a PostgreSQL memory on another machine), answers unchanged. */
function slowLookups(store: MemoryStore, ms: number): MemoryStore {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      if (typeof key === 'string' && key.startsWith('lookup')) return async (...args: unknown[]) => (await sleep(ms), (value as (...a: unknown[]) => unknown).apply(target, args));
      return (value as (...a: unknown[]) => unknown).bind(target);
    },
  });
}

describe('translate pipeline with a slow memory', () => {
  it('translate: chunks hand their partial batch on even when the memory answers slowly (no run left waiting for it)', async () => {
    // Three chunks of one article: each chunk's last batch is partly filled and handed to the next.
    const root = makeProject({
      'tolk.config.json': JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['af'] }),
      'articles/nl/a.md': seed,
      'articles/nl/b.md': seed.replace(/Kazachstan/g, 'Oezbekistan'),
      'articles/nl/c.md': seed.replace(/Parijs/g, 'Londen'),
    });
    const inner = new SqliteMemoryStore(join(root, '.tolk/tm.sqlite'));
    const engine = scriptedEngine('scripted', undefined, { maxSegments: 1000, maxCharacters: 1_000_000 });
    try {
      const summary = await translateWith(root, { engines: { af: engine }, store: slowLookups(inner, 50), concurrency: 2, chunkSize: 1 });
      expect(summary.written).toHaveLength(3);
      for (const name of ['a', 'b', 'c']) expect(readProvenance(readFileSync(join(root, `articles/af/${name}.md`), 'utf8'))?.complete, name).toBe(100);
      expect(engine.received.length).toBe(new Set(engine.received).size);
    } finally {
      await inner.close();
    }
  }, 20_000);
});
