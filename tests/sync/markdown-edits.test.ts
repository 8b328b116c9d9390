import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { segmentId } from '../../src/tagged/index.js';
import { readProvenance, textHash } from '../../src/localized/index.js';
import { fill2, memory, rich, sync, syncExport, syncImport, translatedProject } from './helpers.js';

const HEADING = 'Hoe verliep de rit?';
const headingId = segmentId('nl', HEADING);
const edit = (root: string, path: string, change: (text: string) => string) => {
  const file = join(root, path);
  const text = readFileSync(file, 'utf8');
  const changed = change(text);
  expect(changed).not.toBe(text);
  writeFileSync(file, changed);
};
/** The localized heading of "Hoe verliep de rit?", as the pseudo engine wrote it. */
const heading = /^## ⟦Ĥöé.*$/m;

describe('tolk sync: hand edits in localized Markdown', () => {
  it('sync: an edited segment is stored as a human translation, reported, and the article record updated', async () => {
    const root = await translatedProject();
    edit(root, 'articles/af/rich.md', (t) => t.replace(heading, '## Hoe het die rit verloop?'));
    const line = readFileSync(join(root, 'articles/af/rich.md'), 'utf8').split('\n').findIndex((l) => l.startsWith('## Hoe het')) + 1;
    const result = await sync(root);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`articles/af/rich.md:${line}: edited; stored in the memory as a human translation [segment ${headingId.slice(0, 12)}]`);
    expect(result.stdout).toMatch(/^1 hand edits stored$/m);
    expect(result.stdout).toMatch(/^af: (\d+) segments: 0 open, \d+ machine, 1 human, 0 reviewed$/m);
    expect((await memory(root)).get(headingId)).toMatchObject({ target: 'Hoe het die rit verloop?', origin: 'human', status: 'translated', previousOrigin: 'engine:pseudo' });
    const localized = readFileSync(join(root, 'articles/af/rich.md'), 'utf8');
    expect(localized).toContain('## Hoe het die rit verloop?');
    expect(readProvenance(localized)!.segments.find((s) => s.id === headingId.slice(0, 12))!.textHash).toBe(textHash('Hoe het die rit verloop?'));

    // Nothing new the second time.
    const again = await sync(root);
    expect(again.stdout).toMatch(/^0 hand edits stored$/m);
    expect(readFileSync(join(root, 'articles/af/rich.md'), 'utf8')).toBe(localized);
  });

  it('sync: a segment tolk left in the source language and a person translated is stored too', async () => {
    const root = await translatedProject();
    const id = segmentId('nl', 'De top drie');
    // What tolk writes when a segment could not be translated: the source text, `id:-` in the record.
    edit(root, 'articles/af/rich.md', (t) => t.replace(/^## ⟦Đé ţöþ.*$/m, '## De top drie').replace(new RegExp(`${id.slice(0, 12)}:[0-9a-f]{8}`), `${id.slice(0, 12)}:-`));
    expect((await sync(root)).stdout).toMatch(/^0 hand edits stored$/m);
    edit(root, 'articles/af/rich.md', (t) => t.replace('## De top drie', '## Die top drie'));
    const result = await sync(root, { json: true });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.stored).toEqual([expect.objectContaining({ kind: 'translated', segmentId: id, target: 'Die top drie', file: 'articles/af/rich.md' })]);
    expect((await memory(root)).get(id)).toMatchObject({ target: 'Die top drie', origin: 'human' });
    expect(readProvenance(readFileSync(join(root, 'articles/af/rich.md'), 'utf8'))!.complete).toBe(100);
  });

  it('sync: a structural change is reported, never guessed; other articles still sync', async () => {
    const root = await translatedProject();
    edit(root, 'articles/af/seed.md', (t) => `${t}\nNog 'n paragraaf wat die vertaler bygevoeg het.\n`);
    edit(root, 'articles/af/rich.md', (t) => t.replace(heading, '## Hoe het die rit verloop?'));
    const seedBefore = readFileSync(join(root, 'articles/af/seed.md'), 'utf8');
    const before = await memory(root);
    const result = await sync(root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^articles\/af\/seed\.md: warning: has \d+ segments but its record lists \d+: a paragraph, heading, list item or field was added or removed, so its hand edits cannot be matched to the source; nothing was read from it \[edit-unaligned\]$/m,
    );
    expect(readFileSync(join(root, 'articles/af/seed.md'), 'utf8')).toBe(seedBefore);
    const after = await memory(root);
    expect([...after.values()].filter((e) => e.origin === 'human').map((e) => e.segmentId)).toEqual([headingId]);
    expect(after.size).toBe(before.size);
  });

  it('sync: changed markup inside a segment is reported and its article left alone; readable edits are still stored', async () => {
    const root = await translatedProject();
    edit(root, 'articles/af/rich.md', (t) =>
      t.replace(heading, '## Hoe het die rit verloop?').replace(/^# ⟦Ţîĵđŕîţ.*$/m, '# Tydrit Parys 2024: brons vir Van Aert'),
    );
    const localized = readFileSync(join(root, 'articles/af/rich.md'), 'utf8');
    const result = await sync(root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /^articles\/af\/rich\.md:\d+: warning: its markup \(links, emphasis, code\) no longer matches the source segment's, so the edit cannot be read back \[edit-markup\]$/m,
    );
    expect((await memory(root)).get(headingId)).toMatchObject({ target: 'Hoe het die rit verloop?', origin: 'human' });
    // Rebuilding would overwrite the unreadable edit: the file stays as the translator left it.
    expect(readFileSync(join(root, 'articles/af/rich.md'), 'utf8')).toBe(localized);

    // Once the translator puts the markup back, the next run rebuilds the article (the stored edit included).
    edit(root, 'articles/af/rich.md', (t) => t.replace('# Tydrit Parys 2024: brons vir Van Aert', '# Tydrit Parys 2024: *brons* vir Van Aert'));
    const fixed = await sync(root);
    expect(fixed.code, fixed.stderr).toBe(0);
    const rebuilt = readFileSync(join(root, 'articles/af/rich.md'), 'utf8');
    expect(readProvenance(rebuilt)!.segments.find((s) => s.id === headingId.slice(0, 12))!.textHash).toBe(textHash('Hoe het die rit verloop?'));
    expect(rebuilt).toContain('# Tydrit Parys 2024: *brons* vir Van Aert');
  });

  it('sync: one sentence edited two ways is stored neither way', async () => {
    const root = await translatedProject({}, { 'articles/nl/copy.md': rich });
    edit(root, 'articles/af/rich.md', (t) => t.replace(heading, '## Hoe het die rit verloop?'));
    edit(root, 'articles/af/copy.md', (t) => t.replace(heading, '## Hoe was die rit?'));
    const result = await sync(root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^articles\/af\/copy\.md:\d+: warning: the same sentence is edited differently at articles\/af\/rich\.md:\d+; neither edit was stored \[edit-conflict\]$/m);
    expect((await memory(root)).get(headingId)!.origin).toBe('engine:pseudo');
  });

  it('sync: a hand edit survives an import that rebuilds its article', async () => {
    const root = await translatedProject();
    await syncExport(root, { to: 'af', output: 'af.xlf' });
    const xml = readFileSync(join(root, 'af.xlf'), 'utf8');
    const title = segmentId('nl', 'Van Aert pakt brons in de tijdrit van Parijs');
    writeFileSync(join(root, 'af.xlf'), fill2(xml, { only: (id) => id === title, target: () => 'Van Aert wen brons in die tydrit van Parys' }));
    edit(root, 'articles/af/rich.md', (t) => t.replace(heading, '## Hoe het die rit verloop?'));
    const result = await syncImport(root, { files: ['af.xlf'] });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).toMatch(/1 imported, .*; 1 hand edits stored first/);
    const localized = readFileSync(join(root, 'articles/af/rich.md'), 'utf8');
    expect(localized, result.stdout + result.stderr).toContain('title: "Van Aert wen brons in die tydrit van Parys"');
    expect(localized).toContain('## Hoe het die rit verloop?');
  });

  it('sync: an article whose record cannot be read is reported and left alone; the others still sync', async () => {
    const root = await translatedProject();
    edit(root, 'articles/af/seed.md', (t) => t.replace(/^title: "/m, 'title: "kapot\ntitle: "'));
    edit(root, 'articles/af/rich.md', (t) => t.replace(heading, '## Hoe het die rit verloop?'));
    const broken = readFileSync(join(root, 'articles/af/seed.md'), 'utf8');
    const result = await sync(root);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^articles\/af\/seed\.md: warning: has no readable tolk: record \(not written by tolk, or its front matter is broken\), .* \[edit-untracked\]$/m);
    expect(result.stdout).toMatch(/^1 hand edits stored, 1 not read back \(see above\)$/m);
    expect(readFileSync(join(root, 'articles/af/seed.md'), 'utf8')).toBe(broken);
  });
});
