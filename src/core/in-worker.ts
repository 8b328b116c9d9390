import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ConfigError, InputError, UsageError, type Location } from './errors.js';

type Message = { type: 'done'; result: unknown } | { type: 'error'; error: WorkerError };

/** An error as a worker posts it: tolk's named errors by name and location, any other with its stack for the error log. */
export interface WorkerError {
  name: string;
  message: string;
  location: Location;
  stack?: string;
}

const entry = fileURLToPath(new URL('./worker-entry.js', import.meta.url));
// A LimitError's message already names its limit: it comes back as the InputError it is.
const errors: Record<string, new (message: string, location: Location) => Error> = { InputError, LimitError: InputError, ConfigError, UsageError };

/**
 * The error a worker reported, as an error of this thread: tolk's own named
 * errors as themselves (exit 2 where they say so), anything else as an Error
 * that keeps the worker's name and stack, so the bin's last resort logs where
 * it happened and prints one line.
 */
export function errorFromWorker(error: WorkerError): Error {
  const Named = errors[error.name];
  if (Named) return new Named(error.message, error.location);
  const e = new Error(error.message);
  e.name = error.name;
  if (error.stack) e.stack = `${error.stack}\n    (in a worker thread)`;
  return e;
}

/**
 * Calls `name` exported by `module` on a worker thread with `args` (structured
 * clones), so independent passes of one command use both cores; tolk's errors
 * come back as themselves. Where the compiled worker entry is not available
 * (running from TypeScript sources), the function runs here instead.
 */
export async function inWorker<T>(module: URL, name: string, args: unknown[], here: () => Promise<T>): Promise<T> {
  const file = fileURLToPath(module);
  if (!existsSync(entry) || !file.endsWith('.js') || !existsSync(file)) return here();
  const worker = new Worker(entry, { workerData: { module: module.href, name, args } });
  try {
    const message = await new Promise<Message>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`worker for ${name} stopped (exit code ${code}) before it reported`)));
    });
    if (message.type === 'done') return message.result as T;
    throw errorFromWorker(message.error);
  } finally {
    await worker.terminate();
  }
}
