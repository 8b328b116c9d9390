/** What a command may touch of the terminal. Tests pass buffers; the bin passes the process streams. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Progress bars only when a person is watching. */
  isTTY: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
}

export const processIO = (signal?: AbortSignal): CommandIO => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
  cwd: process.cwd(),
  env: process.env,
  ...(signal ? { signal } : {}),
});

/** `--json` output: one JSON document on stdout. */
export function printJson(io: CommandIO, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
