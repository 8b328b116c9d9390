/**
 * Preloaded with `node --import` before the CLI: prints the process's peak
 * RSS (getrusage maxRSS, in KB) on stderr at exit. A preload rather than an
 * `--eval` wrapper, because the CLI's worker threads inherit the flags and
 * `--input-type` would stop them.
 */
import { isMainThread } from 'node:worker_threads';

// Workers load the preload too; only the main thread reports, once.
if (isMainThread) process.on('exit', () => process.stderr.write(`\nmaxrss ${process.resourceUsage().maxRSS}\n`));
