import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { startPostgres } from '../../src/bench/servers.js';
import { PostgresMemoryStore } from '../../src/memory/index.js';
import { startTolk } from '../helpers/child.js';
import { makeProject, removeProject, repoRoot } from '../helpers/project.js';

const seed = readFileSync(join(repoRoot, 'articles/nl/kazachstan-parijs-2024.md'), 'utf8');

/** Resolves once a query of a tolk process waits for a lock on the server: the run is inside the memory. */
async function tolkWaitsForLock(url: string, ended: Promise<unknown>): Promise<void> {
  let over = false;
  void ended.then(() => (over = true));
  // Its own connection: inside a transaction, pg_stat_activity would show one snapshot for good.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    while (!over) {
      const { rows } = await client.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'tolk' AND wait_event_type = 'Lock'`);
      if (rows.length) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the run ended before it queried the memory');
  } finally {
    await client.end();
  }
}

// This test restarts its server, so it starts one of its own (a shared or external server is never restarted).
describe('a translate run whose PostgreSQL restarts', () => {
  it('restart mid-run: stderr says tolk waits for host:port and retries, then that it answers again; --json stdout stays one JSON document; the run completes', async () => {
    const server = await startPostgres({ fast: true });
    const project = makeProject({
      'tolk.config.json': JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['af'], engines: { '*': 'pseudo' }, memory: { url: server.url } }),
      'articles/nl/seed.md': seed,
    });
    const locker = new pg.Client({ connectionString: server.url });
    // The restart cuts this connection too; that is expected.
    locker.on('error', () => {});
    try {
      const schema = new PostgresMemoryStore(server.url);
      await schema.stats();
      await schema.close();
      // Hold the units table, so the run is certainly in the middle of a memory query when the server goes away.
      await locker.connect();
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE tolk_units IN ACCESS EXCLUSIVE MODE');

      const run = startTolk(['translate', '--json'], project);
      await tolkWaitsForLock(server.url, run.ended).catch(async (error: Error) => {
        throw new Error(`${error.message}: ${(await run.ended).stderr}`);
      });
      await server.restart();
      const ended = await run.ended;

      expect(ended.code, ended.stderr).toBe(0);
      expect(ended.stderr).toContain(`tolk: waiting for the translation memory at 127.0.0.1:${server.port} (`);
      expect(ended.stderr).toMatch(/retrying .+ for up to 60 s/);
      expect(ended.stderr).toContain(`tolk: the translation memory at 127.0.0.1:${server.port} answers again; continuing`);
      expect(ended.stderr).not.toMatch(/^\s+at /m);
      const summary = JSON.parse(ended.stdout) as { unique: number; engineSegments: number };
      expect(ended.stdout).not.toContain('waiting');
      expect(summary.engineSegments).toBe(summary.unique);

      const store = new PostgresMemoryStore(server.url);
      expect((await store.stats()).units).toBe(summary.unique);
      await store.close();
    } finally {
      await locker.end().catch(() => {});
      removeProject(project);
      await server.stop();
    }
  }, 180_000);
});
