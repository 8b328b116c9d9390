/**
 * What a `tolk worker` stores for an answer is what the in-process pipeline
 * stores for the same answer: target, status and findings (glossary and QA),
 * so a producer that dies after the worker stored leaves the same memory
 * behind. Real processes (the built bin), the run's Redis, PostgreSQL, and a
 * fake LibreTranslate that gets a number wrong and writes a forbidden term.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { PostgresMemoryStore } from '../../src/memory/index.js';
import { startTolk } from '../helpers/child.js';
import { startFakeEngine } from '../helpers/fake-engine-server.js';
import { freshDatabase } from '../helpers/postgres.js';
import { makeProject, removeProject, runTolkAsync } from '../helpers/project.js';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

const ARTICLE = `---
title: "Ajax wint de wedstrijd"
date: 2024-08-01
language: nl
---

# Ajax wint de wedstrijd

Ajax wint de wedstrijd met 3-1 van PSV.

De ploeg speelt zondag weer thuis.
`;

/**
 * "wedstrijd" is "wedstryd" in Afrikaans, "pot" a forbidden translation of it. "ploeg" is "span" in football only:
 * the article has no subject, so that entry neither protects nor checks it — in the worker as in the run.
 */
const GLOSSARY = 'nl,af,note,dnt,forbidden,subject\nwedstrijd,wedstryd,,false,af:pot,\nploeg,span,,false,,football\n';

/** The engine: the score changed (a number mismatch) and a forbidden term after every segment (a glossary violation). */
const translate = (text: string) => `${text.replace('3-1', '4-1')} pot`;

const clean = { TOLK_QUEUE_URL: '', TOLK_MEMORY_URL: '' };

function project(engineUrl: string, memoryUrl: string, queue?: { url: string; prefix: string }): string {
  const root = makeProject({
    'tolk.config.json': JSON.stringify({
      sourceLanguage: 'nl',
      targetLanguages: ['af'],
      engines: { '*': 'libretranslate' },
      engineOptions: { libretranslate: { url: engineUrl, concurrency: 2 } },
      glossaries: ['glossaries/terms.csv'],
      glossary: { subjects: { sports: ['football'] } },
      memory: { url: memoryUrl },
      ...(queue ? { queue } : {}),
    }),
    'glossaries/terms.csv': GLOSSARY,
    'articles/nl/match.md': ARTICLE,
  });
  cleanup.push(() => removeProject(root));
  return root;
}

/** Every af row of a memory, by segment id, without its time stamps. */
async function rows(url: string) {
  const store = new PostgresMemoryStore(url);
  try {
    const out = new Map<string, unknown>();
    for await (const e of store.entries({ targetLanguage: 'af' })) {
      out.set(e.segmentId, { source: e.source, target: e.target, origin: e.origin, status: e.status, violations: [...(e.violations ?? [])].sort(), articles: e.articles });
    }
    return out;
  } finally {
    await store.close();
  }
}

describe('a worker stores answers as the pipeline does', () => {
  it('worker store: a worker process stores the same rows (status, glossary and QA findings) as an in-process run, with its producer killed', async () => {
    const engine = await startFakeEngine({ protocol: 'libretranslate', translate });
    cleanup.push(() => engine.close());
    const aloneMemory = await freshDatabase('tolk_worker_store');
    const alone = project(engine.url, aloneMemory);
    const reference = await runTolkAsync(['translate', '--json'], alone, clean);
    expect(reference.code, reference.stderr).toBe(0); // findings are warnings by default: stored, not blocking
    const expected = await rows(aloneMemory);
    const findings = [...expected.values()].flatMap((r) => (r as { violations: string[] }).violations);
    expect(findings.some((f) => f.startsWith('glossary-forbidden'))).toBe(true);
    expect(findings.some((f) => f.startsWith('number-mismatch'))).toBe(true);
    expect(findings.filter((f) => f.includes('ploeg'))).toEqual([]); // the football entry is not the article's

    // The same answers through a worker, its producer killed before it could store anything itself.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const gated = await startFakeEngine({ protocol: 'libretranslate', translate, before: () => held });
    cleanup.push(() => gated.close());
    cleanup.push(() => release());
    const redisUrl = inject('redisUrl');
    const prefix = `tolk-worker-store-${process.pid}`;
    const memoryUrl = await freshDatabase('tolk_worker_store');
    const team = project(gated.url, memoryUrl, { url: redisUrl, prefix });
    const worker = startTolk(['worker', '--concurrency', '2'], team, clean);
    cleanup.push(async () => {
      if (worker.child.exitCode === null) worker.child.kill('SIGTERM');
      await worker.ended;
    });
    while (!worker.stdout().includes('worker: taking')) {
      if (worker.child.exitCode !== null) throw new Error(worker.stderr());
      await sleep(50);
    }
    const producer = startTolk(['translate', '--json'], team, clean);
    while (gated.requests.length === 0) {
      if (producer.child.exitCode !== null) throw new Error(producer.stderr());
      await sleep(20);
    }
    producer.child.kill('SIGKILL');
    await producer.ended;
    release();
    const queue = new Queue('libretranslate', { connection: { url: redisUrl }, prefix });
    cleanup.push(() => queue.close());
    for (;;) {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'completed');
      if (counts.waiting === 0 && counts.active === 0 && counts.delayed === 0 && (counts.completed ?? 0) > 0) break;
      await sleep(50);
    }
    expect(await rows(memoryUrl)).toEqual(expected);
  });
});

