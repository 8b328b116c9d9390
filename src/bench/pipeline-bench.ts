import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { loadProject } from '../config/index.js';
import { createEngine, type Engine } from '../engines/index.js';
import { batchDocument } from '../engines/apertium-format.js';
import { SqliteMemoryStore, type MemoryStore } from '../memory/index.js';
import { createJobQueue, translateArticles, type TranslateSummary } from '../pipeline/index.js';
import { writeArticleCorpus } from './articles.js';
import { runCli } from './cli-run.js';
import { po4aInstalled, timePo4a } from './po4a-bench.js';
import { figure, median, skipped, type Figure } from './report.js';

export interface PipelineBenchOptions {
  articles: number;
  runs: number;
  /** Articles in the peak-memory run. */
  rssArticles: number;
  log: (line: string) => void;
}

/** A project directory with a generated corpus. */
function corpusProject(articles: number, languages: string[]): { root: string; paths: string[] } {
  const root = mkdtempSync(join(tmpdir(), 'tolk-bench-'));
  writeFileSync(join(root, 'tolk.config.json'), JSON.stringify({ sourceLanguage: 'nl', targetLanguages: languages }));
  const paths = writeArticleCorpus(join(root, 'articles/nl'), articles);
  return { root, paths };
}

async function translate(root: string, engine: Engine, store: MemoryStore, extra: { force?: boolean; concurrency?: number } = {}): Promise<TranslateSummary> {
  const project = await loadProject({ root });
  const queue = createJobQueue({ concurrency: extra.concurrency ?? 4 });
  return translateArticles({
    project,
    store,
    languages: ['af'],
    engines: new Map([['af', engine]]),
    queueFor: () => queue,
    retry: { retries: 2, minDelayMs: 10, maxDelayMs: 100 },
    fuzzyThreshold: 75,
    stateDir: join(root, '.tolk'),
    ...(extra.force ? { force: true } : {}),
  });
}

/** Seconds of one call. */
async function seconds(task: () => unknown): Promise<number> {
  const started = performance.now();
  await task();
  return (performance.now() - started) / 1000;
}

/**
 * Engine saturation: a simulated engine with `slots` requests at a time,
 * each taking `latencyMs`, has a capacity of slots × batch / latency
 * segments per second. tolk's throughput is measured over the engine phase.
 */
async function benchSaturation(log: (line: string) => void): Promise<Figure> {
  const slots = 4;
  // Machine-translation APIs answer a batch in 100-500 ms; 100 ms is the demanding end.
  const latencyMs = 100;
  const batch = 50;
  let busy = 0;
  let first = Infinity;
  let last = 0;
  let segments = 0;
  const engine: Engine = {
    name: 'simulated',
    limits: { maxSegments: batch, maxCharacters: 1_000_000 },
    async translate(request) {
      if (++busy > slots) throw new Error('capacity exceeded');
      first = Math.min(first, performance.now());
      await new Promise((resolve) => setTimeout(resolve, latencyMs));
      busy--;
      segments += request.segments.length;
      last = performance.now();
      return request.segments.map((text) => ({ text }));
    },
  };
  const { root } = corpusProject(300, ['af']);
  const store = new SqliteMemoryStore(join(root, '.tolk/tm.sqlite'));
  try {
    await translate(root, engine, store, { concurrency: slots });
    const elapsed = (last - first) / 1000;
    const capacity = (slots * batch) / (latencyMs / 1000);
    const throughput = segments / elapsed;
    log(`simulated engine: ${segments} segments in ${elapsed.toFixed(2)} s`);
    return figure({
      name: 'simulated engine throughput',
      value: Math.round(throughput),
      unit: 'segments/s',
      baseline: { name: 'capacity', value: capacity, unit: 'segments/s' },
      goal: '≥ 0.95× capacity',
      pass: throughput >= 0.95 * capacity,
    });
  } finally {
    await store.close();
    rmSync(root, { recursive: true, force: true });
  }
}

