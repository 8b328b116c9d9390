import cliProgress from 'cli-progress';
import type { QueueCounts } from '../queue/index.js';
import type { CommandIO } from './io.js';

export interface Progress {
  update(event: { language: string; done: number; total: number }): void;
  /** A shared queue's jobs across every worker (`final`: as the run ended). */
  queue(counts: QueueCounts, final: boolean): void;
  stop(): void;
}

export interface ProgressOptions {
  /** No per-language progress (`--json`, `--dry-run`, `--strings`). */
  quiet: boolean;
  /** Queue lines on stderr when not on a terminal (or under `--json`): at most one per this many ms, and the last. @default 10000 */
  queueEveryMs?: number;
}

const queueLine = (c: QueueCounts) => `queue: ${c.waiting} waiting, ${c.active} active, ${c.done} done${c.failed ? `, ${c.failed} failed` : ''} (all workers)`;

/**
 * Progress per language: bars when a person watches a terminal, otherwise a
 * plain line at each quarter, so CI logs stay readable. With a shared queue,
 * its jobs across every worker: one more line among the bars, or a line on
 * stderr every `queueEveryMs` and when the run ends (never on stdout, so
 * `--json` output stays one JSON document).
 */
export function createProgress(io: CommandIO, options: ProgressOptions): Progress {
  const queue = queueLines(io, options.queueEveryMs ?? 10_000);
  if (options.quiet) return { update() {}, queue, stop() {} };
  if (io.isTTY) {
    const multi = new cliProgress.MultiBar(
      { format: ' {language} [{bar}] {value}/{total} segments', hideCursor: true, clearOnComplete: false, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    const bars = new Map<string, cliProgress.SingleBar>();
    let queueBar: cliProgress.SingleBar | undefined;
    return {
      update({ language, done, total }) {
        if (total === 0) return;
        const bar = bars.get(language) ?? multi.create(total, 0, { language });
        bars.set(language, bar);
        bar.setTotal(total);
        bar.update(done, { language });
      },
      queue(counts) {
        queueBar ??= multi.create(1, 0, counts, { format: ' queue: {waiting} waiting, {active} active, {done} done, {failed} failed (all workers)' });
        queueBar.update(0, counts);
      },
      stop: () => multi.stop(),
    };
  }
  const reported = new Map<string, number>();
  return {
    update({ language, done, total }) {
      if (total === 0) return;
      const quarter = Math.floor((4 * done) / total);
      if ((reported.get(language) ?? -1) >= quarter) return;
      reported.set(language, quarter);
      io.stderr(`${language}: ${done}/${total} segments\n`);
    },
    queue,
    stop() {},
  };
}

/** The queue as a plain stderr line, at most one per `everyMs`, and the last one always. */
function queueLines(io: CommandIO, everyMs: number): Progress['queue'] {
  let last = -Infinity;
  return (counts, final) => {
    if (!final && Date.now() - last < everyMs) return;
    last = Date.now();
    io.stderr(`${queueLine(counts)}\n`);
  };
}
