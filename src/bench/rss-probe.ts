/**
 * Preloaded with `node --import` before the CLI: prints the process's peak
 * RSS in KB on stderr at exit. A preload rather than an `--eval` wrapper,
 * because the CLI's worker threads inherit the flags and `--input-type` would
 * stop them.
 *
 * The peak is `VmHWM` from /proc/self/status, the high-water mark of this
 * process's own memory. Not getrusage's maxRSS: Linux carries that across
 * fork and exec, so a child spawned by a bench that holds 800 MB reported
 * 800 MB whatever it used itself (a 1M-unit `tm copy` measured 879 MB that
 * way and 330 MB under /usr/bin/time). maxRSS only where /proc is missing.
 */
import { readFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

function peakKilobytes(): number {
  try {
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]);
  } catch {
    // No procfs: getrusage below.
  }
  return process.resourceUsage().maxRSS;
}

// Workers load the preload too; only the main thread reports, once.
if (isMainThread) process.on('exit', () => process.stderr.write(`\nmaxrss ${peakKilobytes()}\n`));
