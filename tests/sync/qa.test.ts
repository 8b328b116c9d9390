import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteMemoryStore, type MemoryEntry } from '../../src/memory/index.js';
import { makeProject } from '../helpers/project.js';
import { sync, syncExport, syncImport, translate } from './helpers.js';

const article = '# Ajax wint met 5-3\n\nEr waren 1.500 toeschouwers in het stadion.\n';

async function project(): Promise<string> {
  const root = makeProject({ 'tolk.config.json': JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['af'] }), 'articles/nl/match.md': article });
  expect((await translate(root)).code).toBe(0);
  return root;
}

async function entries(root: string): Promise<MemoryEntry[]> {
  const store = new SqliteMemoryStore(join(root, '.tolk/tm.sqlite'));
  const out: MemoryEntry[] = [];
  for await (const e of store.entries()) out.push(e);
  await store.close();
  return out;
}

describe('QA in translator sync', () => {
  it('sync: a hand edit with a swapped score is stored with its finding, reported at its line, and shown to the translator in the XLIFF notes', async () => {
    const root = await project();
    const file = join(root, 'articles/af/match.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('5-3', '3-5'));
    const stored = await sync(root, { json: true });
    expect(stored.code).toBe(1);
    expect(JSON.parse(stored.stdout).findings).toEqual([expect.objectContaining({ rule: 'number-mismatch', file: 'articles/af/match.md', line: 12, severity: 'error' })]);
    expect((await entries(root)).find((e) => e.source === 'Ajax wint met 5-3')?.violations).toEqual(['number-mismatch: numbers differ: "5-3" in the source, "3-5" in the translation']);
    const xlf = join(root, 'af.xlf');
    expect((await syncExport(root, { to: 'af', all: true, output: xlf })).code).toBe(0);
    expect(readFileSync(xlf, 'utf8')).toContain('<note category="qa">error number-mismatch: numbers differ: "5-3" in the source, "3-5" in the translation</note>');
  });

  it('sync import: a translator’s unit with a changed number is imported (a person decides) and its finding reported and stored', async () => {
    const root = await project();
    const xlf = join(root, 'af.xlf');
    // XLIFF 1.2 with the machine translation as the target (what a PO or Trados user gets); a unit's own <target>
    // comes before its <alt-trans> suggestions, so the first target holding the number is the one the translator edits.
    expect((await syncExport(root, { to: 'af', all: true, output: xlf, format: 'xliff12', prefill: 'suggestion' })).code).toBe(0);
    const edited = readFileSync(xlf, 'utf8').replace(/(<target[^>]*>[^<]*?)1\.500/, '$11.600').replace(/state="needs-review-translation"/g, 'state="translated"');
    writeFileSync(xlf, edited);
    const imported = await syncImport(root, { files: [xlf], json: true });
    expect(imported.code).toBe(1);
    expect(JSON.parse(imported.stdout).findings).toEqual([expect.objectContaining({ rule: 'number-mismatch', file: xlf, language: 'af', expected: '1.500', actual: '1.600' })]);
    const entry = (await entries(root)).find((e) => e.source === 'Er waren 1.500 toeschouwers in het stadion.')!;
    expect(entry.origin).toBe('human');
    expect(entry.violations).toEqual(['number-mismatch: numbers differ: "1.500" in the source, "1.600" in the translation']);
  });
});
