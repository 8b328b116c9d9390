import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../cli/bin.js', import.meta.url));
const probe = new URL('./rss-probe.js', import.meta.url).href;

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  /** Peak resident set size of the command's own process, in MB (VmHWM; see rss-probe.ts). */
  peakMB: number;
}

/**
 * Runs the built `tolk` CLI in its own process, so its time and peak memory
 * are the command's alone: a preloaded probe reads its peak RSS (VmHWM) at exit
 * (what `/usr/bin/time -v` prints for it when started from a shell).
 */
export function runCli(args: string[]): CliRun {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', probe, bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - started) / 1000;
  const kilobytes = Number(/maxrss (\d+)/.exec(run.stderr)?.[1] ?? Number.NaN);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, seconds, peakMB: kilobytes / 1024 };
}
