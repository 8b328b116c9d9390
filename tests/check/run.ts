import type { FindingProvider } from '../../src/check/index.js';
import { runCheckCommand, type CheckArgs } from '../../src/cli/commands/check.js';
import { exitCodeFor } from '../../src/core/errors.js';

/** Runs `tolk check` the way the bin does (errors become exit codes and a `tolk:` line on stderr), in-process. */
export async function tolkCheck(cwd: string, args: CheckArgs = {}, providers?: FindingProvider[]) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => void (stdout += t), stderr: (t: string) => void (stderr += t), isTTY: false, cwd, env: {} };
  let code: number;
  try {
    code = await runCheckCommand(args, io, providers ? { providers } : {});
  } catch (error) {
    code = exitCodeFor(error);
    stderr += `tolk: ${String(error)}\n`;
  }
  return { code, stdout, stderr };
}
