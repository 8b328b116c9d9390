/**
 * The bench's fake engine with a fixed capacity: a LibreTranslate-wire server
 * serving `slots` requests at once, each `latencyMs`, that records when each
 * request started and ended, and the slot time it sat idle per job.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A LibreTranslate-wire server that serves `slots` requests at once, each `latencyMs`, and records request starts and ends. */
export async function fakeEngine(slots: number, latencyMs: number) {
  const starts: number[] = [];
  const ends: number[] = [];
  let busy = 0;
  const queue: Array<() => void> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const serve = () => {
        busy++;
        starts.push(Date.now());
        setTimeout(() => {
          const q = (JSON.parse(body) as { q: string[] }).q;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ translatedText: q.map((s) => `[af] ${s}`) }));
          ends.push(Date.now());
          busy--;
          queue.shift()?.();
        }, latencyMs);
      };
      if (busy < slots) serve();
      else queue.push(serve);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, starts, ends, close: () => new Promise<void>((r) => server.close(() => r())) };
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
