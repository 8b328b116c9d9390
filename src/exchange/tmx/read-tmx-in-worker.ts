import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { errorFromWorker, type WorkerError } from '../../core/in-worker.js';
import { limitsWith } from '../../core/limits.js';
import { readTmx } from './read-tmx.js';
import type { ReadTmxOptions, TmxDocument, TmxHeader, TmxUnit } from './types.js';

type Message =
  | { type: 'header'; header: TmxHeader }
  | { type: 'units'; units: TmxUnit[] }
  | { type: 'end' }
  | { type: 'error'; error: WorkerError };

const workerFile = fileURLToPath(new URL('./read-tmx-worker.js', import.meta.url));

/**
 * `readTmx` on a worker thread: XML parsing runs on one core while the caller
 * (a memory import writing SQLite) runs on the other. Same contract as
 * `readTmx`; falls back to it where the compiled worker is not available
 * (running from TypeScript sources).
 */
export async function readTmxInWorker(path: string, options: ReadTmxOptions = {}): Promise<TmxDocument> {
  if (!existsSync(workerFile)) return readTmx(path, options);
  // The worker does not see this thread's project limits: they travel with the options.
  const worker = new Worker(workerFile, { workerData: { path, options: { ...options, limits: limitsWith(options.limits) } } });
  const queue: Message[] = [];
  let wake: (() => void) | undefined;
  let crashed: Error | undefined;
  worker.on('message', (message: Message) => {
    queue.push(message);
    wake?.();
  });
  worker.on('error', (error) => {
    crashed = error;
    wake?.();
  });
  const next = async (): Promise<Message> => {
    while (queue.length === 0) {
      if (crashed) throw crashed;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
    const message = queue.shift()!;
    if (message.type === 'error') {
      await worker.terminate();
      throw errorFromWorker(message.error);
    }
    return message;
  };
  let first: Message;
  try {
    first = await next();
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  if (first.type !== 'header') throw new Error('TMX worker sent units before the header');
  async function* units(): AsyncGenerator<TmxUnit, void, undefined> {
    try {
      for (;;) {
        const message = await next();
        if (message.type === 'end') return;
        if (message.type !== 'units') continue;
        worker.postMessage('ack');
        yield* message.units;
      }
    } finally {
      await worker.terminate();
    }
  }
  return { header: first.header, units: units() };
}
