import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startPostgres } from '../../src/bench/servers.js';
import { segmentId } from '../../src/tagged/index.js';
import { PostgresMemoryStore, type MemoryWrite } from '../../src/memory/index.js';
import { queryWords } from '../../src/memory/postgres/pg-keys.js';

const source = (i: number) => `Verslag ${i}: de thuisploeg won na een late strafschop.`;
const write = (i: number): MemoryWrite => ({ sourceLanguage: 'nl', targetLanguage: 'af', source: source(i), target: `af ${i}`, origin: 'engine:x', status: 'machine', article: `nl/${i % 7}.md` });

// This test restarts its server, so it starts one of its own (a shared or external server is never restarted).
describe('PostgreSQL memory when the server restarts', () => {
  it('restart: batches in flight are retried, nothing is stored twice or lost; an all-or-nothing write is reported and leaves nothing', async () => {
    const server = await startPostgres({ fast: true });
    const retries: string[] = [];
    const store = new PostgresMemoryStore(server.url, { onRetry: (what, reason) => retries.push(`${what}: ${reason}`) });
    try {
      await store.stats();
      const BATCH = 100;
      let restarted = false;
      const restarting = server.restart().then(() => (restarted = true));
      let b = 0;
      // Keep writing through the restart and for 10 batches after it.
      for (let after = 0; after < 10; b++) {
        const result = await store.write(Array.from({ length: BATCH }, (_, j) => write(b * BATCH + j)));
        expect(result.inserted + result.unchanged).toBe(BATCH);
        if (restarted) after++;
      }
      await restarting;
      expect(retries.length).toBeGreaterThan(0);
      const total = b * BATCH;
      await store.settle(); // word counts are raised a quarter second after the writes

      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        const { rows } = await client.query<{ sources: string; units: string; occurrences: string; postings: string; df: string }>(
          `SELECT (SELECT count(*) FROM tolk_sources) AS sources, (SELECT count(*) FROM tolk_units) AS units,
                  (SELECT count(*) FROM tolk_occurrences) AS occurrences,
                  (SELECT count(*) FROM tolk_postings) AS postings, (SELECT sum(df) FROM tolk_words) AS df`,
        );
        const words = Array.from({ length: total }, (_, i) => queryWords(source(i)).length).reduce((a, c) => a + c, 0);
        expect(rows[0]).toEqual({ sources: String(total), units: String(total), occurrences: String(total), postings: String(words), df: String(words) });
      } finally {
        await client.end();
      }
      const found = await store.lookup(Array.from({ length: total }, (_, i) => segmentId('nl', source(i))), 'af');
      expect(found.size).toBe(total);

      // An all-or-nothing write cannot be replayed from a consumed stream: it is reported, and nothing of it stays.
      async function* interrupted(): AsyncGenerator<MemoryWrite> {
        for (let i = 0; i < 3000; i++) {
          if (i === 1500) await server.restart();
          yield write(100_000 + i);
        }
      }
      await expect(store.writeAll(interrupted())).rejects.toThrow(/nothing of it was stored/);
      expect((await store.stats()).units).toBe(total);
    } finally {
      await store.close();
      await server.stop();
    }
  }, 300_000);
});
