import { resolve } from 'node:path';
import { tmxImportDiagnostics } from '../../api/run-diagnostics.js';
import { loadProject, type Project } from '../../config/index.js';
import { formatDiagnostic } from '../../core/diagnostic.js';
import { UsageError } from '../../core/errors.js';
import { importTmx } from '../../exchange/index.js';
import { openMemory, STATUSES, type Status } from '../../memory/index.js';
import { segmentId } from '../../tagged/index.js';
import { checkQa, storedFinding } from '../../qa/index.js';
import { printJson, type CommandIO } from '../io.js';
import { projectLockFile, withLock } from '../lock.js';

export interface TmImportArgs {
  file: string;
  status?: string;
  root?: string;
  json?: boolean;
  /** False (`--no-wait`): exit 2 at once when another run holds the project lock. */
  wait?: boolean;
}

/** Rejects printed one per line before the rest are summed up (a refused re-import can reject every unit). */
const SHOWN = 50;

/** `tolk tm import <file.tmx>`: all or nothing; reports imported, updated and skipped (with reasons). */
export async function runTmImport(args: TmImportArgs, io: CommandIO): Promise<number> {
  if (args.status && !STATUSES.includes(args.status as Status)) {
    throw new UsageError(`--status must be one of ${STATUSES.join(', ')}, got "${args.status}"`);
  }
  const project = await loadProject({ ...(args.root ? { root: args.root } : {}), cwd: io.cwd });
  return withLock(projectLockFile(project), io, { command: 'tolk tm import', wait: args.wait !== false }, () => importInto(project, args, io));
}

async function importInto(project: Project, args: TmImportArgs, io: CommandIO): Promise<number> {
  const store = openMemory(project);
  try {
    const report = await importTmx(store, resolve(io.cwd, args.file), {
      displayName: args.file,
      ...(args.status ? { status: args.status as Status } : {}),
      // QA findings go into the memory with the units, so XLIFF notes and `tolk check` show them later.
      check: (write) => checkQa(write.source, write.target, { source: write.sourceLanguage, target: write.targetLanguage }, project.config.qa, write.segmentId ?? segmentId(write.sourceLanguage, write.source)).map(storedFinding),
    });
    const { rejects: _rejects, ...counts } = report;
    const diagnostics = tmxImportDiagnostics(report);
    if (args.json) printJson(io, { ...counts, diagnostics });
    else {
      for (const d of diagnostics.slice(0, SHOWN)) io.stderr(`${formatDiagnostic(d)}\n`);
      if (diagnostics.length > SHOWN) io.stderr(`… and ${diagnostics.length - SHOWN} more not imported (--json lists them all)\n`);
      io.stdout(`${report.file}: ${report.imported} imported, ${report.updated} updated, ${report.unchanged} unchanged, ${report.skipped} skipped\n`);
      for (const [reason, count] of Object.entries(report.skippedReasons)) io.stdout(`  skipped ${count}: ${reason}\n`);
      if (report.flagged) io.stdout(`  ${report.flagged} with QA findings (stored with them; \`tolk qa ${args.file}\` lists them)\n`);
    }
    return 0;
  } finally {
    await store.close();
  }
}
