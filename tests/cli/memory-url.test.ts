import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PostgresMemoryStore } from '../../src/memory/index.js';
import { freshDatabase } from '../helpers/postgres.js';
import { makeProject, removeProject, repoRoot, runTolkAsync } from '../helpers/project.js';

const seed = readFileSync(join(repoRoot, 'articles/nl/kazachstan-parijs-2024.md'), 'utf8');

describe('a shared memory on PostgreSQL', () => {
  it('memory.url: two clones of a project share one memory — what one translated, the other takes from it without the engine', async () => {
    const url = await freshDatabase('tolk_team');
    const config = { sourceLanguage: 'nl', targetLanguages: ['af'], engines: { '*': 'pseudo' } };
    // The first machine names the memory in its environment, the second in its config.
    const first = makeProject({ 'tolk.config.json': JSON.stringify(config), 'articles/nl/seed.md': seed });
    const second = makeProject({ 'tolk.config.json': JSON.stringify({ ...config, memory: { url } }), 'articles/nl/seed.md': seed });
    try {
      const a = await runTolkAsync(['translate', '--json'], first, { TOLK_MEMORY_URL: url });
      expect(a.code, a.stderr).toBe(0);
      const ran = JSON.parse(a.stdout) as { unique: number; engineSegments: number };
      expect(ran.engineSegments).toBe(ran.unique);
      expect(ran.unique).toBeGreaterThan(10);
      expect(existsSync(join(first, '.tolk/tm.sqlite'))).toBe(false);

      const store = new PostgresMemoryStore(url);
      expect((await store.stats()).units).toBe(ran.unique);
      await store.close();

      const b = await runTolkAsync(['translate', '--json'], second);
      expect(b.code, b.stderr).toBe(0);
      const reused = JSON.parse(b.stdout) as { unique: number; engineSegments: number; tmExact: number };
      expect(reused.engineSegments).toBe(0);
      expect(reused.tmExact).toBe(ran.unique);
      expect(readFileSync(join(second, 'articles/af/seed.md'), 'utf8')).toBe(readFileSync(join(first, 'articles/af/seed.md'), 'utf8'));
      expect(existsSync(join(second, '.tolk/tm.sqlite'))).toBe(false);

      const stats = await runTolkAsync(['tm', 'stats', '--json'], second);
      expect(JSON.parse(stats.stdout).units).toBe(ran.unique);
    } finally {
      removeProject(first);
      removeProject(second);
    }
  }, 120_000);
});
