import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runExport } from '../../src/cli/commands/export.js';
import { UsageError } from '../../src/core/errors.js';
import { runTolk } from '../helpers/project.js';
import { article, bufferIO, localize, publishProject } from './helpers.js';

const keepKees = (s: string) => (/Kees|poging/.test(s) ? undefined : s.toUpperCase());

describe('tolk export', () => {
  it('export: lists what was exported and what the gate held back, exit 0', async () => {
    const root = publishProject({ 'articles/nl/goud.md': article });
    await localize(root, ['af']);
    await localize(root, ['ru'], keepKees);
    const { io, out } = bufferIO(root);
    expect(await runExport({ to: 'af,ru,ar', out: 'site' }, io)).toBe(0);
    expect(out.stdout).toContain('exported 1 article in 2 languages to site (md, html, json; gate 80%)');
    expect(out.stdout).toMatch(/^ {2}af +100% {2}af\/goud$/m);
    expect(out.stdout).toContain('held back (below 80% complete):');
    expect(out.stdout).toMatch(/^ {2}ru +75% {2}nl\/goud\.md \(75% complete\)$/m);
    expect(out.stdout).toMatch(/^ {2}ar +0% {2}nl\/goud\.md \(no ar article yet\)$/m);
    expect(existsSync(join(root, 'site/af/goud.html'))).toBe(true);
  });

  it('export: --json prints the result as one document', async () => {
    const root = publishProject({ 'articles/nl/goud.md': article });
    await localize(root, ['ru'], keepKees);
    const { io, out } = bufferIO(root);
    expect(await runExport({ to: 'ru', out: 'site', minComplete: '70', format: 'html', json: true }, io)).toBe(0);
    const result = JSON.parse(out.stdout);
    expect(result).toMatchObject({ formats: ['html'], minComplete: 70, heldBack: [], interrupted: false });
    expect(result.exported.map((e: { lang: string; files: string[] }) => [e.lang, e.files])).toEqual([
      ['nl', ['nl/goud.html']],
      ['ru', ['ru/goud.html']],
    ]);
    expect(out.stderr).toBe('');
  });

  it('export: usage errors name the option', async () => {
    const root = publishProject({ 'articles/nl/goud.md': article });
    const { io } = bufferIO(root);
    await expect(runExport({}, io)).rejects.toThrow(/--out <dir> is required/);
    for (const minComplete of ['101', '-1', '8.5', 'most']) {
      await expect(runExport({ out: 'site', minComplete }, io)).rejects.toThrow(/--min-complete expects a whole number from 0 to 100/);
    }
    await expect(runExport({ out: 'site', format: 'pdf' }, io)).rejects.toThrow(UsageError);
    await expect(runExport({ out: 'site', format: 'pdf' }, io)).rejects.toThrow(/--format expects md, html, json \(comma-separated\), got "pdf"/);
    await expect(runExport({ out: 'site', to: ' , ' }, io)).rejects.toThrow(/--to names no language/);
    expect(existsSync(join(root, 'site'))).toBe(false);
  });

  it('export: the built bin exports and maps usage errors to exit 2', async () => {
    const root = publishProject({ 'articles/nl/goud.md': article });
    await localize(root, ['af']);
    const ok = runTolk(['export', '--to', 'af', '--out', 'site', '--format', 'md,html'], root);
    expect(ok.code).toBe(0);
    expect(existsSync(join(root, 'site/af/goud.html'))).toBe(true);
    expect(runTolk(['export', '--out', 'site', '--min-complete', '120'], root).code).toBe(2);
    expect(runTolk(['export', '--out', 'articles'], root).code).toBe(2);
  });
});
