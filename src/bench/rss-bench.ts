import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArticleCorpus } from './articles.js';
import { runCli } from './cli-run.js';
import { figure, type Figure } from './report.js';

/** Twenty target languages, as a newsroom publishing widely has. */
export const TWENTY = ['af', 'en', 'de', 'fr', 'es', 'it', 'pt', 'sv', 'da', 'nb', 'fi', 'pl', 'cs', 'sk', 'hu', 'ro', 'bg', 'el', 'tr', 'ru'];

function corpus(articles: number, languages: readonly string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'tolk-rss-'));
  writeFileSync(join(root, 'tolk.config.json'), JSON.stringify({ sourceLanguage: 'nl', targetLanguages: languages }));
  writeArticleCorpus(join(root, 'articles/nl'), articles);
  return root;
}

/** One CLI run with the pseudo engine in its own process: its peak RSS, checked to have written every article. */
function translateRun(root: string, articles: number, languages: readonly string[], label: string, log: (line: string) => void, extra: readonly string[] = []): number {
  const { status, stdout, stderr, seconds, peakMB } = runCli(['translate', '--root', root, '--to', languages.join(','), '--engine', 'pseudo', '--json', ...extra]);
  const written = status === 0 ? (JSON.parse(stdout) as { written: string[] }).written.length : undefined;
  const expected = articles * languages.length;
  if (written !== expected) throw new Error(`translate (${label}) exited with ${status}, wrote ${written} of ${expected} articles: ${stderr.slice(-2000)}`);
  log(`${label}: ${seconds.toFixed(1)} s, peak RSS ${Math.round(peakMB)} MB`);
  return peakMB;
}

/**
 * Peak memory of the real CLI on a large corpus, each run in its own process:
 * a cold run with the local pseudo engine (every phase: engine, memory writes,
 * reassembly) and then a warm `--force` run rebuilding every article from the
 * memory. The figure is the higher of the two.
 */
export async function benchPeakRss(articles: number, log: (line: string) => void): Promise<Figure> {
  const root = corpus(articles, ['af']);
  try {
    const peaks: number[] = [];
    for (const [label, extra] of [['cold, pseudo engine', []], ['warm --force', ['--force']]] as const) {
      peaks.push(translateRun(root, articles, ['af'], `${articles} articles, ${label}`, log, extra));
    }
    const peak = Math.max(...peaks);
    // What the same CLI process holds doing nothing: Node, the bin and its imports.
    const idle = runCli(['--version']);
    if (idle.status !== 0) throw new Error(`tolk --version exited with ${idle.status}`);
    log(`tolk --version: peak RSS ${Math.round(idle.peakMB)} MB`);
    return figure({
      name: `translate peak RSS, ${articles.toLocaleString('en')} articles`,
      value: peak,
      unit: 'MB',
      baseline: { name: 'tolk --version process', value: idle.peakMB, unit: 'MB' },
      goal: '≤ 300 MB',
      pass: peak <= 300,
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}


/**
 * Memory flat in the number of languages too: peak RSS of a cold run into 20
 * languages (pseudo engine, each run a fresh CLI process) at a small and a
 * large corpus. The large run's figure has the small one as its baseline:
 * flat means within 10 %, and both stay under 300 MB.
 */
export async function benchLanguagesRss([small, large]: [number, number], log: (line: string) => void): Promise<Figure> {
  const peaks: number[] = [];
  for (const articles of [small, large]) {
    const root = corpus(articles, TWENTY);
    try {
      peaks.push(translateRun(root, articles, TWENTY, `${articles} articles × 20 languages, cold`, log));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  const [base, peak] = peaks as [number, number];
  return figure({
    name: `translate peak RSS, ${large.toLocaleString('en')} articles × 20 languages`,
    value: peak,
    unit: 'MB',
    baseline: { name: `${small.toLocaleString('en')} articles × 20 languages`, value: base, unit: 'MB' },
    goal: '≤ 300 MB and ≤ 1.1× the small corpus',
    pass: peak <= 300 && peak <= 1.1 * base,
  });
}
