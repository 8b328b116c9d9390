import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runGlossaryLookup } from '../../src/cli/commands/glossary-lookup.js';
import type { CommandIO } from '../../src/cli/io.js';
import { InputError, UsageError } from '../../src/core/errors.js';
import { loadGlossaries } from '../../src/glossary/index.js';
import { defaultConfig, makeProject, removeProject, repoRoot } from '../helpers/project.js';

const fixture = (name: string) => readFileSync(join(repoRoot, 'tests/fixtures/glossary', name), 'utf8');
const project = makeProject({
  'tolk.config.json': defaultConfig({ glossaries: ['glossaries/small.tbx', 'glossaries/small.csv'] }),
  'glossaries/small.tbx': fixture('small.tbx'),
  'glossaries/small.csv': fixture('small.csv'),
});
mkdirSync(join(project, 'articles/nl'), { recursive: true });
afterAll(() => removeProject(project));

/** Runs the command as the bin would, with the terminal replaced by strings. */
async function lookup(term: string, options: { json?: boolean; root?: string; cwd?: string } = {}) {
  let stdout = '';
  let stderr = '';
  const io: CommandIO = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    isTTY: false,
    cwd: options.cwd ?? project,
    env: {},
  };
  const code = await runGlossaryLookup({ term, ...(options.json && { json: true }), ...(options.root && { root: options.root }) }, io);
  return { code, stdout, stderr };
}

describe('glossary lookup', () => {
  it('glossary lookup: a term in any casing and spacing prints its entries from every glossary, project languages first', async () => {
    const { code, stdout, stderr } = await lookup('  RENNER ');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(
      [
        'rider  glossaries/small.tbx:10',
        '  subject  cycling',
        '  dnt      no',
        "  note     Dutch 'renner' is a rider, not a runner. [af: unverified]",
        '  nl       renner',
        '  af       fietsryer',
        '  en-GB    rider, cyclist (admitted), runner (deprecated)',
        '',
        'glossaries/small.csv:2',
        '  subject  cycling',
        '  dnt      no',
        '  note     Dutch "renner" is a rider, not a runner.',
        '  nl       renner',
        '  en       rider, cyclist (admitted), runner (deprecated)',
        '',
      ].join('\n'),
    );
  });

  it('glossary lookup: a forbidden term finds the entry that forbids it', async () => {
    const { code, stdout } = await lookup('Team Chase');
    expect(code).toBe(0);
    expect(stdout).toContain('team-pursuit  glossaries/small.tbx:40\n');
    expect(stdout).toContain('  en    team pursuit, pursuit (admitted), team chase (superseded)\n');
    expect(stdout).toContain('glossaries/small.csv:4\n');
  });

  it('glossary lookup: names are matched in NFC and marked do-not-translate', async () => {
    const { code, stdout } = await lookup('Назым Кызайбай'.normalize('NFD'), { cwd: join(project, 'articles/nl') });
    expect(code).toBe(0);
    expect(stdout).toContain('kyzaibay  glossaries/small.tbx:54\n  dnt  yes (names keep their form; use the preferred term)\n');
    expect(stdout).toContain('  ru   Назым Кызайбай, Nazym Kyzaibay (admitted)\n');
  });

  it('glossary lookup: --json prints the matching concepts as loaded', async () => {
    const { code, stdout } = await lookup('ploegenachtervolging', { json: true, root: project });
    expect(code).toBe(0);
    const { concepts } = await loadGlossaries(project, ['glossaries/small.tbx', 'glossaries/small.csv']);
    expect(JSON.parse(stdout)).toEqual([concepts[1], concepts[4]]);
  });

  it('glossary lookup: only whole terms match, and no match exits 1', async () => {
    expect(await lookup('ploegen')).toEqual({ code: 1, stdout: 'no glossary entry has the term "ploegen"\n', stderr: '' });
    const json = await lookup('ploegen', { json: true });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual([]);
  });

  it('glossary lookup: an empty term or a project without glossaries is a usage error', async () => {
    await expect(lookup('  ')).rejects.toThrow(UsageError);
    const bare = makeProject({ 'tolk.config.json': defaultConfig() });
    try {
      await expect(lookup('renner', { root: bare })).rejects.toThrow(/no glossaries in the config/);
    } finally {
      removeProject(bare);
    }
  });

  it('glossary lookup: a broken glossary is an input error naming it', async () => {
    const broken = makeProject({ 'tolk.config.json': defaultConfig({ glossaries: ['terms.csv'] }), 'terms.csv': 'nl,en,dnt\nrenner,rider,maybe\n' });
    try {
      const error = await lookup('renner', { root: broken }).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ location: { file: 'terms.csv', line: 2 } });
    } finally {
      removeProject(broken);
    }
  });
});
