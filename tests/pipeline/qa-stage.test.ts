import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteMemoryStore, type MemoryEntry } from '../../src/memory/index.js';
import { readProvenance } from '../../src/localized/index.js';
import { makeProject } from '../helpers/project.js';
import { scriptedEngine } from '../helpers/scripted-engine.js';
import { translateWith } from '../helpers/translate-run.js';

const article = '# Ajax wint met 5-3\n\nHet weer was goed.\n\nEr waren 1.500 toeschouwers.\n';
/** An engine that turns the score round and leaves an Apertium mark; the rest is right. */
const careless = () =>
  scriptedEngine('careless', (request) =>
    request.segments.map((s) => ({
      text: s.replace('Ajax wint met 5-3', 'Ajax wins 3-5').replace('Het weer was goed.', 'The *weather was good.').replace('Er waren 1.500 toeschouwers.', 'There were 1,500 spectators.'),
    })),
  );

async function run(enforcement: 'warning' | 'error', store = new SqliteMemoryStore(':memory:'), root = makeProject({ 'tolk.config.json': JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['en'] }), 'articles/nl/a.md': article })) {
  const engine = careless();
  const summary = await translateWith(root, { engines: { en: engine }, store, qa: { enforcement } });
  const stored: MemoryEntry[] = [];
  for await (const entry of store.entries()) stored.push(entry);
  return { summary, text: readFileSync(join(root, 'articles/en/a.md'), 'utf8'), stored, root, store };
}

describe('QA stage in the pipeline', () => {
  it('qa: findings on engine output are reported and stored with the segment; with "warning" the translation is used', async () => {
    const { summary, text, stored } = await run('warning');
    expect(summary.qa.map((f) => [f.rule, f.severity, f.source])).toEqual([
      ['number-mismatch', 'error', 'Ajax wint met 5-3'],
      ['engine-mark', 'error', 'Het weer was goed.'],
    ]);
    expect(summary.qa[0]).toMatchObject({ expected: '5-3', actual: '3-5', language: 'en', status: 'machine' });
    expect(summary.languages.en!.qaFindings).toBe(2);
    expect(text).toContain('# Ajax wins 3-5');
    expect(stored.find((e) => e.source === 'Ajax wint met 5-3')?.violations).toEqual(['number-mismatch: numbers differ: "5-3" in the source, "3-5" in the translation']);
    expect(stored.find((e) => e.source === 'Er waren 1.500 toeschouwers.')?.violations).toBeUndefined();
  });

  it('qa: with enforcement "error" a machine translation with an error finding stays out of the article and is listed as failed', async () => {
    const { summary, text } = await run('error');
    expect(summary.failed.map((f) => f.source)).toEqual(['Ajax wint met 5-3', 'Het weer was goed.']);
    expect(summary.failed[0]!.reason).toMatch(/^qa: number-mismatch/);
    expect(text).toContain('# Ajax wint met 5-3');
    expect(text).toContain('There were 1,500 spectators.');
    expect(readProvenance(text)!.complete).toBeLessThan(100);
  });

  it('qa: memory matches and hand edits harvested from the article are checked too; a person’s translation is never blocked', async () => {
    const first = await run('warning');
    // A translator fixes the score but types a wrong number of spectators by hand.
    const file = join(first.root, 'articles/en/a.md');
    writeFileSync(file, first.text.replace('# Ajax wins 3-5', '# Ajax wins 5-3').replace('1,500 spectators', '15,000 spectators'));
    writeFileSync(join(first.root, 'articles/nl/a.md'), `${article}\nNieuw.\n`);
    const second = await run('error', first.store, first.root);
    const edited = second.stored.find((e) => e.source === 'Er waren 1.500 toeschouwers.')!;
    expect(edited.origin).toBe('human');
    expect(edited.violations).toEqual(['number-mismatch: numbers differ: "1.500" in the source, "15,000" in the translation']);
    expect(second.summary.qa.find((f) => f.source === 'Er waren 1.500 toeschouwers.')).toMatchObject({ rule: 'number-mismatch', status: 'translated' });
    expect(second.text).toContain('15,000 spectators');
  });
});