/** Apertium through tolk (cold memory, whole pipeline) against one raw `apertium` call on the same segments. */
async function benchApertium(log: (line: string) => void): Promise<Figure> {
  const { root } = corpusProject(30, ['af']);
  try {
    // The raw baseline gets exactly the text tolk sends: every unique segment, in one document.
    const project = await loadProject({ root });
    const { planRun } = await import('../pipeline/index.js');
    const plan = await planRun(project, ['af'], {});
    const unique = new Map<string, string>();
    for (const item of plan.work) for (const s of item.article.segments) unique.set(s.id, s.source);
    const input = join(root, 'raw.html');
    writeFileSync(input, batchDocument([...unique.values()]));
    const characters = [...unique.values()].reduce((n, s) => n + s.length, 0);
    const raw = await seconds(() => spawnSync('apertium', ['-f', 'html', 'nld-afr', input], { encoding: 'utf8', maxBuffer: 1 << 28 }));
    // Time the engine phase as tolk drives it (queue, batching, adapter, temp files, output parsing).
    const apertium = await createEngine('apertium');
    let first = Infinity;
    let last = 0;
    const engine: Engine = {
      ...apertium,
      async translate(request) {
        first = Math.min(first, performance.now());
        const result = await apertium.translate(request);
        last = performance.now();
        return result;
      },
    };
    const store = new SqliteMemoryStore(join(root, '.tolk/tm.sqlite'));
    const whole = await seconds(() => translate(root, engine, store));
    await store.close();
    const viaTolk = (last - first) / 1000;
    log(`apertium: ${unique.size} segments, ${characters} characters; raw call ${raw.toFixed(2)} s, engine phase in tolk ${viaTolk.toFixed(2)} s, whole run with parsing and writing ${whole.toFixed(2)} s`);
    return figure({
      name: 'Apertium through tolk',
      value: Math.round(characters / viaTolk),
      unit: 'chars/s',
      baseline: { name: 'raw apertium batch call', value: characters / raw, unit: 'chars/s' },
      goal: '≥ 0.90× raw',
      pass: raw / viaTolk >= 0.9,
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Warm run: every segment already in the memory, every localized article
 * rebuilt (parse, look up, reassemble, write); and the no-change re-run.
 * Both against bare unified/remark parse + stringify of the same files, and
 * the warm run against po4a re-applying a complete PO to them.
 */
async function benchWarm(articles: number, runs: number, log: (line: string) => void): Promise<Figure[]> {
  const { root, paths } = corpusProject(articles, ['af']);
  const store = new SqliteMemoryStore(join(root, '.tolk/tm.sqlite'));
  try {
    const identity: Engine = { name: 'identity', limits: { maxSegments: 500, maxCharacters: 1_000_000 }, translate: async (r) => r.segments.map((text) => ({ text: `af ${text}` })) };
    await translate(root, identity, store);
    const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkStringify);
    const remark = median(
      await Promise.all(
        Array.from({ length: runs }, () => 0).map(async () => 0),
      ).then(async () => {
        const times: number[] = [];
        for (let r = 0; r < runs; r++) {
          times.push(
            await seconds(() => {
              for (const path of paths) String(processor.processSync(readFileSync(join(root, 'articles/nl', path), 'utf8')));
            }),
          );
        }
        return times;
      }),
    );
    const warmTimes: number[] = [];
    let sent = 0;
    for (let r = 0; r < runs; r++) {
      warmTimes.push(await seconds(async () => (sent += (await translate(root, identity, store, { force: true })).engineSegments)));
    }
    if (sent !== 0) throw new Error(`warm run sent ${sent} segments`);
    const noChange: number[] = [];
    for (let r = 0; r < runs; r++) noChange.push(await seconds(() => translate(root, identity, store)));
    const warm = median(warmTimes);
    const idle = median(noChange);
    log(`${articles} articles: remark parse+stringify ${remark.toFixed(2)} s, warm run ${warm.toFixed(2)} s, no-change run ${idle.toFixed(3)} s`);
    const vsPo4a = { name: `warm translate run vs po4a, ${articles} articles`, unit: 's', goal: '≤ 0.125× po4a (≥ 8× faster)' };
    const po4a = po4aInstalled() ? timePo4a(join(root, 'articles/nl'), paths, runs, log) : undefined;
    return [
      figure({ name: `warm translate run, ${articles} articles`, value: warm, unit: 's', baseline: { name: 'remark parse+stringify', value: remark, unit: 's' }, goal: '≤ 1.5× remark', pass: warm <= 1.5 * remark }),
      figure({ name: `no-change re-run, ${articles} articles`, value: idle, unit: 's', baseline: { name: 'remark parse+stringify', value: remark, unit: 's' }, goal: '≤ 0.15× remark', pass: idle <= 0.15 * remark }),
      po4a === undefined
        ? skipped(vsPo4a, 'po4a not installed (apt-get install po4a)')
        : figure({ ...vsPo4a, value: warm, baseline: { name: 'po4a, complete PO', value: po4a, unit: 's' }, pass: po4a / warm >= 8 }),
    ];
  } finally {
    await store.close();
    rmSync(root, { recursive: true, force: true });
  }
}

/** One edited paragraph in a translated corpus: exactly one segment goes to the engine. */
async function benchOneEdit(log: (line: string) => void): Promise<Figure> {
  const { root, paths } = corpusProject(50, ['af']);
  const store = new SqliteMemoryStore(join(root, '.tolk/tm.sqlite'));
  try {
    const sent: string[] = [];
    const engine: Engine = { name: 'counting', limits: { maxSegments: 100, maxCharacters: 1_000_000 }, translate: async (r) => (sent.push(...r.segments), r.segments.map((text) => ({ text }))) };
    await translate(root, engine, store);
    sent.length = 0;
    const file = join(root, 'articles/nl', paths[7]!);
    const text = readFileSync(file, 'utf8');
    const at = text.indexOf('\n## ');
    writeFileSync(file, `${text.slice(0, at)}\n\nDeze alinea is nieuw geschreven door de redactie.\n${text.slice(at)}`);
    await translate(root, engine, store);
    log(`one edited paragraph: sent ${JSON.stringify(sent)}`);
    return figure({ name: 'one edited paragraph', value: sent.length, unit: 'segments sent', goal: 'exactly 1', pass: sent.length === 1 });
  } finally {
    await store.close();
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Peak memory of the real CLI on a large corpus, each run in its own process:
 * a cold run with the local pseudo engine (every phase: engine, memory writes,
 * reassembly) and then a warm `--force` run rebuilding every article from the
 * memory. The figure is the higher of the two.
 */
async function benchPeakRss(articles: number, log: (line: string) => void): Promise<Figure> {
  const { root } = corpusProject(articles, ['af']);
  try {
    const peaks: number[] = [];
    for (const [label, extra] of [['cold, pseudo engine', []], ['warm --force', ['--force']]] as const) {
      const { status, stdout, stderr, seconds, peakMB } = runCli(['translate', '--root', root, '--to', 'af', '--engine', 'pseudo', '--json', ...extra]);
      const written = status === 0 ? (JSON.parse(stdout) as { languages: Record<string, { written: number }> }).languages.af?.written : undefined;
      if (written !== articles) throw new Error(`translate (${label}) exited with ${status}, wrote ${written} of ${articles} articles: ${stderr.slice(-2000)}`);
      log(`${articles} articles, ${label}: ${seconds.toFixed(1)} s, peak RSS ${Math.round(peakMB)} MB`);
      peaks.push(peakMB);
    }
    const peak = Math.max(...peaks);
    return figure({ name: `translate peak RSS, ${articles.toLocaleString('en')} articles`, value: peak, unit: 'MB', goal: '≤ 300 MB', pass: peak <= 300 });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

export async function benchPipeline(options: PipelineBenchOptions): Promise<Figure[]> {
  return [
    ...(await benchWarm(options.articles, options.runs, options.log)),
    await benchOneEdit(options.log),
    await benchApertium(options.log),
    await benchSaturation(options.log),
    await benchPeakRss(options.rssArticles, options.log),
  ];
}
