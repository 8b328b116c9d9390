import { resolve } from 'node:path';
import { syncExport, syncExportOmegat, syncLanguages } from '../../api/sync.js';
import { loadProject } from '../../config/index.js';
import { UsageError } from '../../core/errors.js';
import type { Prefill, Xliff12Codes, XliffFormat } from '../../exchange/index.js';
import { printJson, type CommandIO } from '../io.js';
import { language as oneLanguage } from '../options.js';
import { printDiagnostics } from './sync.js';

export interface SyncExportArgs {
  to: string;
  format?: string;
  codes?: string;
  all?: boolean;
  output?: string;
  /** source (default), suggestion or none: what `<target>` holds where no person has translated. */
  prefill?: string;
  /** Write a ready OmegaT project into this directory instead of one XLIFF file. */
  omegat?: string;
  root?: string;
  json?: boolean;
}

const FORMATS: Record<string, XliffFormat> = { xliff2: 'xliff2', xliff12: 'xliff12' };
const FORMAT_NAMES: Record<XliffFormat, string> = { xliff2: 'XLIFF 2.0', xliff12: 'XLIFF 1.2' };

const PREFILLS: readonly Prefill[] = ['source', 'suggestion', 'none'];

/**
 * `tolk sync export --to <lang>`: one XLIFF file with what translators should
 * work on (everything with `--all`), or with `--omegat <dir>` a ready OmegaT
 * project around it.
 */
export async function runSyncExport(args: SyncExportArgs, io: CommandIO): Promise<number> {
  if (args.prefill !== undefined && !PREFILLS.includes(args.prefill as Prefill)) {
    throw new UsageError(`--prefill must be source, suggestion or none, got "${args.prefill}"`);
  }
  if (args.omegat !== undefined) {
    // OmegaT 3.6 reads XLIFF 1.2 with <g>/<x/> codes and translates what <target> holds: the project fixes all three.
    if (args.format !== undefined && args.format !== 'xliff12') throw new UsageError('--omegat writes XLIFF 1.2 (OmegaT 3.6 reads no XLIFF 2.0); leave out --format');
    if (args.prefill !== undefined && args.prefill !== 'source') throw new UsageError('--omegat needs --prefill source (OmegaT translates what <target> holds); leave out --prefill');
    if (args.codes !== undefined && args.codes !== 'g') throw new UsageError('--omegat writes <g>/<x/> codes, which OmegaT shows as tags; leave out --codes');
    if (args.output !== undefined) throw new UsageError('--omegat writes the XLIFF into the project\'s source/; leave out --output');
  }
  const format = FORMATS[args.format ?? 'xliff2'];
  if (!format) throw new UsageError(`--format must be xliff2 or xliff12, got "${args.format}"`);
  if (args.codes !== undefined && args.codes !== 'g' && args.codes !== 'bpt') throw new UsageError(`--codes must be g or bpt, got "${args.codes}"`);
  if (args.codes !== undefined && format !== 'xliff12') throw new UsageError('--codes applies to --format xliff12 only');
  const project = await loadProject({ ...(args.root ? { root: args.root } : {}), cwd: io.cwd });
  const [language] = syncLanguages(project, [oneLanguage(args.to, '--to')]);
  if (args.omegat !== undefined) {
    const report = await syncExportOmegat(project, { to: language!, dir: resolve(io.cwd, args.omegat), display: args.omegat, ...(args.all ? { all: true } : {}) });
    if (args.json) printJson(io, report);
    else {
      printDiagnostics(io, report.diagnostics);
      const reasons = Object.entries(report.byReason).map(([reason, n]) => `${n} ${reason}`).join(', ');
      io.stdout(
        `${args.omegat}: OmegaT project ${report.sourceLanguage} → ${language}: ${report.units} units${reasons ? ` (${reasons})` : ''}; ` +
          `tm/ ${report.memory.human} translations by people, tm/penalty-30/ ${report.memory.machine} machine translations; ${report.glossaryEntries} glossary entries\n` +
          `open it in OmegaT; when done, Project → Create Translated Documents, then: tolk sync import ${args.omegat}\n`,
      );
    }
    return 0;
  }
  const output = args.output ?? `${project.config.sourceLanguage}-${language}.xlf`;
  const report = await syncExport(project, {
    to: language!,
    output: resolve(io.cwd, output),
    format,
    ...(args.codes ? { codes: args.codes as Xliff12Codes } : {}),
    ...(args.all ? { all: true } : {}),
    ...(args.prefill ? { prefill: args.prefill as Prefill } : {}),
  });
  report.file = output;
  if (args.json) printJson(io, report);
  else {
    printDiagnostics(io, report.diagnostics);
    if (report.units === 0) io.stdout(`nothing to translate into ${report.targetLanguage}${args.all ? '' : ' (--all exports every segment)'}; no file written\n`);
    else {
      const reasons = Object.entries(report.byReason).map(([reason, n]) => `${n} ${reason}`).join(', ');
      io.stdout(`${output}: ${report.units} units ${report.sourceLanguage} → ${report.targetLanguage} as ${FORMAT_NAMES[format]} (${reasons})\n`);
    }
  }
  return 0;
}
