/** Memory stage: stored translations, exact and fuzzy lookups. */
export { STATUSES, statusRank, type FuzzyMatch, type FuzzyOptions, type MemoryEntry, type MemoryStats, type MemoryStore, type MemoryWrite, type Status, type WriteResult } from './store.js';
export { fuzzyScore, fuzzyTokens, tokenDistance } from './fuzzy-score.js';
export { textKey, renumberTags } from './text-key.js';
export { decideWrite } from './write-rules.js';
export { SqliteMemoryStore, type SqliteOptions } from './sqlite/sqlite-store.js';
export { openMemory, openMemoryAt, describeMemory } from './open.js';
export { PostgresMemoryStore, type PostgresOptions } from './postgres/pg-store.js';
export { isPostgresUrl, redactUrl } from './postgres/url.js';
export { MemoryError } from './sqlite/sqlite-errors.js';
