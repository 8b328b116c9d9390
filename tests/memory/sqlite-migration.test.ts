import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { segmentId } from '../../src/tagged/index.js';
import { SqliteMemoryStore, type MemoryEntry } from '../../src/memory/index.js';
import { SCHEMA_VERSION } from '../../src/memory/sqlite/migrations.js';

// tests/fixtures/tm/v2-memory.sqlite was written by the store before schema v3 (keyed by segment id):
// 451 units, two target languages, people's edits with history, violations, articles; its entries as they
// were listed then are in v2-memory.entries.json.
const fixture = new URL('../fixtures/tm/v2-memory.sqlite', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('../fixtures/tm/v2-memory.entries.json', import.meta.url), 'utf8')) as MemoryEntry[];
const dir = mkdtempSync(join(tmpdir(), 'tolk-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SQLite schema keyed by segment id', () => {
  it('migration: a memory made by the previous schema opens with every entry, lookup and fuzzy match intact', async () => {
    const file = join(dir, 'tm.sqlite');
    copyFileSync(fixture, file);
    const before = new Database(file, { readonly: true });
    expect(before.pragma('user_version', { simple: true })).toBe(2);
    before.close();

    const store = new SqliteMemoryStore(file);
    const listed: MemoryEntry[] = [];
    for await (const entry of store.entries()) listed.push(entry);
    expect(listed).toEqual(expected);

    const source = 'Zin 3 over de <1>wedstrijd</1> in ronde 3.';
    const hit = (await store.lookup([segmentId('nl', source)], 'af')).get(segmentId('nl', source));
    expect(hit).toMatchObject({ target: 'Mens 3', status: 'reviewed', previousTarget: 'Sin 3 oor die <1>wedstryd</1> in rondte 3.', violations: ['wedstrijd → wedstryd'] });
    expect((await store.lookupText('Zin 4 over de <7>wedstrijd</7> in ronde 4.', 'nl', 'de'))?.target).toBe('Satz 4');
    expect((await store.fuzzy('Ajax 3-1 PSV', { sourceLanguage: 'nl', targetLanguage: 'af' }))[0]).toMatchObject({ source: 'Ajax 2-1 PSV', score: 80 });

    // New sources get numbers after the old ones, and the word index finds them.
    const result = await store.write([{ sourceLanguage: 'nl', targetLanguage: 'af', source: 'Feyenoord 0-0 Ajax', target: 'Feyenoord 0-0 Ajax', origin: 'human', status: 'final' }]);
    expect(result.inserted).toBe(1);
    expect((await store.fuzzy('Feyenoord 1-0 Ajax', { sourceLanguage: 'nl', targetLanguage: 'af' }))[0]?.source).toBe('Feyenoord 0-0 Ajax');
    const after: MemoryEntry[] = [];
    for await (const entry of store.entries()) after.push(entry);
    expect(after.slice(0, expected.length)).toEqual(expected);
    expect(after.at(-1)?.source).toBe('Feyenoord 0-0 Ajax');
    await store.close();

    const db = new Database(file, { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'source_vocab%' AND name NOT LIKE 'source_words%' ORDER BY name").all() as Array<{ name: string }>).map((t) => t.name);
    expect(tables).toEqual(['occurrences', 'sources', 'units']);
    // A lookup by id is two primary-key searches, no separate index.
    const plan = (db.prepare(`EXPLAIN QUERY PLAN SELECT u.target, s.source FROM units u JOIN sources s ON s.segment_id = u.segment_id WHERE u.segment_id = ? AND u.target_lang = ?`).all(Buffer.alloc(32), 'af') as Array<{ detail: string }>).map((r) => r.detail);
    expect(plan.every((d) => /USING PRIMARY KEY/.test(d))).toBe(true);
    db.close();
  });
});
