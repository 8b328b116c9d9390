import { randomBytes } from 'node:crypto';
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { TolkError } from '../core/errors.js';

/**
 * One writer per project at a time. The lock is a small JSON file created
 * with O_EXCL (`wx`): whoever creates it holds the lock. It names its holder,
 * so a waiting run can say whom it waits for, and a lock left by a killed
 * process is recognised: on this host by its dead pid, elsewhere (a shared
 * disk) by a file the holder stopped touching.
 */
export interface LockHolder {
  pid: number;
  host: string;
  /** What holds it, e.g. "tolk translate". */
  command: string;
  /** ISO 8601. */
  started: string;
}

export interface LockOptions {
  /** Shown to whoever waits, e.g. "tolk translate". */
  command: string;
  /** False: fail at once with `ProjectLockedError` when the lock is held. @default true */
  wait?: boolean;
  /** Called once when the lock is held by someone else and we start waiting. */
  onWait?: (holder: LockHolder) => void;
  /** Called when a stale lock is taken over, with the reason. */
  onTakeOver?: (holder: LockHolder, reason: string) => void;
  /** Stops waiting (Ctrl-C). */
  signal?: AbortSignal;
  /** How often a waiting run looks again. @default 250 */
  pollMs?: number;
  /** How often the holder touches the file. @default 10000 */
  refreshMs?: number;
  /** A lock from another host untouched this long is stale. @default 60000 */
  staleMs?: number;
}

export interface ProjectLock {
  readonly file: string;
  readonly holder: LockHolder;
  /** Removes the lock file if it is still ours. Safe to call twice. */
  release(): void;
}

/** The lock is held and `--no-wait` was given (exit 2: the run did not start). */
export class ProjectLockedError extends TolkError {
  override readonly exitCode = 2;
}

/** Ctrl-C while waiting for the lock: nothing was done (exit 1, like any interrupted run). */
export class LockWaitInterruptedError extends TolkError {
  override readonly exitCode = 1;
}

/** "tolk translate (pid 4242 on host, started 10:02)". */
export function describeHolder(holder: LockHolder): string {
  const started = new Date(holder.started);
  const time = Number.isNaN(started.getTime()) ? holder.started : started.toTimeString().slice(0, 5);
  const where = holder.host === hostname() ? '' : ` on ${holder.host}`;
  return `${holder.command} (pid ${holder.pid}${where}, started ${time})`;
}

/** Locks still held by this process: removed on `exit` too, so a second Ctrl-C (process.exit) leaves none behind. */
const held = new Set<ProjectLock>();
let exitHook = false;

/**
 * Takes the lock at `file`, waiting while a live process holds it (unless
 * `wait` is false). A stale lock is taken over with `onTakeOver`.
 */
export async function acquireLock(file: string, options: LockOptions): Promise<ProjectLock> {
  const pollMs = options.pollMs ?? 250;
  const refreshMs = options.refreshMs ?? 10_000;
  const staleMs = options.staleMs ?? 60_000;
  const me: LockHolder = { pid: process.pid, host: hostname(), command: options.command, started: new Date().toISOString() };
  mkdirSync(dirname(file), { recursive: true });
  let waiting = false;
  for (;;) {
    if (tryCreate(file, me)) break;
    const current = readHolder(file);
    if (current === 'gone') continue;
    const stale = staleness(file, current, staleMs);
    if (stale) {
      if (takeOver(file, current, staleMs)) {
        options.onTakeOver?.(current === 'unreadable' ? { pid: 0, host: '?', command: 'an unknown holder', started: '?' } : current, stale);
      } else await sleep(pollMs);
      continue;
    }
    if (current === 'unreadable') {
      // Damaged but young: its holder may still be starting; look again.
      await sleep(pollMs);
      continue;
    }
    const holder = current;
    if (options.wait === false) {
      throw new ProjectLockedError(
        `${describeHolder(holder)} is working on this project (lock ${file}); run again when it is done, or without --no-wait to wait for it`,
      );
    }
    if (!waiting) {
      waiting = true;
      options.onWait?.(holder);
    }
    if (options.signal?.aborted) throw new LockWaitInterruptedError(`interrupted while waiting for ${describeHolder(holder)}; nothing was changed`);
    await sleep(pollMs, undefined, options.signal ? { signal: options.signal } : {}).catch(() => undefined);
  }
  const lock: ProjectLock = {
    file,
    holder: me,
    release() {
      if (!held.delete(lock)) return;
      clearInterval(timer);
      if (isOurs(file, me)) tryUnlink(file);
    },
  };
  // The holder touches the file so a waiter on another host can tell a live holder from a dead one.
  const timer = setInterval(() => {
    if (isOurs(file, me)) {
      const now = new Date();
      try {
        utimesSync(file, now, now);
      } catch {
        // Removed between the check and the touch: the next tick sees it.
      }
    }
  }, refreshMs);
  timer.unref();
  held.add(lock);
  if (!exitHook) {
    exitHook = true;
    process.on('exit', () => {
      for (const l of [...held]) l.release();
    });
  }
  return lock;
}

