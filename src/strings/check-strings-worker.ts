/** Worker-thread side of `checkStringsInWorker`: runs `checkStrings` and posts the reports, or the error that stopped it. */
import { parentPort, workerData } from 'node:worker_threads';
import type { Project } from '../config/index.js';
import { TolkError } from '../core/errors.js';
import { checkStrings } from './check-strings.js';

const { project, languages } = workerData as { project: Project; languages: string[] };
try {
  parentPort!.postMessage({ type: 'done', reports: await checkStrings(project, languages) });
} catch (error) {
  const e = error as Error;
  parentPort!.postMessage({ type: 'error', error: { name: e.name, message: e.message, location: error instanceof TolkError ? error.location : {} } });
}
