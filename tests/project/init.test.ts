import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bin, makeProject, removeProject, repoRoot, runTolk, snapshot } from '../helpers/project.js';

const dirs: string[] = [];
const emptyDir = () => {
  const dir = makeProject({});
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) removeProject(dir);
});

// Each case runs the CLI several times over; generous per-test limits catch a hang, never measure speed.
describe('tolk init', { timeout: 180_000 }, () => {
  it('init: a new project runs the printed next steps as they are — translate, strings, check exits 0, export', () => {
    const root = emptyDir();
    const init = runTolk(['init', '--source', 'nl', '--to', 'en,af', '--engine', 'pseudo'], root);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    for (const file of ['tolk.config.json', 'locales/nl/common.json', 'glossaries/sports.tbx', '.gitignore']) expect(existsSync(join(root, file))).toBe(true);
    expect(existsSync(join(root, 'articles/nl'))).toBe(true);
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toBe('.tolk/\n');
    // The page chrome the export renders is there, in the source language.
    const strings = JSON.parse(readFileSync(join(root, 'locales/nl/common.json'), 'utf8'));
    expect(strings).toMatchObject({ photoCredit: expect.stringContaining('{{name}}'), readingTime_one: expect.any(String), nav: { home: 'Voorpagina' } });

    copyFileSync(join(repoRoot, 'articles/nl/kazachstan-parijs-2024.md'), join(root, 'articles/nl/kazachstan-parijs-2024.md'));
    const next = init.stdout.split('\n').filter((line) => line.startsWith('  npx tolk ')).map((line) => line.trim().split(/\s+/).slice(2));
    expect(next).toEqual([['translate'], ['translate', '--strings'], ['check']]);
    for (const args of next) {
      const step = runTolk(args, root);
      expect(step.code, `tolk ${args.join(' ')}: ${step.stderr}`).toBe(0);
    }
    const exported = runTolk(['export', '--out', 'site', '--json'], root);
    expect(exported.code).toBe(0);
    expect(JSON.parse(exported.stdout).exported.map((e: { lang: string }) => e.lang).sort()).toEqual(['af', 'en', 'nl']);
    expect(existsSync(join(root, 'site/af/kazachstan-parijs-2024.html'))).toBe(true);
  });

  it('init: never overwrites — existing files are named, exit 2, nothing changes; --force replaces', () => {
    const root = emptyDir();
    writeFileSync(join(root, '.gitignore'), 'node_modules/');
    expect(runTolk(['init', '--source', 'nl', '--to', 'en'], root).code).toBe(0);
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toBe('node_modules/\n.tolk/\n');
    writeFileSync(join(root, 'tolk.config.json'), '{ "sourceLanguage": "nl", "targetLanguages": ["de"] }\n');
    const before = snapshot(root);
    const again = runTolk(['init', '--source', 'de', '--to', 'en'], root);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/tolk\.config\.json.*exist already.*nothing was written.*--force/);
    expect(again.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(root)).toEqual(before);
    const forced = runTolk(['init', '--source', 'nl', '--to', 'en', '--force', '--glossary', 'empty'], root);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/replaced tolk\.config\.json/);
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toBe('node_modules/\n.tolk/\n');
    // The empty glossary is a valid one: every command loads it.
    expect(readFileSync(join(root, 'glossaries/sports.tbx'), 'utf8')).not.toMatch(/termEntry id/);
    expect(runTolk(['translate', '--strings'], root).code).toBe(0);
    expect(runTolk(['check'], root).code).toBe(0);
  });

  it('init: with --engine apertium the article languages are the pairs apertium -l lists, and it says so', () => {
    const root = emptyDir();
    const init = runTolk(['init', '--source', 'nl', '--to', 'en,de,af', '--engine', 'apertium'], root);
    expect(init.code).toBe(0);
    const config = JSON.parse(readFileSync(join(root, 'tolk.config.json'), 'utf8'));
    expect(config).toMatchObject({ sourceLanguage: 'nl', targetLanguages: ['en', 'de', 'af'], articleLanguages: ['af'], engines: { af: 'apertium', '*': 'pseudo' } });
    expect(init.stdout).toMatch(/articles in af: the pairs apertium -l lists from nl \(nld-afr\)/);
    const none = runTolk(['init', '--source', 'nl', '--to', 'fr', '--engine', 'apertium', '--force'], root);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Apertium has no pair from nl into fr.*apertium -l lists: .*nld-afr/);
  });

  it('init: without a terminal it never prompts — a missing flag or a bad one is exit 2 with nothing written', () => {
    const root = emptyDir();
    for (const args of [['init', '--to', 'en'], ['init', '--source', 'nl'], ['init', '--source', 'nl', '--to', 'en', '--engine', 'babelfish'], ['init', '--source', 'dutch!', '--to', 'en'], ['init', '--source', 'nl', '--to', ' , ']]) {
      const result = runTolk(args, root);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^tolk: /);
      expect(snapshot(root)).toEqual({});
    }
    expect(runTolk(['init', '--to', 'en'], root).stderr).toMatch(/needs --source <lang> when it is not run on a terminal/);
  });

  it('init: on a terminal it asks for what the flags leave out', async () => {
    const root = emptyDir();
    // `script` gives the CLI a pseudo-terminal, as a person's shell does; each answer is typed when its question shows.
    const child = spawn('script', ['-qec', `${process.execPath} ${bin} init`, '/dev/null'], { cwd: root });
    const answers = [
      [/written in/, 'nl'],
      [/publish in/, 'en,af'],
      [/Engine/, ''],
    ] as const;
    let screen = '';
    let next = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      screen += chunk.toString('utf8');
      while (next < answers.length && answers[next]![0].test(screen)) {
        child.stdin.write(`${answers[next]![1]}\n`);
        screen = '';
        next++;
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(0);
    expect(JSON.parse(readFileSync(join(root, 'tolk.config.json'), 'utf8'))).toEqual({
      sourceLanguage: 'nl',
      targetLanguages: ['en', 'af'],
      glossaries: ['glossaries/sports.tbx'],
      engines: { '*': 'pseudo' },
    });
  });
});
