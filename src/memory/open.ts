import { resolve } from 'node:path';
import type { Project } from '../config/index.js';
import { guardSqliteErrors } from './sqlite/sqlite-errors.js';
import { SqliteMemoryStore } from './sqlite/sqlite-store.js';
import type { MemoryStore } from './store.js';

/** The project's memory: `memory.path` under the root (SQLite, the embedded default). */
export function openMemory(project: Project, file?: string): MemoryStore {
  const { path, cacheMB, mmapMB } = project.config.memory;
  const at = file ?? resolve(project.root, path);
  // Commands see one-line errors saying what to do, never an SqliteError.
  return guardSqliteErrors(new SqliteMemoryStore(at, { cacheMB, mmapMB }), at);
}
