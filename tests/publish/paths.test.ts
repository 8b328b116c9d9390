import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import { InputError, UsageError } from '../../src/core/errors.js';
import { exportArticles } from '../../src/publish/index.js';
import { checkSlug } from '../../src/publish/slug.js';
import { snapshot } from '../helpers/project.js';
import { article, localize, publishProject } from './helpers.js';

const withSlug = (text: string, slug: string) => text.replace(/^---\n/, `---\nslug: ${JSON.stringify(slug)}\n`);

describe('publish: slugs and paths', () => {
  it('slug: file names and URLs get letters, digits, "-", "_" and inner dots only', () => {
    for (const good of ['kazachstan-parijs-2024', '2024/08/goud', 'über-uns', 'москва-2024', 'v1.2_final']) expect(checkSlug(good, 'a.md')).toBe(good);
    for (const bad of ['', '../evil', 'a/../../b', '/etc/passwd', '.hidden', 'a/./b', 'a//b', 'a\\..\\b', 'a b', 'a%2e', 'a?b', 'a#b', 'ends.', 'index', 'x'.repeat(201), 'C:/x']) {
      expect(() => checkSlug(bad, 'articles/af/a.md'), bad).toThrow(InputError);
    }
    expect(() => checkSlug(42, 'articles/af/a.md')).toThrow(/slug must be a string, got 42/);
    expect(() => checkSlug('../evil', 'articles/af/a.md')).toThrow(expect.objectContaining({ location: { file: 'articles/af/a.md' } }));
  });

  it('paths: a bad slug in a translator-edited front matter stops the export before anything is written', async () => {
    const root = publishProject({ 'articles/nl/goud.md': article });
    const project = await localize(root, ['af']);
    const file = join(root, 'articles/af/goud.md');
    writeFileSync(file, withSlug(readFileSync(file, 'utf8'), '../../../outside'));
    const before = snapshot(root);
    const out = join(root, 'site');
    await expect(exportArticles({ project, out, languages: ['af'] })).rejects.toThrow(InputError);
    await expect(exportArticles({ project, out, languages: ['af'] })).rejects.toThrow(/articles\/af\/goud\.md|slug must be/);
    expect(existsSync(out)).toBe(false);
    expect(snapshot(root)).toEqual(before);
  });

  it('paths: a localized slug of its own is used, and alternates follow it', async () => {
    const root = publishProject({ 'articles/nl/2024/goud.md': article });
    const project = await localize(root, ['af']);
    const file = join(root, 'articles/af/2024/goud.md');
    writeFileSync(file, withSlug(readFileSync(file, 'utf8'), '2024/goud-vir-kazakstan'));
    const result = await exportArticles({ project, out: join(root, 'site'), languages: ['af'], formats: ['html'] });
    expect(result.exported.map((e) => `${e.lang}/${e.slug}`)).toEqual(['nl/2024/goud', 'af/2024/goud-vir-kazakstan']);
    const nl = readFileSync(join(root, 'site/nl/2024/goud.html'), 'utf8');
    expect(nl).toContain('<link rel="alternate" hreflang="af" href="../../af/2024/goud-vir-kazakstan.html">');
    expect(nl).toContain('<a href="../index.html">Voorpagina</a>');
  });

  it('paths: two articles with one slug in a language are refused', async () => {
    const root = publishProject({ 'articles/nl/a.md': withSlug(article, 'goud'), 'articles/nl/goud.md': article });
    const project = await loadProject({ root });
    await expect(exportArticles({ project, out: join(root, 'site'), languages: [] })).rejects.toThrow(/slug "goud" is also the slug of articles\/nl\/a\.md/);
  });

  it('paths: a symbolic link inside --out is refused, so nothing lands outside it', async () => {
    const root = publishProject({ 'articles/nl/goud.md': article });
    const project = await localize(root, ['af']);
    const elsewhere = mkdtempSync(join(tmpdir(), 'tolk-elsewhere-'));
    const out = join(root, 'site');
    mkdirSync(out);
    symlinkSync(elsewhere, join(out, 'af'));
    await expect(exportArticles({ project, out, languages: ['af'] })).rejects.toThrow(/af in the output directory is a symbolic link/);
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('paths: --out may not overlap the articles or locales directories, and languages must be language tags', async () => {
    const root = publishProject({ 'articles/nl/goud.md': article });
    const project = await loadProject({ root });
    for (const out of [join(root, 'articles'), join(root, 'articles/nl'), join(root, 'locales'), root]) {
      await expect(exportArticles({ project, out }), out).rejects.toThrow(UsageError);
    }
    for (const lang of ['../x', 'a/b', 'nl/..', '', 'x'.repeat(9)]) {
      await expect(exportArticles({ project, out: join(root, 'site'), languages: [lang] }), lang).rejects.toThrow(UsageError);
    }
    expect(existsSync(join(root, 'site'))).toBe(false);
  });
});
