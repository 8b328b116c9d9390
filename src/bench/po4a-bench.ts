import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One locale on every machine: po4a's charset handling follows it, and the corpus is UTF-8. */
const env = { ...process.env, LC_ALL: 'C.UTF-8' };

function run(command: string, args: string[]): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { encoding: 'utf8', env, maxBuffer: 1 << 26 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${result.status}: ${result.stderr}`);
  return result;
}

export function po4aInstalled(): boolean {
  return spawnSync('po4a', ['--version'], { env }).status === 0;
}

/** A po4a project over the same files, ready to be timed run by run (so runs can alternate with other tools'). */
export interface Po4aRun {
  /** One warm run as a fresh process; seconds. Throws unless po4a exited 0 and wrote every file. */
  once(): number;
  cleanup(): void;
}

/**
 * po4a's warm run, the equivalent of tolk's: one config over the same
 * Markdown files (`[type: text]`, `-o markdown`), one PO whose every entry is
 * translated (msgid copied by gettext's `msgen`), and each timed run re-applies
 * it to write every localized file (`--no-update`: the POT and PO are left
 * alone; the outputs are removed first so none is skipped as up to date).
 * `--keep 100` writes only fully translated files, so counting them checks
 * that every string was found.
 */
export function preparePo4a(sourceDir: string, paths: string[]): Po4aRun {
  const dir = mkdtempSync(join(tmpdir(), 'tolk-bench-po4a-'));
  mkdirSync(join(dir, 'po'));
  const config = join(dir, 'po4a.cfg');
  writeFileSync(
    config,
    [
      '[po4a_langs] af',
      `[po4a_paths] ${join(dir, 'po/corpus.pot')} $lang:${join(dir, 'po/$lang.po')}`,
      '[options] opt:"-o markdown"',
      ...paths.map((path) => `[type: text] ${path} $lang:$lang/${path}`),
      '',
    ].join('\n'),
  );
  run('po4a', ['--no-translations', '--srcdir', sourceDir, config]);
  const po = join(dir, 'po/af.po');
  run('msgen', ['-o', po, po]);
  return {
    once() {
      rmSync(join(dir, 'af'), { recursive: true, force: true });
      const started = performance.now();
      run('po4a', ['--no-update', '--keep', '100', '--srcdir', sourceDir, '--destdir', dir, config]);
      const seconds = (performance.now() - started) / 1000;
      const written = paths.filter((path) => existsSync(join(dir, 'af', path))).length;
      if (written !== paths.length) throw new Error(`po4a wrote ${written} of ${paths.length} fully translated files`);
      return seconds;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
