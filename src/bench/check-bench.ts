import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../core/hash.js';
import { segmentArticle } from '../markdown/index.js';
import { localizedArticle, shortId, textHash } from '../localized/index.js';
import { crashed, figure, summarize, type Figure } from './report.js';

const LANGUAGES = ['en', 'af', 'de', 'fr', 'es', 'ru', 'kk', 'it', 'pt', 'pl', 'uk', 'cs', 'sv', 'da', 'fi', 'tr', 'el', 'ro', 'hu', 'lt'];
const repo = fileURLToPath(new URL('../..', import.meta.url));

/**
 * 20 locales × 5,000 keys (a tenth plural, with each language's forms, one
 * value emptied per language) and 1,000 articles localized into all 20
 * (1 % of sources edited since), plus the same locales as an i18next-cli
 * project whose source file uses every key.
 */
function buildCorpus(root: string): void {
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  write('tolk.config.json', JSON.stringify({ sourceLanguage: 'nl', targetLanguages: LANGUAGES }));
  const source: Record<string, Record<string, string>> = {};
  const calls: string[] = [];
  for (let i = 0; i < 5000; i++) {
    const group = (source[`section${i % 50}`] ??= {});
    if (i % 10 === 0) {
      group[`count${i}_one`] = `{{count}} item ${i}`;
      group[`count${i}_other`] = `{{count}} items ${i}`;
      calls.push(`t('section${i % 50}.count${i}', { count: n });`);
    } else {
      group[`key${i}`] = i % 7 === 0 ? `Foto door {{name}} op {{site}} ${i}` : `Tekst nummer ${i}`;
      calls.push(`t('section${i % 50}.key${i}');`);
    }
  }
  write('locales/nl/common.json', JSON.stringify(source, null, 2));
  for (const language of LANGUAGES) {
    const forms = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    const target: Record<string, Record<string, string>> = {};
    for (const [section, keys] of Object.entries(source)) {
      const out = (target[section] = {} as Record<string, string>);
      for (const [key, value] of Object.entries(keys)) {
        const plural = /^(.*)_(one|other)$/.exec(key);
        if (plural) for (const form of forms) out[`${plural[1]}_${form}`] = `${language} ${value}`;
        else out[key] = `${language} ${value}`;
      }
    }
    target.section3!.key3 = '';
    write(`locales/${language}/common.json`, JSON.stringify(target, null, 2));
  }
  const body = (n: number, edit = '') =>
    `---\ntitle: Artikel ${n}\n---\n\n# Artikel ${n}\n\n` +
    Array.from({ length: 20 }, (_, p) => `Alinea ${p} van artikel ${n}${p === 3 ? edit : ''}: het land won goud, zilver en brons.`).join('\n\n') +
    '\n';
  for (let n = 0; n < 1000; n++) {
    const text = body(n);
    const segments = segmentArticle(text, { sourceLanguage: 'nl', frontMatterFields: ['title'] }).segments.map((s) => ({ id: shortId(s.id), textHash: textHash(s.source) }));
    write(`articles/nl/a${n}.md`, n % 100 === 0 ? body(n, ' (bijgewerkt)') : text);
    // Localized copies as tolk writes them (record and digest), with the source text standing in for a translation.
    const provenance = { source: `nl/a${n}.md`, sourceHash: sha256(text), complete: 100, translated: '2026-01-01', segments };
    for (const language of LANGUAGES) write(`articles/${language}/a${n}.md`, localizedArticle(text, language, provenance));
  }
  write('src/app.js', `export function page(t, n) {\n${calls.join('\n')}\n}\n`);
  write(
    'i18next.config.mjs',
    `export default { locales: ${JSON.stringify(['nl', ...LANGUAGES])}, extract: { input: ['src/**/*.js'], output: 'locales/{{language}}/{{namespace}}.json', primaryLanguage: 'nl', defaultNS: 'common' } };\n`,
  );
}

interface Ran {
  seconds: number;
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function timeCommand(args: string[], cwd: string): Ran {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28 });
  return { seconds: (performance.now() - started) / 1000, status: run.status, signal: run.signal, stdout: run.stdout, stderr: run.stderr };
}

