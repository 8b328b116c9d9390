import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../core/hash.js';
import { segmentArticle } from '../markdown/index.js';
import { localizedArticle, shortId, textHash } from '../pipeline/index.js';
import { figure, median, type Figure } from './report.js';

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

function timeCommand(args: string[], cwd: string): number {
  const started = performance.now();
  spawnSync(process.execPath, args, { cwd, stdio: 'ignore' });
  return (performance.now() - started) / 1000;
}

export async function benchCheck(runs: number, log: (line: string) => void): Promise<Figure[]> {
  const root = mkdtempSync(join(tmpdir(), 'tolk-bench-check-'));
  try {
    buildCorpus(root);
    const tolk = median(Array.from({ length: runs }, () => timeCommand([join(repo, 'dist/cli/bin.js'), 'check', '--root', root, '--format', 'json'], root)));
    const cli = createRequire(join(repo, 'package.json')).resolve('i18next-cli/package.json');
    const i18nextCli = median(
      Array.from({ length: runs }, () =>
        timeCommand(['--import', join(repo, 'scripts/node22-set-methods.mjs'), join(dirname(cli), 'dist/esm/cli.js'), 'status', '-c', 'i18next.config.mjs'], root),
      ),
    );
    log(`check: tolk ${tolk.toFixed(2)} s (strings of 20 locales × 5,000 keys and 20,000 localized articles), i18next-cli status ${i18nextCli.toFixed(2)} s (strings only)`);
    return [
      figure({
        name: 'tolk check, 20 × 5k keys + 1k articles',
        value: tolk,
        unit: 's',
        baseline: { name: 'i18next-cli status (strings only)', value: i18nextCli, unit: 's' },
        goal: '< 1 s and faster',
        pass: tolk < 1 && tolk < i18nextCli,
      }),
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
