import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { syncImport } from '../../api/sync.js';
import { loadProject } from '../../config/index.js';
import { omegatTargetFiles } from '../../sync/index.js';
import { printJson, type CommandIO } from '../io.js';
import { projectLockFile, withLock } from '../lock.js';
import { language } from '../options.js';
import { printDiagnostics, printStatus } from './sync.js';

export interface SyncImportArgs {
  files: string[];
  to?: string;
  root?: string;
  json?: boolean;
  /** False (`--no-wait`): exit 2 at once when another run holds the project lock. */
  wait?: boolean;
}

const isDirectory = (path: string) => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/**
 * `tolk sync import <file...>`: translators' XLIFF into the memory and the
 * localized articles. Exit 2 (nothing changed) for a file that cannot be
 * imported at all; exit 1 when some units were rejected, a hand edit could
 * not be kept or a glossary error was found; otherwise 0.
 */
export async function runSyncImport(args: SyncImportArgs, io: CommandIO): Promise<number> {
  const to = args.to === undefined ? undefined : language(args.to, '--to');
  const project = await loadProject({ ...(args.root ? { root: args.root } : {}), cwd: io.cwd });
  return withLock(projectLockFile(project), io, { command: 'tolk sync import', wait: args.wait !== false }, async () => {
    const report = await syncImport(
      project,
      // A directory is an OmegaT project exported with --omegat: the files OmegaT wrote into its target/.
      args.files.flatMap((file) => {
        const path = resolve(io.cwd, file);
        return isDirectory(path) ? omegatTargetFiles(path, file) : [{ path, display: file }];
      }),
      to ? { to } : {},
    );
    if (args.json) printJson(io, report);
    else {
      printDiagnostics(io, [...report.rejected, ...report.fuzzy, ...report.draftsNotApplied, ...report.findings, ...report.problems, ...report.diagnostics]);
      for (const file of report.written) io.stdout(`wrote ${file}\n`);
      io.stdout(
        `${report.imported} imported${report.drafts ? ` (${report.drafts} drafts)` : ''}, ${report.unchanged} unchanged, ` +
          `${report.untranslated} untranslated, ${report.fuzzy.length} stored as fuzzy matches (source changed), ${report.rejected.length} rejected` +
          `${report.edits ? `; ${report.edits} hand edits stored first` : ''}\n`,
      );
      printStatus(io, report.status);
    }
    // A hand edit the file's translation replaced is worth saying, not a failure.
    const lost = report.problems.filter((p) => p.rule !== 'edit-superseded');
    const failed = report.rejected.length > 0 || lost.length > 0 || report.findings.some((f) => f.severity === 'error');
    return failed ? 1 : 0;
  });
}
