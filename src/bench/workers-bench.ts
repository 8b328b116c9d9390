/**
 * `--only workers`: engine work across worker processes on BullMQ against a
 * fake LibreTranslate with fixed capacity (slots × latency), so the engine's
 * capacity is the baseline. Workers are real `tolk worker` processes (the
 * built bin) on a throwaway Redis and PostgreSQL.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine } from '../engines/index.js';
import { segmentId } from '../tagged/index.js';
import { createLocalQueue, loadBullmq, type EngineJob, type JobQueue } from '../queue/index.js';
import { fakeEngine, idlePerJob, type CapacityEngine } from './capacity-engine.js';
import { crashed, figure, skipped, summarize, type Figure } from './report.js';
import { startPostgres, startRedis, stopOnExit, type PostgresServer, type RedisServer } from './servers.js';

export interface WorkersBenchOptions {
  /** Engine slots (requests served at once; more wait). @default 8 */
  slots?: number;
  /** Time per request. @default 200 */
  latencyMs?: number;
  /** Segments per job (one request). @default 50 */
  segments?: number;
  /**
   * Jobs per throughput run: 15 waves of the engine's slots, so the figure is the rate a long run keeps, not
   * mostly its first wave (how long the first job takes to reach the engine is a figure of its own). @default 120
   */
  jobs?: number;
  runs?: number;
  log: (line: string) => void;
}

let counter = 0;
/** Jobs as a producer sends them: with what the worker stores in the shared memory before acknowledging. */
const jobsFor = (count: number, segments: number): EngineJob[] => {
  const run = `${process.pid}-${Date.now()}-${counter++}`;
  return Array.from({ length: count }, (_, j) => {
    const texts = Array.from({ length: segments }, (_, i) => `Zin ${i} van opdracht ${j} (${run}).`);
    return {
      engine: 'libretranslate',
      sourceLanguage: 'nl',
      targetLanguage: 'af',
      segments: texts.map((text) => ({ id: segmentId('nl', text), text })),
      memory: { origin: 'engine:libretranslate', segments: texts.map((source) => ({ source, article: `bench/${run}-${j}.md` })) },
    };
  });
};

/** Seconds for all jobs through a queue. */
async function timeJobs(queue: JobQueue, jobs: EngineJob[]): Promise<number> {
  return (await timedJobs(queue, jobs)).seconds;
}

/** The same, with when the first job was submitted (ms since the epoch, as the engine stamps requests). */
async function timedJobs(queue: JobQueue, jobs: EngineJob[]): Promise<{ seconds: number; submittedAt: number }> {
  const submittedAt = Date.now();
  const start = performance.now();
  const results = await Promise.all(jobs.map((job) => queue.submit(job)));
  const failed = results.find((r) => r.failure);
  if (failed) throw new Error(`a job failed: ${failed.failure}`);
  return { seconds: (performance.now() - start) / 1000, submittedAt };
}

const bin = fileURLToPath(new URL('../cli/bin.js', import.meta.url));

/** `count` worker processes on a project directory whose config names the servers; resolves when all take jobs. */
async function startWorkers(dir: string, count: number): Promise<ChildProcess[]> {
  const children = Array.from({ length: count }, () => spawn(process.execPath, [bin, 'worker', '--concurrency', '2', '--root', dir], { stdio: ['ignore', 'pipe', 'pipe'] }));
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve, reject) => {
          let out = '';
          child.stdout!.on('data', (c: Buffer) => {
            out += c.toString();
            if (out.includes('worker: taking')) resolve();
          });
          child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
          child.once('exit', (code) => reject(new Error(`tolk worker exited ${code}: ${out.slice(-500)}`)));
        }),
    ),
  );
  return children;
}

async function stopWorkers(children: ChildProcess[]): Promise<void> {
  await Promise.all(
    children.map((child) => {
      if (child.exitCode !== null) return Promise.resolve();
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      return exited;
    }),
  );
}

