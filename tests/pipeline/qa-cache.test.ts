import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteMemoryStore } from '../../src/memory/index.js';
import { QaCache } from '../../src/pipeline/qa-cache.js';
import { openStateDb } from '../../src/pipeline/state-db.js';
import { checkQa, type QaSettings } from '../../src/qa/index.js';
import { makeProject } from '../helpers/project.js';
import { scriptedEngine } from '../helpers/scripted-engine.js';
import { translateWith } from '../helpers/translate-run.js';

const PAIR = { source: 'nl', target: 'en' };

describe('QA findings cached per (segment, translation)', () => {
  it('qa cache: a hit gives exactly what checkQa gives; another qa config or a changed translation is checked again', async () => {
    const root = makeProject({});
    const file = join(root, '.tolk/state.sqlite');
    const settings: QaSettings = {};
    const db = openStateDb(file);
    const first = QaCache.open(db, settings);
    const swapped = first.check('Ajax wint met 5-3', 'Ajax wins 3-5', PAIR, 'seg1');
    expect(swapped).toEqual(checkQa('Ajax wint met 5-3', 'Ajax wins 3-5', PAIR, settings, 'seg1'));
    expect(first.check('Het weer was goed.', 'The weather was good.', PAIR, 'seg2')).toEqual([]);
    first.save();
    db.close();

    const reopened = () => QaCache.open(openStateDb(file), settings);
    expect(reopened().check('Ajax wint met 5-3', 'Ajax wins 3-5', PAIR, 'seg1')).toEqual(swapped);
    // The stored state is what answers: a forged entry proves the hit did not run the rules.
    const raw = new Database(file);
    const rows = raw.prepare('SELECT key, findings FROM qa_checked').all() as Array<{ key: Buffer; findings: string | null }>;
    expect(rows).toHaveLength(2);
    const found = rows.find((r) => r.findings !== null)!;
    const forged = (JSON.parse(found.findings!) as Array<{ message: string }>).map((f) => ({ ...f, message: 'from the cache' }));
    raw.prepare('UPDATE qa_checked SET findings = ? WHERE key = ?').run(JSON.stringify(forged), found.key);
    raw.close();
    expect(reopened().check('Ajax wint met 5-3', 'Ajax wins 3-5', PAIR, 'seg1')[0]!.message).toBe('from the cache');
    // Another translation of the segment is another pair.
    expect(reopened().check('Ajax wint met 5-3', 'Ajax wins 5-3', PAIR, 'seg1')).toEqual([]);
    // Another qa config (the rule turned off) starts from nothing.
    expect(QaCache.open(openStateDb(file), { rules: { 'number-mismatch': 'off' } }).check('Ajax wint met 5-3', 'Ajax wins 3-5', PAIR, 'seg1')).toEqual([]);
  });

  it('qa cache: a damaged state file is started again, not an error', async () => {
    const root = makeProject({ '.tolk/state.sqlite': 'not a database at all, just text that a crash left' });
    const db = openStateDb(join(root, '.tolk/state.sqlite'));
    expect(QaCache.open(db, {}).check('Ajax wint met 5-3', 'Ajax wins 3-5', PAIR, 'seg1').map((f) => f.rule)).toEqual(['number-mismatch']);
    db.close();
  });

  it('qa cache: a warm --force run reports the same findings as the cold run, from .tolk/state.sqlite', async () => {
    const root = makeProject({
      'tolk.config.json': JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['en'] }),
      'articles/nl/a.md': '# Ajax wint met 5-3\n\nHet weer was goed.\n',
    });
    const engine = scriptedEngine('careless', (request) => request.segments.map((s) => ({ text: s.replace('Ajax wint met 5-3', 'Ajax wins 3-5').replace('Het weer was goed.', 'The weather was good.') })));
    const store = new SqliteMemoryStore(':memory:');
    const translate = async () =>
      translateWith(root, {
        engines: { en: engine },
        store,
        qa: { enforcement: 'warning' },
        stateDir: join(root, '.tolk'),
        force: true,
      });
    const cold = await translate();
    expect(existsSync(join(root, '.tolk/state.sqlite'))).toBe(true);
    const warm = await translate();
    expect(warm.engineSegments).toBe(0);
    const shape = (s: typeof cold) => s.qa.map((f) => [f.rule, f.severity, f.message, f.segment]);
    expect(shape(warm)).toEqual(shape(cold));
    expect(shape(warm)).toHaveLength(1);
  });
});
