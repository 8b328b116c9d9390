import { resolve } from 'node:path';
import type { Project } from '../config/index.js';
import { ConfigError } from '../core/errors.js';
import { PostgresMemoryStore } from './postgres/pg-store.js';
import { isPostgresUrl, redactUrl } from './postgres/url.js';
import { guardSqliteErrors } from './sqlite/sqlite-errors.js';
import { SqliteMemoryStore } from './sqlite/sqlite-store.js';
import type { MemoryStore } from './store.js';

/**
 * The project's memory: PostgreSQL when `TOLK_MEMORY_URL` or `memory.url` names
 * one (a team's shared memory), else the SQLite file `memory.path` under the
 * root (the embedded default).
 */
export function openMemory(project: Project, file?: string, env: NodeJS.ProcessEnv = process.env): MemoryStore {
  const { path, cacheMB, mmapMB, url } = project.config.memory;
  const shared = env.TOLK_MEMORY_URL || url;
  if (shared) return openMemoryAt(shared, project.root, { cacheMB, mmapMB });
  const at = file ?? resolve(project.root, path);
  // Commands see one-line errors saying what to do, never an SqliteError.
  return guardSqliteErrors(new SqliteMemoryStore(at, { cacheMB, mmapMB }), at);
}

/** A memory named by a `postgres://` URL or a SQLite path (relative to `cwd`), as `tolk tm copy` takes them. */
export function openMemoryAt(location: string, cwd: string, sqlite: { cacheMB?: number; mmapMB?: number } = {}): MemoryStore {
  if (isPostgresUrl(location)) return new PostgresMemoryStore(location);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location)) {
    throw new ConfigError(`unsupported memory address ${redactUrl(location)}: use a postgres:// URL or a SQLite file path`);
  }
  const file = resolve(cwd, location);
  return guardSqliteErrors(new SqliteMemoryStore(file, sqlite), file);
}

/** How a memory may be named in a message: a path, or a URL without its password. */
export const describeMemory = (location: string): string => (isPostgresUrl(location) ? redactUrl(location) : location);
