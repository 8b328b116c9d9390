import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLock, type LockHolder } from '../../src/project/lock.js';

const dirs: string[] = [];
const dir = () => {
  const d = mkdtempSync(join(tmpdir(), 'tolk-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('project lock', () => {
  it('a lock file still being written (empty, young) is waited for, never reported as a holder of undefined', async () => {
    const file = join(dir(), 'lock');
    writeFileSync(file, '');
    const waited: LockHolder[] = [];
    const taken: string[] = [];
    // The "holder" finishes writing its record 300 ms later, then releases after another 300 ms.
    const holder: LockHolder = { pid: process.pid, host: 'elsewhere', command: 'tolk translate', started: new Date().toISOString() };
    setTimeout(() => writeFileSync(file, JSON.stringify(holder)), 300);
    setTimeout(() => rmSync(file), 600);
    const lock = await acquireLock(file, { command: 'tolk sync import', pollMs: 20, onWait: (h) => waited.push(h), onTakeOver: (_h, why) => taken.push(why) });
    lock.release();
    expect(taken).toEqual([]);
    expect(waited).toEqual([holder]);
  });

  it('an empty lock file older than two seconds (a holder killed while creating it) is taken over', async () => {
    const file = join(dir(), 'lock');
    writeFileSync(file, '');
    const old = new Date(Date.now() - 5_000);
    utimesSync(file, old, old);
    const taken: string[] = [];
    const lock = await acquireLock(file, { command: 'tolk translate', pollMs: 20, onTakeOver: (_h, why) => taken.push(why) });
    expect(taken).toEqual(['the lock file is empty or damaged']);
    lock.release();
  });

  it('creates the lock whole and leaves no file of its own behind; a second taker waits until release', async () => {
    const d = dir();
    const file = join(d, 'lock');
    const first = await acquireLock(file, { command: 'tolk translate' });
    expect(readdirSync(d)).toEqual(['lock']);
    const waited: LockHolder[] = [];
    const second = acquireLock(file, { command: 'tolk sync import', pollMs: 20, onWait: (h) => waited.push(h) });
    await new Promise((r) => setTimeout(r, 100));
    expect(waited.map((h) => h.command)).toEqual(['tolk translate']);
    first.release();
    (await second).release();
    expect(readdirSync(d)).toEqual([]);
  });
});
