import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/project.js';

const BATCH = 500;

/** A child that writes batches of BATCH units forever (bounded at 400 batches) until killed. */
const writer = (file: string) => `
import { SqliteMemoryStore } from ${JSON.stringify(join(repoRoot, 'dist/memory/index.js'))};
const store = new SqliteMemoryStore(${JSON.stringify(file)});
for (let b = 0; b < 400; b++) {
  const batch = [];
  for (let k = 0; k < ${BATCH}; k++) {
    const n = b * ${BATCH} + k;
    batch.push({ sourceLanguage: 'nl', targetLanguage: 'af', source: 'Zin nummer ' + n + ' over wielrennen', target: 'Sin ' + n, origin: 'engine:test', status: 'machine' });
  }
  await store.write(batch);
  if (b === 2) process.stdout.write('writing\\n');
}
`;

function killMidRun(file: string, delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--input-type=module', '-e', writer(file)], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', () => setTimeout(() => child.kill('SIGKILL'), delayMs));
    child.on('exit', () => resolve());
    child.on('error', reject);
  });
}

describe('memory kill-safety', () => {
  it('memory: a process killed mid-write leaves a valid database missing at most the batch in flight', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tolk-kill-'));
    const file = join(dir, 'tm.sqlite');
    for (const delay of [5, 40, 120]) {
      await killMidRun(file, delay);
      const db = new Database(file, { readonly: true });
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const units = (db.prepare('SELECT count(*) AS n FROM units').get() as { n: number }).n;
      const sources = (db.prepare('SELECT count(*) AS n FROM sources').get() as { n: number }).n;
      db.close();
      expect(units).toBeGreaterThan(0);
      expect(units % BATCH).toBe(0); // whole batches only
      expect(sources).toBe(units);
    }
  });
});
