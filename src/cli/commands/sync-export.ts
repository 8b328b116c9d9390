import { resolve } from 'node:path';
import { syncExport, syncLanguages } from '../../api/sync.js';
import { loadProject } from '../../config/index.js';
import { UsageError } from '../../core/errors.js';
import type { Xliff12Codes, XliffFormat } from '../../exchange/index.js';
import { printJson, type CommandIO } from '../io.js';
import { languageList } from '../options.js';
import { printDiagnostics } from './sync.js';

export interface SyncExportArgs {
  to: string;
  format?: string;
  codes?: string;
  all?: boolean;
  output?: string;
  root?: string;
  json?: boolean;
}

const FORMATS: Record<string, XliffFormat> = { xliff2: 'xliff2', xliff12: 'xliff12' };
const FORMAT_NAMES: Record<XliffFormat, string> = { xliff2: 'XLIFF 2.0', xliff12: 'XLIFF 1.2' };

/** `tolk sync export --to <lang>`: one XLIFF file with what translators should work on (everything with `--all`). */
export async function runSyncExport(args: SyncExportArgs, io: CommandIO): Promise<number> {
  const format = FORMATS[args.format ?? 'xliff2'];
  if (!format) throw new UsageError(`--format must be xliff2 or xliff12, got "${args.format}"`);
  if (args.codes !== undefined && args.codes !== 'g' && args.codes !== 'bpt') throw new UsageError(`--codes must be g or bpt, got "${args.codes}"`);
  if (args.codes !== undefined && format !== 'xliff12') throw new UsageError('--codes applies to --format xliff12 only');
  const project = await loadProject({ ...(args.root ? { root: args.root } : {}), cwd: io.cwd });
  const asked = languageList(args.to);
  if (asked.length !== 1) throw new UsageError(`--to takes one language for an export, got "${args.to}"`);
  const [language] = syncLanguages(project, asked);
  const output = args.output ?? `${project.config.sourceLanguage}-${language}.xlf`;
  const report = await syncExport(project, {
    to: language!,
    output: resolve(io.cwd, output),
    format,
    ...(args.codes ? { codes: args.codes as Xliff12Codes } : {}),
    ...(args.all ? { all: true } : {}),
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
