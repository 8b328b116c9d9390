/** Memory stage: stored translations, exact and fuzzy lookups. */
export { STATUSES, statusRank, type FuzzyMatch, type FuzzyOptions, type MemoryEntry, type MemoryStats, type MemoryStore, type MemoryWrite, type Status, type WriteResult } from './store.js';
export { fuzzyScore } from './fuzzy-score.js';
export { SqliteMemoryStore, type SqliteOptions } from './sqlite/sqlite-store.js';
export { openMemory, openMemoryAt, describeMemory } from './open.js';
export { PostgresMemoryStore, type PostgresOptions } from './postgres/pg-store.js';
export { isPostgresUrl } from './postgres/url.js';
