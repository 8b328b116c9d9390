import { runWorker } from '../../api/worker.js';
import { loadProject } from '../../config/index.js';
import type { CommandIO } from '../io.js';
import { engineNames } from '../../engines/index.js';
import { choiceList, wholeNumber } from '../options.js';

export interface WorkerArgs {
  root?: string;
  engines?: string;
  concurrency?: string;
}

/**
 * `tolk worker`: runs engine jobs from the team's Redis until SIGTERM or
 * SIGINT, a health line a minute on stdout. Exits 0 after a graceful stop.
 */
export async function runWorkerCommand(args: WorkerArgs, io: CommandIO): Promise<number> {
  const project = await loadProject({ ...(args.root ? { root: args.root } : {}), cwd: io.cwd });
  const engines = args.engines === undefined ? undefined : choiceList(args.engines, '--engines', engineNames());
  const concurrency = args.concurrency === undefined ? undefined : wholeNumber(args.concurrency, '--concurrency', 1, 64);
  const every = Number(io.env.TOLK_WORKER_HEALTH_MS) || 60_000;
  const summary = await runWorker(project, {
    ...(engines ? { engines } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    env: io.env,
    logger: { info: (m) => io.stdout(`${m}\n`), warn: (m) => io.stderr(`warning: ${m}\n`) },
    ...(io.signal ? { signal: io.signal } : {}),
    healthEveryMs: every,
    onReady: ({ engines: names, queue }) => io.stdout(`worker: taking ${names.join(', ')} jobs from ${queue}\n`),
    onHealth: (h) => io.stdout(`worker: ${h.done} done, ${h.failed} failed, ${h.waiting} waiting, ${h.active} running (${h.engines.join(', ')})\n`),
  });
  io.stdout(`worker: stopped after ${summary.done} done, ${summary.failed} failed\n`);
  return 0;
}
