import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { Project } from '../config/index.js';
import { describeHolder, projectLockFile as lockFileUnder, withProjectLock, type LockOptions } from '../project/index.js';
import type { CommandIO } from './io.js';

/** Where a project's writers queue up: `.tolk/lock` in the project. */
export const projectLockFile = (project: Project): string => lockFileUnder(project.root);

/** Exports into one output directory queue up on their own lock, apart from the project's writers. */
export const exportLockFile = (project: Project, out: string): string =>
  join(project.root, '.tolk', `export-${createHash('sha256').update(out).digest('hex').slice(0, 12)}.lock`);

/**
 * Runs `work` holding the lock at `file`: waits (saying for whom, on stderr)
 * while another run holds it, or exits 2 at once with `wait: false`. The lock
 * is released however `work` ends.
 */
export async function withLock<T>(
  file: string,
  io: CommandIO,
  options: { command: string; wait?: boolean },
  work: () => Promise<T>,
): Promise<T> {
  return withProjectLock(file, { command: options.command, ...lockMessages(io, options.wait) }, work);
}

/** What a waiting CLI says on stderr, and Ctrl-C stopping the wait: the lock options a command hands the library. */
export function lockMessages(io: CommandIO, wait?: boolean): Omit<LockOptions, 'command'> {
  return {
    ...(wait === false ? { wait: false } : {}),
    onWait: (holder) => io.stderr(`waiting for ${describeHolder(holder)} …\n`),
    onTakeOver: (holder, reason) => io.stderr(`warning: took over the lock of ${describeHolder(holder)}: ${reason}\n`),
    ...(io.signal ? { signal: io.signal } : {}),
  };
}