export async function benchWorkers(options: WorkersBenchOptions): Promise<Figure[]> {
  const { log } = options;
  const { createBullmqQueue } = await loadBullmq();
  const slots = options.slots ?? 8;
  const latencyMs = options.latencyMs ?? 200;
  const segments = options.segments ?? 50;
  const jobCount = options.jobs ?? 120;
  const runs = options.runs ?? 5;
  let redis: RedisServer | undefined;
  let postgres: PostgresServer | undefined;
  try {
    // One after the other: a Redis started beside a PostgreSQL that failed would be left running.
    redis = await startRedis();
    postgres = await startPostgres({ fast: true });
  } catch (error) {
    await redis?.stop();
    return [skipped({ name: 'workers: throughput', unit: 'segments/s', goal: '—' }, (error as Error).message.split('\n')[0]!)];
  }
  // Ctrl-C of the bench stops them too (PostgreSQL runs detached from the terminal).
  const release = stopOnExit([redis, postgres]);
  let engine: CapacityEngine;
  try {
    engine = await fakeEngine(slots, latencyMs);
  } catch (error) {
    await Promise.all([redis.stop(), postgres.stop()]);
    release();
    return [crashed('workers', error)];
  }
  const dir = mkdtempSync(join(tmpdir(), 'tolk-bench-workers-'));
  const figures: Figure[] = [];
  const capacity = (slots * segments) / (latencyMs / 1000);
  const retry = { retries: 2, minDelayMs: 50, maxDelayMs: 500 };
  try {
    const project = (prefix: string) =>
      writeFileSync(
        join(dir, 'tolk.config.json'),
        JSON.stringify({
          sourceLanguage: 'nl',
          targetLanguages: ['af'],
          engines: { '*': 'libretranslate' },
          engineOptions: { libretranslate: { url: engine.url } },
          memory: { url: postgres!.url },
          queue: { url: redis!.url, prefix },
        }),
      );
    const withEngineUrl = (jobs: EngineJob[]) => jobs.map((job) => ({ ...job, engineOptions: { url: engine.url } }));

    // Throughput with 1, 2, 4 workers, each at most 2 jobs; the queue's global concurrency is the engine's slots.
    const throughput = new Map<number, ReturnType<typeof summarize>>();
    const idleSlots = new Map<number, ReturnType<typeof summarize>>();
    for (const workers of [1, 2, 4]) {
      const prefix = `bench-${process.pid}-w${workers}`;
      project(prefix);
      const children = await startWorkers(dir, workers);
      const queue = createBullmqQueue({ url: redis.url, prefix, limits: () => ({ concurrency: slots }), retry });
      try {
        await timeJobs(queue, withEngineUrl(jobsFor(2, segments))); // warm: connections, engine built
        const samples: number[] = [];
        const idle: number[] = [];
        const firstAtEngine: number[] = [];
        for (let r = 0; r < runs; r++) {
          await engine.reset();
          const { seconds, submittedAt } = await timedJobs(queue, withEngineUrl(jobsFor(jobCount, segments)));
          samples.push((jobCount * segments) / seconds);
          const stamps = await engine.stamps();
          firstAtEngine.push(Math.min(...stamps.starts) - submittedAt);
          // Slots the workers can fill: fewer than the engine's with 1 or 2 workers of 2 jobs each.
          idle.push(idlePerJob(stamps, Math.min(slots, workers * 2), latencyMs));
        }
        const s = summarize(samples);
        throughput.set(workers, s);
        idleSlots.set(workers, summarize(idle));
        log(`workers ${workers}: ${Math.round(s.median)} segments/s (capacity ${capacity}), slots the workers fill idle ${Math.round(summarize(idle).median)} ms a job, first job at the engine ${Math.round(summarize(firstAtEngine).median)} ms after submitting ${jobCount}`);
      } finally {
        await queue.close();
        await stopWorkers(children);
      }
    }
    const one = throughput.get(1)!;
    for (const [workers, s] of throughput) {
      const goal = workers === 4 ? '≥ 0.9× capacity and ≥ 3× one worker' : 'reported';
      const pass = workers === 4 ? s.median >= 0.9 * capacity && s.median >= 3 * one.median : true;
      figures.push(
        figure({
          name: `workers: throughput, ${workers} worker process${workers > 1 ? 'es' : ''} × 2 jobs`,
          value: s.median,
          unit: 'segments/s',
          spread: { min: s.min, max: s.max, runs: s.runs },
          baseline: { name: `engine capacity (${slots} slots, ${latencyMs} ms, ${segments} segments)`, value: capacity, unit: 'segments/s' },
          goal,
          pass,
        }),
      );
    }
    // What the workers and Redis add between one request and the next at the engine (only 4 workers fill its slots).
    const idle4 = idleSlots.get(4)!;
    figures.push(
      figure({
        name: 'workers: engine slot idle per job, 4 workers (fetch → engine → store → acknowledge → next fetch)',
        value: idle4.median,
        unit: 'ms/job',
        spread: { min: idle4.min, max: idle4.max, runs: idle4.runs },
        baseline: { name: 'engine time per job', value: latencyMs, unit: 'ms' },
        goal: '≤ 20 ms (0.9× capacity at 200 ms a request)',
        pass: idle4.median <= 20,
      }),
    );

    // A shared rate limit below capacity: 4 workers, intervalCap per second; the server counts request starts.
    try {
      const cap = Math.max(2, Math.floor((slots * 1000) / latencyMs / 2));
      const prefix = `bench-${process.pid}-rate`;
      project(prefix);
      const children = await startWorkers(dir, 4);
      const queue = createBullmqQueue({ url: redis.url, prefix, limits: () => ({ concurrency: slots, intervalCap: cap, interval: 1000 }), retry });
      try {
        await timeJobs(queue, withEngineUrl(jobsFor(1, segments)));
        const rates: number[] = [];
        let most = 0;
        for (let r = 0; r < runs; r++) {
          await engine.reset();
          const jobs = cap * 3;
          const seconds = await timeJobs(queue, withEngineUrl(jobsFor(jobs, segments)));
          rates.push(jobs / seconds);
          const s = [...(await engine.stamps()).starts].sort((a, b) => a - b);
          for (let i = 0, j = 0; j < s.length; j++) {
            while (s[j]! - s[i]! >= 1000) i++;
            most = Math.max(most, j - i + 1);
          }
        }
        const rate = summarize(rates);
        figures.push(
          figure({
            name: `workers: shared rate limit, 4 workers (${cap} requests/s)`,
            value: rate.median,
            unit: 'requests/s',
            spread: { min: rate.min, max: rate.max, runs: rate.runs },
            baseline: { name: 'the limit', value: cap, unit: 'requests/s' },
            goal: '≥ 0.9× the limit (the first window starts at once, so a 3-window run reads above it)',
            pass: rate.median >= 0.9 * cap,
          }),
          figure({
            name: 'workers: most requests in any 1 s sliding window',
            value: most,
            unit: 'requests',
            baseline: { name: 'the limit', value: cap, unit: 'requests' },
            goal: '≤ 2× the limit (fixed windows may meet at a boundary)',
            pass: most <= 2 * cap,
          }),
        );
      } finally {
        await queue.close();
        await stopWorkers(children);
      }
    } catch (error) {
      figures.push(crashed('workers: shared rate limit', error));
    }

    // Overhead per job: one job at a time through the in-process queue vs BullMQ with one worker, engine answering at once.
    try {
      const fast = await fakeEngine(64, 0);
      const prefix = `bench-${process.pid}-overhead`;
      writeFileSync(join(dir, 'tolk.config.json'), JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['af'], engines: { '*': 'libretranslate' }, memory: { url: postgres.url }, queue: { url: redis.url, prefix } }));
      const children = await startWorkers(dir, 1).catch(async (error: unknown) => {
        await fast.close();
        throw error;
      });
      const remote = createBullmqQueue({ url: redis.url, prefix, limits: () => ({ concurrency: 1 }), retry });
      const local = createLocalQueue({ engines: [await createEngine('libretranslate', { url: fast.url })], limits: () => ({ concurrency: 1 }), retry });
      const sequential = async (queue: JobQueue, jobs: EngineJob[]) => {
        const start = performance.now();
        for (const job of jobs) await queue.submit(job);
        return (performance.now() - start) / jobs.length;
      };
      try {
        const n = 20;
        await sequential(remote, jobsFor(2, segments).map((j) => ({ ...j, engineOptions: { url: fast.url } })));
        const overhead: number[] = [];
        for (let r = 0; r < runs; r++) {
          const a = await sequential(local, jobsFor(n, segments));
          const b = await sequential(remote, jobsFor(n, segments).map((j) => ({ ...j, engineOptions: { url: fast.url } })));
          overhead.push(b - a);
        }
        const s = summarize(overhead);
        figures.push(
          figure({
            name: `workers: overhead per job vs the in-process queue (${segments} segments, answer stored in PostgreSQL)`,
            value: s.median,
            unit: 'ms/job',
            spread: { min: s.min, max: s.max, runs: s.runs },
            goal: 'reported',
            pass: true,
          }),
        );
      } finally {
        await remote.close();
        await local.close();
        await stopWorkers(children);
        await fast.close();
      }
    } catch (error) {
      figures.push(crashed('workers: overhead per job', error));
    }
  } catch (error) {
    figures.push(crashed('workers', error));
  } finally {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
    await redis.stop();
    await postgres.stop();
    release();
  }
  return figures;
}
