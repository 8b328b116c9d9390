import { UsageError } from '../core/errors.js';

/** What a command may touch of the terminal. Tests pass buffers; the bin passes the process streams. */
export interface CommandIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Progress bars only when a person is watching. */
  isTTY: boolean;
  cwd: string;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Asks a person a question; present only when stdin and stderr are terminals, so nothing ever prompts in CI. */
  ask?: (question: string) => Promise<string>;
}

export const processIO = (signal?: AbortSignal): CommandIO => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stderr.isTTY),
  cwd: process.cwd(),
  env: process.env,
  ...(signal ? { signal } : {}),
  ...(process.stdin.isTTY && process.stderr.isTTY ? { ask } : {}),
});

/** One reader for every question of a run: answers typed ahead wait for their question, none is lost. */
let prompts: { rl: import('node:readline').Interface; lines: AsyncIterator<string> } | undefined;

async function ask(question: string): Promise<string> {
  if (!prompts) {
    const { createInterface } = await import('node:readline');
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    prompts = { rl, lines: rl[Symbol.asyncIterator]() };
  }
  prompts.rl.setPrompt(question);
  prompts.rl.prompt();
  const line = await prompts.lines.next();
  // Ctrl-D or a closed terminal: no answer is not an answer.
  if (line.done) throw new UsageError('no answer given (input ended); nothing was written');
  return line.value.trim();
}

/** Lets the process end after a command that asked questions. */
export function closePrompts(): void {
  prompts?.rl.close();
  prompts = undefined;
}

/** `--json` output: one JSON document on stdout. */
export function printJson(io: CommandIO, value: unknown): void {
  io.stdout(`${JSON.stringify(value, null, 2)}\n`);
}
