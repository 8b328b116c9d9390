import { CHECK_FORMATS, formatters, githubAnnotation, runCheck, type CheckFormat, type FindingProvider } from '../../check/index.js';
import { loadProject } from '../../config/index.js';
import { TolkError, UsageError } from '../../core/errors.js';
import type { CommandIO } from '../io.js';
import { languageList } from '../options.js';

export interface CheckArgs {
  root?: string;
  /** text, json, junit or github. @default "text" */
  format?: string;
  /** Shorthand for `--format json`, like the other commands. */
  json?: boolean;
  /** Only these target languages (comma-separated). */
  lang?: string;
  /** Warnings fail the check too. */
  strict?: boolean;
}

/**
 * `tolk check`: the CI gate. Exit 0 when there are no errors (and, with
 * `--strict`, no warnings), 1 when there are; a file that cannot be read
 * throws InputError, which the bin turns into exit 2.
 */
export async function runCheckCommand(args: CheckArgs, io: CommandIO, options: { providers?: readonly FindingProvider[] } = {}): Promise<number> {
  const format = (args.json ? 'json' : (args.format ?? 'text')) as CheckFormat;
  if (!CHECK_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${CHECK_FORMATS.join(', ')}, got "${args.format}"`);
  const lang = args.lang === undefined ? undefined : languageList(args.lang, '--lang');
  try {
    const project = await loadProject({ ...(args.root ? { root: args.root } : {}), cwd: io.cwd });
    const result = await runCheck({
      project,
      ...(lang ? { lang } : {}),
      strict: Boolean(args.strict),
      providers: options.providers ?? [],
      ...(io.signal ? { signal: io.signal } : {}),
    });
    io.stdout(formatters[format](result));
    return result.exitCode;
  } catch (error) {
    // CI logs are read through annotations: the error that stopped the check gets one too (the bin still prints it and exits 2).
    if (format === 'github' && error instanceof TolkError) {
      io.stdout(`${githubAnnotation({ severity: 'error', rule: 'check', message: error.message, ...error.location })}\n`);
    }
    throw error;
  }
}
