import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync, rmSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const bin = join(repoRoot, 'dist/cli/bin.js');

/** A throwaway project directory with the given files (path → content). */
export function makeProject(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tolk-test-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

export const defaultConfig = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['af', 'en'], ...extra }, null, 2);

export function removeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Runs the built CLI in `cwd`; returns exit code and both streams. `timeout`
 * (ms) kills a run that hangs: a synchronous spawn blocks vitest's own
 * timeout until the child ends. A killed run has code null.
 */
export function runTolk(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}, options: { timeout?: number } = {}) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, ...env }, ...(options.timeout ? { timeout: options.timeout, killSignal: 'SIGKILL' as const } : {}) });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under `dir` with its content, to prove a failed command changed nothing. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'latin1');
    }
  };
  walk(dir);
  return out;
}

/** The schemas tolk's TMX and XLIFF output is validated against (copied into the repository, see its README). */
export const schemasDir = join(repoRoot, 'tests/schemas');

/** Like runTolk, without blocking this process (needed when a test server in this process must answer the CLI). */
export function runTolkAsync(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
