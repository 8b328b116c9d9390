import { resolve } from 'node:path';
import type { Project } from '../config/index.js';
import { SqliteMemoryStore } from './sqlite/sqlite-store.js';
import type { MemoryStore } from './store.js';

/** The project's memory: `memory.path` under the root (SQLite, the embedded default). */
export function openMemory(project: Project, file?: string): MemoryStore {
  const { path, cacheMB, mmapMB } = project.config.memory;
  return new SqliteMemoryStore(file ?? resolve(project.root, path), { cacheMB, mmapMB });
}
