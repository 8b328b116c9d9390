import cliProgress from 'cli-progress';
import type { CommandIO } from './io.js';

export interface Progress {
  update(event: { language: string; done: number; total: number }): void;
  stop(): void;
}

/**
 * Progress per language: bars when a person watches a terminal, otherwise a
 * plain line at each quarter, so CI logs stay readable.
 */
export function createProgress(io: CommandIO, quiet: boolean): Progress {
  if (quiet) return { update() {}, stop() {} };
  if (io.isTTY) {
    const multi = new cliProgress.MultiBar(
      { format: ' {language} [{bar}] {value}/{total} segments', hideCursor: true, clearOnComplete: false, stream: process.stderr },
      cliProgress.Presets.shades_classic,
    );
    const bars = new Map<string, cliProgress.SingleBar>();
    return {
      update({ language, done, total }) {
        if (total === 0) return;
        const bar = bars.get(language) ?? multi.create(total, 0, { language });
        bars.set(language, bar);
        bar.setTotal(total);
        bar.update(done, { language });
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
    stop() {},
  };
}
