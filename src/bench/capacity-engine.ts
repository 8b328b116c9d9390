/**
 * The bench's fake engine with a fixed capacity: a LibreTranslate-wire server
 * serving `slots` requests at once, each `latencyMs`, that records when each
 * request started and ended, and the slot time it sat idle per job.
 *
 * The server runs in a process of its own, as a real engine does: inside the
 * bench process its timers waited behind the producer's work (adding jobs,
 * parsing answers), which made the engine look slower than its capacity and
 * put the producer's cost on the engine's side of the figure.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

export interface CapacityEngine {
  url: string;
  /** When each request started and ended (ms since the epoch) since the last `reset`. */
  stamps(): Promise<{ starts: number[]; ends: number[] }>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

/** A LibreTranslate-wire server in its own process that serves `slots` requests at once, each `latencyMs`. */
export async function fakeEngine(slots: number, latencyMs: number): Promise<CapacityEngine> {
  // No inherited --inspect or --cpu-prof: the engine is not what a profile of the bench is about.
  const child: ChildProcess = fork(fileURLToPath(import.meta.url), ['--serve', String(slots), String(latencyMs)], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: [] });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { url: string }).url));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the bench engine exited ${code} before listening`)));
  });
  child.on('error', () => {});
  const call = async (path: string, method = 'GET') => (await fetch(`${url}${path}`, { method })).json() as Promise<unknown>;
  return {
    url,
    stamps: async () => (await call('/stamps')) as { starts: number[]; ends: number[] },
    reset: async () => void (await call('/reset', 'POST')),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function serve(slots: number, latencyMs: number): Server {
  let starts: number[] = [];
  let ends: number[] = [];
  let busy = 0;
  const waiting: Array<() => void> = [];
  const json = (res: import('node:http').ServerResponse, value: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };
  return createServer((req, res) => {
    if (req.url === '/stamps') return json(res, { starts, ends });
    if (req.url === '/reset') {
      starts = [];
      ends = [];
      return json(res, {});
    }
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const answer = () => {
        busy++;
        starts.push(Date.now());
        setTimeout(() => {
          const q = (JSON.parse(body) as { q: string[] }).q;
          json(res, { translatedText: q.map((s) => `[af] ${s}`) });
          ends.push(Date.now());
          busy--;
          waiting.shift()?.();
        }, latencyMs);
      };
      if (busy < slots) answer();
      else waiting.push(answer);
    });
  });
}

if (process.argv[2] === '--serve' && process.send) {
  const server = serve(Number(process.argv[3]), Number(process.argv[4]));
  server.listen(0, '127.0.0.1', () => process.send!({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
  process.on('SIGTERM', () => process.exit(0));
  process.on('disconnect', () => process.exit(0));
}

/**
 * Slot time the engine sat idle per job while the run lasted (first request start to last answer): slots ×
 * span − time serving, over the jobs. Zero when every slot went from one request straight to the next; what a
 * job costs besides the engine (fetch, store, acknowledge, next fetch) shows here whatever the machine's load.
 */
export function idlePerJob(engine: { starts: number[]; ends: number[] }, slots: number, latencyMs: number): number {
  const jobs = engine.starts.length;
  if (jobs === 0) return 0;
  const span = Math.max(...engine.ends) - Math.min(...engine.starts);
  // The last wave may hold fewer jobs than slots: those slots had nothing left to serve.
  const lastWave = jobs % slots === 0 ? 0 : (slots - (jobs % slots)) * latencyMs;
  return Math.max(0, slots * span - jobs * latencyMs - lastWave) / jobs;
}
