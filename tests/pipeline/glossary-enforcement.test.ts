import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Concept, Glossary } from '../../src/glossary/index.js';
import { SqliteMemoryStore } from '../../src/memory/index.js';
import { readProvenance } from '../../src/localized/index.js';
import { makeProject } from '../helpers/project.js';
import { scriptedEngine } from '../helpers/scripted-engine.js';
import { translateWith } from '../helpers/translate-run.js';

const concept = (id: string, terms: Concept['terms']): Concept => ({ id, file: 't.tbx', dnt: false, terms });
const glossary: Glossary = {
  concepts: [concept('pursuit', { nl: [{ text: 'ploegenachtervolging', status: 'preferred' }], en: [{ text: 'team pursuit', status: 'preferred' }, { text: 'team chase', status: 'deprecated' }] })],
};
const article = '# De ploegenachtervolging\n\nHet weer was goed.\n';

async function run(enforcement: 'warning' | 'error') {
  const root = makeProject({ 'tolk.config.json': JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['en'] }), 'articles/nl/a.md': article });
  // An engine with glossary support that ignores it and writes the forbidden term.
  const engine = Object.assign(
    scriptedEngine('hinted', (request) => request.segments.map((s) => ({ text: s.replace('De ploegenachtervolging', 'The team chase').replace('Het weer was goed.', 'The weather was good.') }))),
    { glossary: 'hints' as const },
  );
  const store = new SqliteMemoryStore(':memory:');
  const summary = await translateWith(root, { engines: { en: engine }, store, glossary: { glossary, enforcement } });
  const stored = [];
  for await (const entry of store.entries()) stored.push(entry);
  return { summary, text: readFileSync(join(root, 'articles/en/a.md'), 'utf8'), stored };
}

describe('glossary enforcement in the pipeline', () => {
  it('enforcement: the violation is stored with the segment and reported; with "warning" the translation is used', async () => {
    const { summary, text, stored } = await run('warning');
    expect(summary.violations.map((v) => [v.rule, v.term, v.found])).toEqual([
      ['glossary-missing', 'ploegenachtervolging', 'team chase'],
      ['glossary-forbidden', 'ploegenachtervolging', 'team chase'],
    ]);
    expect(text).toContain('# The team chase');
    expect(stored.find((e) => e.source === 'De ploegenachtervolging')?.violations).toEqual([
      'glossary-missing: ploegenachtervolging → team pursuit (found team chase)',
      'glossary-forbidden: ploegenachtervolging → team pursuit (found team chase)',
    ]);
  });

  it('enforcement: with "error" a violating machine translation is not accepted into the article', async () => {
    const { summary, text } = await run('error');
    expect(summary.failed.map((f) => f.source)).toEqual(['De ploegenachtervolging']);
    expect(summary.failed[0]!.reason).toMatch(/^glossary: /);
    expect(text).toContain('# De ploegenachtervolging');
    expect(text).toContain('The weather was good.');
    expect(readProvenance(text)!.complete).toBe(50);
  });
});
