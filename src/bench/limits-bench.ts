import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { checkMarkdownLimits } from '../markdown/index.js';
import { writeArticleCorpus } from './articles.js';
import { figure, median, type Figure } from './report.js';

/**
 * What the structural limits cost a normal article: the checks `parseMarkdown`
 * makes before remark (the linear pre-scan and the size check) against bare
 * remark-parse on the same sources, the pipeline bench's generated corpus,
 * held in memory so neither pays for reading. Each is the median of `runs`
 * passes over every article, with min–max; the pre-scan must accept all of
 * them (a refusal fails the bench rather than counting as fast).
 */
export async function benchLimits(options: { articles: number; runs: number; log: (line: string) => void }): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tolk-bench-limits-'));
  try {
    const texts = writeArticleCorpus(dir, options.articles).map((path) => readFileSync(join(dir, path), 'utf8'));
    const processor = unified().use(remarkParse);
    const prescan = () => {
      for (const text of texts) checkMarkdownLimits(text, { file: 'bench.md' });
    };
    const remark = () => {
      for (const text of texts) processor.parse(text);
    };
    // One untimed pass each, so neither pays for the JIT's first compile.
    prescan();
    remark();
    const prescanTimes: number[] = [];
    const remarkTimes: number[] = [];
    // Interleaved, so a burst of load on the machine falls on both alike.
    for (let run = 0; run < options.runs; run++) {
      prescanTimes.push(milliseconds(prescan));
      remarkTimes.push(milliseconds(remark));
    }
    const pre = median(prescanTimes);
    const parse = median(remarkTimes);
    const range = (times: number[]): [number, number] => [Math.min(...times), Math.max(...times)];
    options.log(`${texts.length} articles: pre-scan ${pre.toFixed(2)} ms (${range(prescanTimes).map((t) => t.toFixed(2)).join('–')}), remark-parse ${parse.toFixed(0)} ms (${range(remarkTimes).map((t) => t.toFixed(0)).join('–')})`);
    return [
      figure({
        name: `Markdown limits pre-scan, ${texts.length} articles`,
        value: pre,
        unit: 'ms',
        spread: { min: Math.min(...prescanTimes), max: Math.max(...prescanTimes), runs: prescanTimes.length },
        baseline: { name: 'bare remark-parse', value: parse, unit: 'ms', spread: { min: Math.min(...remarkTimes), max: Math.max(...remarkTimes), runs: remarkTimes.length } },
        goal: '≤ 0.02× remark-parse',
        pass: pre <= 0.02 * parse,
      }),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function milliseconds(run: () => void): number {
  const start = performance.now();
  run();
  return performance.now() - start;
}
