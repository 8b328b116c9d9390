import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ConfigError, InputError, UsageError, type Location } from './errors.js';

type Message = { type: 'done'; result: unknown } | { type: 'error'; error: { name: string; message: string; location: Location } };

const entry = fileURLToPath(new URL('./worker-entry.js', import.meta.url));
const errors: Record<string, new (message: string, location: Location) => Error> = { InputError, ConfigError, UsageError };

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
    const Named = errors[message.error.name];
    throw Named ? new Named(message.error.message, message.error.location) : new Error(message.error.message);
  } finally {
    await worker.terminate();
  }
}
