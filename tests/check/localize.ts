import { join } from 'node:path';
import { loadProject } from '../../src/config/index.js';
import type { Engine } from '../../src/engines/index.js';
import { SqliteMemoryStore } from '../../src/memory/index.js';
import { createJobQueue, translateArticles, type JobQueue } from '../../src/pipeline/index.js';
import { scriptedEngine } from '../helpers/scripted-engine.js';

/** Runs the real pipeline with an uppercasing engine, so localized articles carry genuine `tolk:` records. */
export async function localize(root: string, languages: string[]): Promise<void> {
  const project = await loadProject({ root });
  const store = new SqliteMemoryStore(join(root, '.tolk/tm.sqlite'));
  const engine = scriptedEngine();
  const queues = new Map<Engine, JobQueue>();
  try {
    await translateArticles({
      project,
      store,
      languages,
      engines: new Map(languages.map((l) => [l, engine])),
      queueFor: (e) => queues.get(e) ?? queues.set(e, createJobQueue({ concurrency: 2 })).get(e)!,
      retry: { retries: 0, minDelayMs: 1, maxDelayMs: 1 },
      fuzzyThreshold: 75,
    });
  } finally {
    await store.close();
  }
}
