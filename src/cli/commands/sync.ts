import type { Project } from '../../config/index.js';
import { loadProject } from '../../config/index.js';
import { formatDiagnostic, type Diagnostic } from '../../core/diagnostic.js';
import { UsageError } from '../../core/errors.js';
import { loadGlossaries } from '../../glossary/index.js';
import { openMemory } from '../../memory/index.js';
import { indexSegments, matchLanguage, syncMarkdown, syncStatus, type GlossaryContext, type LanguageStatus } from '../../sync/index.js';
import { printJson, type CommandIO } from '../io.js';
import { projectLockFile, withLock } from '../lock.js';

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
  const languages = syncLanguages(project, args.to);
  const glossary = await projectGlossary(project);
  return withLock(projectLockFile(project), io, { command: 'tolk sync', wait: args.wait !== false }, () => syncEdits(project, languages, glossary, args, io));
}

async function syncEdits(project: Project, languages: string[], glossary: GlossaryContext | undefined, args: SyncArgs, io: CommandIO): Promise<number> {
  const store = openMemory(project);
  try {
    const index = await indexSegments(project, languages);
    const report = await syncMarkdown({ project, store, index, languages, ...(glossary ? { glossary } : {}) });
    const status = await syncStatus(project, store, index, languages);
    if (args.json) {
      printJson(io, { ...report, status });
    } else {
      for (const edit of report.stored) {
        const what = edit.kind === 'edited' ? 'edited' : 'translated by hand';
        io.stdout(`${edit.file}:${edit.line}: ${what}; stored in the memory as a human translation [segment ${edit.segmentId.slice(0, 12)}]\n`);
      }
      printDiagnostics(io, [...report.problems, ...report.findings, ...report.diagnostics]);
      for (const file of report.written) io.stdout(`rebuilt ${file}\n`);
      io.stdout(`${report.stored.length} hand edits stored${report.problems.length ? `, ${report.problems.length} not read back (see above)` : ''}\n`);
      printStatus(io, status);
    }
    return report.problems.length > 0 || report.findings.some((f) => f.severity === 'error') ? 1 : 0;
  } finally {
    await store.close();
  }
}

/** `--to a,b` checked against the target languages; default all of them (articles only in the article languages among them). */
export function syncLanguages(project: Project, to: string | undefined): string[] {
  const { targetLanguages } = project.config;
  if (to === undefined) return targetLanguages;
  const asked = to.split(',').map((l) => l.trim()).filter(Boolean);
  if (asked.length === 0) throw new UsageError('--to names no language');
  return asked.map((language) => {
    const found = matchLanguage(language, targetLanguages);
    if (!found) throw new UsageError(`--to ${language} is not a target language of this project (targetLanguages: ${targetLanguages.join(', ')})`);
    return found;
  });
}

export async function projectGlossary(project: Project): Promise<GlossaryContext | undefined> {
  if (project.config.glossaries.length === 0) return undefined;
  return { glossary: await loadGlossaries(project.root, project.config.glossaries), enforcement: project.config.glossary.enforcement };
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