/**
 * Creates the lock file whole: the record is written to a file of our own,
 * then hard-linked to the lock's name, which fails with EEXIST when someone
 * holds it. A waiter therefore never reads a lock file that is still empty.
 */
function tryCreate(file: string, me: LockHolder): boolean {
  const mine = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    writeFileSync(mine, `${JSON.stringify(me)}\n`, { flag: 'wx' });
    try {
      linkSync(mine, file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // A file system without hard links: create the name itself (a waiter treats a young empty file as starting).
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
      writeFileSync(file, `${JSON.stringify(me)}\n`, { flag: 'wx' });
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new TolkError(`cannot create the project lock: ${(error as Error).message}`, { file });
  } finally {
    tryUnlink(mine);
  }
}

/** The holder, 'gone' when the file vanished meanwhile, 'unreadable' when it is not a holder record. */
function readHolder(file: string): LockHolder | 'gone' | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'gone';
    throw new TolkError(`cannot read the project lock: ${(error as Error).message}`, { file });
  }
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.command === 'string' && typeof value.started === 'string') {
      return value as LockHolder;
    }
  } catch {
    // A holder killed between creating and writing the file leaves it empty.
  }
  return 'unreadable';
}

/** Why the lock is stale, or undefined when its holder is alive. */
function staleness(file: string, holder: LockHolder | 'unreadable', staleMs: number): string | undefined {
  const age = ageMs(file);
  if (holder === 'unreadable') {
    // Give a holder that has just created the file time to write it.
    return age !== undefined && age > 2_000 ? 'the lock file is empty or damaged' : undefined;
  }
  if (holder.host === hostname()) return pidAlive(holder.pid) ? undefined : `process ${holder.pid} is no longer running`;
  return age !== undefined && age > staleMs ? `not refreshed for ${Math.round(age / 1000)} s` : undefined;
}

function ageMs(file: string): number | undefined {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return undefined;
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes a stale lock so that everyone can race for it with O_EXCL again.
 * A second lock file guards the removal: without it, two waiters that both
 * judged the same lock stale could have the slower one remove the lock the
 * faster one had just created.
 */
function takeOver(file: string, seen: LockHolder | 'unreadable', staleMs: number): boolean {
  const guard = `${file}.takeover`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // A guard left by a process killed in the few lines below.
    const age = ageMs(guard);
    if (age !== undefined && age > 10_000) tryUnlink(guard);
    return false;
  }
  closeSync(fd);
  try {
    const again = readHolder(file);
    if (again === 'gone') return false;
    if (JSON.stringify(again) !== JSON.stringify(seen) || !staleness(file, again, staleMs)) return false;
    tryUnlink(file);
    return true;
  } finally {
    tryUnlink(guard);
  }
}

function isOurs(file: string, me: LockHolder): boolean {
  try {
    return JSON.stringify(readHolder(file)) === JSON.stringify(me);
  } catch {
    return false;
  }
}

function tryUnlink(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // Already gone.
  }
}

/** Where a project's writers queue up: `.tolk/lock` under the project root. */
export const projectLockFile = (root: string): string => `${root.replace(/\/+$/, '')}/.tolk/lock`;

/**
 * Runs `work` holding the lock at `file` (waiting for it, or failing at once
 * with `wait: false`) and releases it however `work` ends. The library's
 * writing calls take it themselves, so a CMS hook and a CLI run on one
 * project queue up instead of paying twice.
 */
export async function withProjectLock<T>(file: string, options: LockOptions, work: () => Promise<T>): Promise<T> {
  const lock = await acquireLock(file, options);
  try {
    return await work();
  } finally {
    lock.release();
  }
}
