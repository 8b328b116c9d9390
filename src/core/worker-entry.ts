/** Worker-thread side of `inWorker`: imports the module, calls the function, posts its result or the error that stopped it. */
import { parentPort, workerData } from 'node:worker_threads';
import { TolkError } from './errors.js';

const { module, name, args } = workerData as { module: string; name: string; args: unknown[] };
try {
  const exports = (await import(module)) as Record<string, (...a: unknown[]) => unknown>;
  parentPort!.postMessage({ type: 'done', result: await exports[name]!(...args) });
} catch (error) {
  const e = error as Error;
  const named = error instanceof TolkError;
  parentPort!.postMessage({ type: 'error', error: { name: e.name, message: e.message, location: named ? error.location : {}, ...(!named && e.stack ? { stack: e.stack } : {}) } });
}
