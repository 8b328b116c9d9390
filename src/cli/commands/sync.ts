import { syncEdits } from '../../api/sync.js';
import { loadProject } from '../../config/index.js';
import { formatDiagnostic, type Diagnostic } from '../../core/diagnostic.js';
import type { LanguageStatus } from '../../sync/index.js';
import { printJson, type CommandIO } from '../io.js';
import { projectLockFile, withLock } from '../lock.js';
import { languageList } from '../options.js';

export interface SyncArgs {
  to?: string;
  root?: string;
  json?: boolean;
  /** False (`--no-wait`): exit 2 at once when another run holds the project lock. */
  wait?: boolean;
}

/**
 * `tolk sync`: hand edits in localized articles go into the memory as human
 * translations (reported one by one; what cannot be matched to the source is
 * reported, never guessed), then a short status per language. Exit 1 when an
 * edit could not be read back or stored, or a glossary error was found.
 */
export async function runSync(args: SyncArgs, io: CommandIO): Promise<number> {
  const project = await loadProject({ ...(args.root ? { root: args.root } : {}), cwd: io.cwd });
  const to = args.to === undefined ? {} : { to: languageList(args.to) };
  return withLock(projectLockFile(project), io, { command: 'tolk sync', wait: args.wait !== false }, async () => {
    const report = await syncEdits(project, to);
    if (args.json) {
      printJson(io, report);
    } else {
      for (const edit of report.stored) {
        const what = edit.kind === 'edited' ? 'edited' : 'translated by hand';
        io.stdout(`${edit.file}:${edit.line}: ${what}; stored in the memory as a human translation [segment ${edit.segmentId.slice(0, 12)}]\n`);
      }
      printDiagnostics(io, [...report.problems, ...report.findings, ...report.diagnostics]);
      for (const file of report.written) io.stdout(`rebuilt ${file}\n`);
      io.stdout(`${report.stored.length} hand edits stored${report.problems.length ? `, ${report.problems.length} not read back (see above)` : ''}\n`);
      printStatus(io, report.status);
    }
    return report.problems.length > 0 || report.findings.some((f) => f.severity === 'error') ? 1 : 0;
  });
}

export function printDiagnostics(io: CommandIO, diagnostics: readonly Diagnostic[]): void {
  for (const d of diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
}

/** `af: 120 segments: 3 open, 80 machine, 30 human, 7 reviewed; 26 UI strings: 0 open, …` */
export function printStatus(io: CommandIO, status: readonly LanguageStatus[]): void {
  const counts = (c: { open: number; machine: number; human: number; reviewed: number }) =>
    `${c.open} open, ${c.machine} machine, ${c.human} human, ${c.reviewed} reviewed`;
  for (const s of status) {
    const parts = [s.segments ? `${s.segments} segments: ${counts(s)}` : 'no articles'];
    if (s.strings.count) parts.push(`${s.strings.count} UI strings: ${counts(s.strings)}`);
    io.stdout(`${s.language}: ${parts.join('; ')}\n`);
  }
}
