import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Project } from '../config/index.js';
import { ConfigError, InputError, UsageError, type Location } from '../core/errors.js';
import { checkStrings, type StringsReport } from './check-strings.js';

type Message =
  | { type: 'done'; reports: Map<string, StringsReport> }
  | { type: 'error'; error: { name: string; message: string; location: Location } };

const workerFile = fileURLToPath(new URL('./check-strings-worker.js', import.meta.url));
const errors: Record<string, new (message: string, location: Location) => Error> = { InputError, ConfigError, UsageError };

/**
 * `checkStrings` on a worker thread, so parsing and checking the locale files
 * runs on one core while the caller reads the articles on another (`tolk check`
 * on 20 locales × 5,000 keys and 20,000 articles: about a third faster). Same
 * contract and errors as `checkStrings`; falls back to it where the compiled
 * worker is not available (running from TypeScript sources).
 */
export async function checkStringsInWorker(project: Project, languages: readonly string[]): Promise<Map<string, StringsReport>> {
  if (!existsSync(workerFile)) return checkStrings(project, languages);
  const worker = new Worker(workerFile, { workerData: { project: { root: project.root, config: project.config, configFile: project.configFile }, languages: [...languages] } });
  try {
    const message = await new Promise<Message>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`strings worker stopped (exit code ${code}) before it reported`)));
    });
    if (message.type === 'done') return message.reports;
    const Named = errors[message.error.name];
    throw Named ? new Named(message.error.message, message.error.location) : new Error(message.error.message);
  } finally {
    await worker.terminate();
  }
}
