import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import { readProvenance } from '../../src/localized/index.js';
import { exportArticles } from '../../src/publish/index.js';
import { measure } from '../../src/publish/gate.js';
import { article, localize, publishProject } from './helpers.js';

const keepKees = (s: string) => (/Kees|poging/.test(s) ? undefined : s.toUpperCase());

describe('publish: the completeness gate', () => {
  it('gate: coverage comes from the record when it names the current source, else from the current source', () => {
    const record = { source: 'nl/a.md', sourceHash: 'h1', complete: 50, translated: '2026-01-01', segments: [{ id: 'a', textHash: 'x' }, { id: 'b' }, { id: 'c', textHash: 'y' }, { id: 'd' }] };
    expect(measure(record, 'h1', () => expect.unreachable('a fresh record needs no parse'))).toEqual({ complete: 50, total: 4, translated: 2, tracked: true, fresh: true });
    // The source changed: "c" is gone, "e" is new; a and c were translated.
    expect(measure(record, 'h2', () => ['a', 'b', 'e'])).toEqual({ complete: 33, total: 3, translated: 1, tracked: true, fresh: false });
    // Written by hand: trusted as complete, as tolk check counts it.
    expect(measure(undefined, 'h2', () => ['a', 'b'])).toMatchObject({ complete: 100, tracked: false });
  });

  it('gate: an article below --min-complete is held back and listed with its completeness; a lower gate lets it through', async () => {
    const root = publishProject({ 'articles/nl/goud.md': article });
    await localize(root, ['af']);
    const project = await localize(root, ['ru'], keepKees);
    const ru = readProvenance(readFileSync(join(root, 'articles/ru/goud.md'), 'utf8'))!;
    expect(ru.complete).toBeLessThan(80);
    expect(ru.complete).toBeGreaterThan(50);

    const out = join(root, 'site');
    const strict = await exportArticles({ project, out, languages: ['af', 'ru', 'ar'] });
    expect(strict.exported.map((e) => [e.lang, e.complete])).toEqual([['nl', 100], ['af', 100]]);
    expect(strict.heldBack).toEqual([
      { source: 'nl/goud.md', lang: 'ru', complete: ru.complete, reason: 'incomplete', removed: [] },
      { source: 'nl/goud.md', lang: 'ar', complete: 0, reason: 'missing', removed: [] },
    ]);
    expect(existsSync(join(out, 'ru/goud.html'))).toBe(false);
    expect(JSON.parse(readFileSync(join(out, 'index.json'), 'utf8')).heldBack).toHaveLength(2);

    const lenient = await exportArticles({ project, out, languages: ['af', 'ru'], minComplete: 50 });
    expect(lenient.exported.map((e) => e.lang)).toEqual(['nl', 'af', 'ru']);
    for (const format of ['md', 'html', 'json']) expect(existsSync(join(out, `ru/goud.${format}`))).toBe(true);

    // Back to the default gate: the ru files of the earlier export go, so nothing below the gate stays published.
    const again = await exportArticles({ project, out, languages: ['af', 'ru'] });
    expect(again.heldBack[0]!.removed.sort()).toEqual(['ru/goud.html', 'ru/goud.json', 'ru/goud.md']);
    expect(existsSync(join(out, 'ru/goud.html'))).toBe(false);
    expect(existsSync(join(out, 'ru/index.html'))).toBe(false);
  });

  it('gate: completeness is counted against the current source, so an edited source can hold a translation back', async () => {
    const root = publishProject({ 'articles/nl/goud.md': article });
    const project = await localize(root, ['af']);
    const out = join(root, 'site');
    expect((await exportArticles({ project, out, languages: ['af'] })).exported.map((e) => e.lang)).toEqual(['nl', 'af']);

    // Two new paragraphs: the af article (built from the old source) now covers fewer of the source's segments.
    const before = readProvenance(readFileSync(join(root, 'articles/af/goud.md'), 'utf8'))!.segments.length;
    const expected = Math.floor((100 * before) / (before + 2));
    writeFileSync(join(root, 'articles/nl/goud.md'), `${article}\nEen nieuwe alinea.\n\nNog een nieuwe alinea.\n`);
    const after = await exportArticles({ project, out, languages: ['af'], minComplete: 90 });
    expect(after.heldBack).toMatchObject([{ lang: 'af', reason: 'incomplete', complete: expected }]);
    const outdated = await exportArticles({ project, out, languages: ['af'], minComplete: 80 });
    expect(outdated.exported.find((e) => e.lang === 'af')?.complete).toBe(expected);
    expect(outdated.diagnostics).toContainEqual(expect.objectContaining({ rule: 'article-outdated', language: 'af', file: 'articles/af/goud.md' }));
  });

  it('gate: an article written by hand (no tolk record) is trusted as complete, with a warning', async () => {
    const root = publishProject({ 'articles/nl/goud.md': article, 'articles/af/goud.md': '---\ntitle: Goud vir Kazakstan\n---\n\n# Goud vir Kazakstan\n\nMet die hand geskryf.\n' });
    const project = await loadProject({ root });
    const result = await exportArticles({ project, out: join(root, 'site'), languages: ['af'] });
    expect(result.exported.map((e) => [e.lang, e.complete])).toEqual([['nl', 100], ['af', 100]]);
    expect(result.diagnostics).toContainEqual(expect.objectContaining({ rule: 'article-untracked', language: 'af' }));
  });

  it('gate: an export stopped while reading writes nothing and says it was interrupted', async () => {
    const root = publishProject({ 'articles/nl/goud.md': article });
    const project = await localize(root, ['af']);
    const controller = new AbortController();
    controller.abort(new Error('interrupted'));
    const result = await exportArticles({ project, out: join(root, 'site'), languages: ['af'], signal: controller.signal });
    expect(result).toMatchObject({ interrupted: true, exported: [], heldBack: [] });
    expect(existsSync(join(root, 'site'))).toBe(false);
  });
});