/** The findings the corpus was built with: per language the emptied key and the ten edited articles' stale segments. */
function checkSeeded(ran: Ran): void {
  if (ran.status !== 1) throw new Error(`tolk check exited with ${ran.status ?? ran.signal} (expected 1: the corpus has seeded findings): ${ran.stderr.slice(-2000)}`);
  const result = JSON.parse(ran.stdout) as { findings: Array<{ rule: string; key?: string; file?: string; language?: string }> };
  for (const language of LANGUAGES) {
    const mine = result.findings.filter((f) => f.language === language);
    if (!mine.some((f) => f.rule === 'empty' && f.key === 'section3.key3')) throw new Error(`tolk check missed the emptied key section3.key3 in ${language}`);
    const stale = new Set(mine.filter((f) => f.rule === 'article-stale').map((f) => f.file));
    const expected = Array.from({ length: 10 }, (_, k) => `articles/${language}/a${k * 100}.md`);
    if (stale.size !== expected.length || !expected.every((file) => stale.has(file))) {
      throw new Error(`tolk check found stale segments in ${[...stale].join(', ') || 'no file'} for ${language}; expected ${expected.join(', ')}`);
    }
  }
}

export async function benchCheck(runs: number, log: (line: string) => void): Promise<Figure[]> {
  try {
    return await measureCheck(runs, log);
  } catch (error) {
    // A crash or a missed finding is a failure, not a fast time.
    log(`check: ${(error as Error)?.message ?? error}`);
    return [crashed('tolk check, 20 × 5k keys + 1k articles', error)];
  }
}

async function measureCheck(runs: number, log: (line: string) => void): Promise<Figure[]> {
  const root = mkdtempSync(join(tmpdir(), 'tolk-bench-check-'));
  try {
    buildCorpus(root);
    const cli = createRequire(join(repo, 'package.json')).resolve('i18next-cli/package.json');
    const steps = [
      () => {
        const ran = timeCommand([join(repo, 'dist/cli/bin.js'), 'check', '--root', root, '--format', 'json'], root);
        checkSeeded(ran);
        return ran.seconds;
      },
      () => {
        const ran = timeCommand(['--import', join(repo, 'scripts/node22-set-methods.mjs'), join(dirname(cli), 'dist/esm/cli.js'), 'status', '-c', 'i18next.config.mjs'], root);
        // i18next-cli status reports the missing key and exits 1 for it; a crash (signal, 2+, no report) is not a time.
        if (ran.status !== 1 || !/section3\.key3|missing|%/i.test(ran.stdout + ran.stderr)) {
          throw new Error(`i18next-cli status exited with ${ran.status ?? ran.signal}: ${(ran.stdout + ran.stderr).slice(-2000)}`);
        }
        return ran.seconds;
      },
    ];
    const times: number[][] = [[], []];
    for (let r = 0; r < runs; r++) {
      const order = r % 2 ? [1, 0] : [0, 1];
      for (const k of order) times[k]!.push(steps[k]!());
    }
    const tolk = summarize(times[0]!);
    const i18nextCli = summarize(times[1]!);
    log(`check: tolk ${tolk.median.toFixed(2)} s (${tolk.min.toFixed(2)}–${tolk.max.toFixed(2)}; strings of 20 locales × 5,000 keys and 20,000 localized articles, every seeded finding found), i18next-cli status ${i18nextCli.median.toFixed(2)} s (${i18nextCli.min.toFixed(2)}–${i18nextCli.max.toFixed(2)}; strings only)`);
    return [
      figure({
        name: 'tolk check, 20 × 5k keys + 1k articles',
        value: tolk.median,
        unit: 's',
        spread: { min: tolk.min, max: tolk.max, runs },
        baseline: { name: 'i18next-cli status (strings only)', value: i18nextCli.median, unit: 's', spread: { min: i18nextCli.min, max: i18nextCli.max, runs } },
        goal: 'faster than i18next-cli (< 1×)',
        pass: tolk.median < i18nextCli.median,
      }),
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
