import { stringsDiagnostics, translateDiagnostics } from '../../api/run-diagnostics.js';
import { translate, translateStrings } from '../../api/translate.js';
import { loadProject, type Project } from '../../config/index.js';
import { formatDiagnostic, type Diagnostic } from '../../core/diagnostic.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import type { StringsSummary, TranslateSummary } from '../../pipeline/index.js';
import type { QueueCounts } from '../../queue/index.js';
import { printJson, type CommandIO } from '../io.js';
import { lockMessages } from '../lock.js';
import { languageList, wholeNumber } from '../options.js';
import { createProgress } from '../progress.js';

export interface TranslateArgs {
  root?: string;
  to?: string;
  engine?: string;
  articles?: string;
  concurrency?: string;
  apertiumUrl?: string;
  engineUrl?: string;
  model?: string;
  dryRun?: boolean;
  force?: boolean;
  /** Fill missing UI strings instead of translating articles. */
  strings?: boolean;
  json?: boolean;
  /** False (`--no-wait`): exit 2 at once when another run holds the project lock. */
  wait?: boolean;
}

/** `tolk translate`: memory first, engines for the rest, localized articles written atomically. */
export async function runTranslate(args: TranslateArgs, io: CommandIO): Promise<number> {
  const project = await loadProject({ ...(args.root ? { root: args.root } : {}), cwd: io.cwd });
  const to = args.to === undefined ? undefined : languageList(args.to);
  const concurrency = args.concurrency === undefined ? undefined : wholeNumber(args.concurrency, '--concurrency', 1, 64);
  // The library takes the project lock (a dry run none); the CLI says on stderr whom it waits for.
  return translateProject(project, to, concurrency, args, io);
}

async function translateProject(project: Project, to: string[] | undefined, concurrency: number | undefined, args: TranslateArgs, io: CommandIO): Promise<number> {
  const progress = createProgress(io, { quiet: Boolean(args.json || args.dryRun || args.strings), queueEveryMs: Number(io.env.TOLK_QUEUE_PROGRESS_MS) || 10_000 });
  const logger: Logger = args.json ? silentLogger : { info: () => {}, warn: (m) => io.stderr(`warning: ${m}\n`) };
  const options = {
    ...(to ? { to } : {}),
    ...(args.engine ? { engine: args.engine } : {}),
    ...(args.engineUrl ? { engineUrl: args.engineUrl } : {}),
    ...(args.apertiumUrl ? { apertiumUrl: args.apertiumUrl } : {}),
    ...(args.model ? { model: args.model } : {}),
    ...(concurrency !== undefined ? { concurrency } : {}),
    ...(args.dryRun ? { dryRun: true } : {}),
    env: io.env,
    lock: lockMessages(io, args.wait !== false),
    logger,
    // A shared queue's jobs across every worker, read every second (bars) and printed as the progress allows.
    onQueue: (counts: QueueCounts, final: boolean) => progress.queue(counts, final),
    ...(io.signal ? { signal: io.signal } : {}),
  };
  try {
    if (args.strings) {
      const summary = await translateStrings(project, options);
      const diagnostics = stringsDiagnostics(summary);
      if (args.json) printJson(io, { ...summary, diagnostics });
      else printStrings(io, summary, diagnostics, Boolean(args.dryRun));
      return summary.failed.length > 0 ? 1 : 0;
    }
    const summary = await translate(project, {
      ...options,
      onProgress: (event) => progress.update(event),
      ...(args.articles ? { articles: args.articles } : {}),
      ...(args.force ? { force: true } : {}),
    });
    progress.stop();
    // The documented lists (`failed`, `violations`, `qa`) stay; `diagnostics` restates them in the one report shape.
    const diagnostics = translateDiagnostics(summary, project.config.glossary);
    if (args.json) printJson(io, { ...summary, diagnostics });
    else printHuman(io, summary, diagnostics, Boolean(args.dryRun));
    return summary.failed.length > 0 || summary.interrupted ? 1 : 0;
  } finally {
    progress.stop();
  }
}

function printStrings(io: CommandIO, summary: StringsSummary, diagnostics: readonly Diagnostic[], dryRun: boolean): void {
  for (const d of diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  for (const [language, s] of Object.entries(summary.languages)) {
    const filled = summary.filled.filter((f) => f.language === language).length;
    io.stdout(
      `${language} (${s.engine}): ${s.missing} missing strings, ${s.tmExact} from memory, ` +
        `${dryRun ? 'would send' : 'sent'} ${s.engineSegments} in ${s.engineRequests} requests${dryRun ? '' : `, ${filled} filled`}\n`,
    );
  }
}

function printHuman(io: CommandIO, summary: TranslateSummary, diagnostics: readonly Diagnostic[], dryRun: boolean): void {
  for (const d of diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  for (const [language, s] of Object.entries(summary.languages)) {
    const verb = dryRun ? 'would send' : 'sent';
    io.stdout(
      `${language} (${s.engine}): ${s.unique} unique segments, ${s.tmExact} from memory${s.tmContext ? ` (${s.tmContext} in context, 101 %)` : ''}${dryRun ? ` (${s.tmFuzzy} more with fuzzy matches)` : ''}, ` +
        `${verb} ${s.engineSegments} (${s.engineCharacters} characters) in ${s.engineRequests} requests` +
        `${s.failed ? `, ${s.failed} failed` : ''}${s.glossaryViolations ? `, ${s.glossaryViolations} glossary violations` : ''}` +
        `${s.qaFindings ? `, ${s.qaFindings} QA findings` : ''}` +
        `${dryRun ? '' : `, ${s.written} written`}\n`,
    );
  }
  if (summary.upToDate) io.stdout(`${summary.upToDate} localized articles already up to date\n`);
  if (summary.harvested) io.stdout(`${summary.harvested} translations read back from localized articles into the memory\n`);
  if (summary.interrupted) io.stdout('interrupted: what was translated so far is in the memory; run again to finish\n');
}
