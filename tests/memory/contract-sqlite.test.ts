import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { SqliteMemoryStore } from '../../src/memory/index.js';
import { describeMemoryStore } from './contract.js';

const dir = mkdtempSync(join(tmpdir(), 'tolk-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describeMemoryStore('SQLite file', {
  supports: { sharedHandles: true },
  async create() {
    const file = join(dir, `tm-${n++}.sqlite`);
    return () => new SqliteMemoryStore(file);
  },
});

describeMemoryStore('SQLite :memory:', {
  supports: { sharedHandles: false },
  async create() {
    return () => new SqliteMemoryStore(':memory:');
  },
});
