import { spawn, type ChildProcess } from 'node:child_process';
import { bin } from './project.js';

export interface Ended {
  code: number | null;
  /** The signal that killed it, e.g. SIGKILL; null when it exited. */
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunningTolk {
  child: ChildProcess;
  /** Output so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves once stderr contains `text`. */
  stderrIncludes(text: string): Promise<void>;
  ended: Promise<Ended>;
}

/** Starts the built CLI in `cwd` and returns at once, streams readable while it runs. */
export function startTolk(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): RunningTolk {
  const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ text: string; resolve: () => void }> = [];
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    for (const w of waiters.filter((w) => stderr.includes(w.text))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  const ended = new Promise<Ended>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    stderrIncludes: (text) => (stderr.includes(text) ? Promise.resolve() : new Promise((resolve) => waiters.push({ text, resolve }))),
    ended,
  };
}
