/** `npm run bench`: every figure measured in one run on this machine, printed side by side. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadGlossaries } from '../glossary/index.js';
import { benchCheck } from './check-bench.js';
import { benchGlossary } from './glossary-bench.js';
import { benchLimits } from './limits-bench.js';
import { benchMemory } from './memory-bench.js';
import { benchPipeline } from './pipeline-bench.js';
import { benchQuality } from './quality-bench.js';
import { formatTable, toJson, type Figure } from './report.js';
import { benchWorkers } from './workers-bench.js';

export interface BenchOptions {
  json?: boolean;
  /** Run only these groups (e.g. ["tm"]). */
  only?: string[];
  /** Smaller corpora for a quick look (not for README figures). */
  quick?: boolean;
  /** Units in the memory of the tm group (default 1,000,000; 100,000 with `quick`). */
  units?: number;
  /** Runs per time figure of the tm group, each figure their median with min–max. @default 5 */
  runs?: number;
  log?: (line: string) => void;
}

type GroupOptions = Required<Pick<BenchOptions, 'quick'>> & Pick<BenchOptions, 'units' | 'runs'> & { log: (l: string) => void };

const groups: Record<string, (o: GroupOptions) => Promise<Figure[]>> = {
  check: ({ quick, log }) => benchCheck(quick ? 1 : 5, log),
  glossary: async ({ log }) => {
    // The shipped glossary and the sample article, as they are in the repository.
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const article = readFileSync(`${root}/articles/nl/kazachstan-parijs-2024.md`, 'utf8');
    return benchGlossary(article, await loadGlossaries(root, ['glossaries/sports.tbx']), log);
  },
  limits: ({ quick, log }) => benchLimits({ articles: quick ? 100 : 500, runs: quick ? 5 : 9, log }),
  pipeline: ({ quick, log }) => benchPipeline({ articles: quick ? 100 : 500, runs: quick ? 1 : 5, rssArticles: quick ? 500 : 5000, languageRss: quick ? [20, 100] : [400, 2000], log }),
  quality: ({ quick, log }) => benchQuality({ articles: quick ? 100 : 500, runs: quick ? 1 : 5, log }),
  workers: ({ quick, log }) => benchWorkers({ runs: quick ? 2 : 5, ...(quick ? { jobs: 16 } : {}), log }),
  tm: ({ quick, units, runs, log }) => {
    const size = units ?? (quick ? 100_000 : 1_000_000);
    return benchMemory({ size, importSize: size, runs: runs ?? 5, log });
  },
};

export async function runBench(options: BenchOptions = {}): Promise<{ figures: Figure[]; text: string; json: ReturnType<typeof toJson> }> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const figures: Figure[] = [];
  for (const [name, run] of Object.entries(groups)) {
    if (options.only?.length && !options.only.includes(name)) continue;
    log(`— ${name}`);
    figures.push(...(await run({ quick: Boolean(options.quick), units: options.units, runs: options.runs, log })));
  }
  return { figures, text: formatTable(figures), json: toJson(figures) };
}
