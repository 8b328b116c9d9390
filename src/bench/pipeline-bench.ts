import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadProject } from '../config/index.js';
import { createEngine, type Engine } from '../engines/index.js';
import { batchDocument } from '../engines/apertium-format.js';
import { SqliteMemoryStore, type MemoryStore } from '../memory/index.js';
import { translateArticles, type TranslateSummary } from '../pipeline/index.js';
import { createLocalQueue } from '../queue/index.js';
import { writeArticleCorpus } from './articles.js';
import { benchLanguagesRss, benchPeakRss } from './rss-bench.js';
import { po4aInstalled, preparePo4a } from './po4a-bench.js';
import { crashed, figure, skipped, summarize, type Figure } from './report.js';

export interface PipelineBenchOptions {
  articles: number;
  runs: number;
  /** Articles in the peak-memory run. */
  rssArticles: number;
  /** Articles of the two 20-language peak-memory runs (small, large); none: not measured. */
  languageRss?: [number, number];
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
  const queue = createLocalQueue({ engines: [engine], limits: () => ({ concurrency: extra.concurrency ?? 4 }), retry: { retries: 2, minDelayMs: 10, maxDelayMs: 100 } });
  return translateArticles({
    project,
    store,
    languages: ['af'],
    engines: new Map([['af', engine]]),
    queue,
    fuzzyThreshold: 75,
    stateDir: join(root, '.tolk'),
    ...(extra.force ? { force: true } : {}),
  });
}


/**
 * Engine saturation: a simulated engine with `slots` requests at a time,
 * each taking `latencyMs`, has a capacity of slots × batch / latency
 * segments per second. tolk's throughput is measured over the engine phase.
 */
async function benchSaturation(runs: number, log: (line: string) => void): Promise<Figure> {
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
  try {
    const throughputs: number[] = [];
    for (let r = 0; r < runs; r++) {
      rmSync(join(root, '.tolk'), { recursive: true, force: true });
      rmSync(join(root, 'articles/af'), { recursive: true, force: true });
      first = Infinity;
      last = 0;
      segments = 0;
      const store = new SqliteMemoryStore(join(root, '.tolk/tm.sqlite'));
      try {
        const summary = await translate(root, engine, store, { concurrency: slots });
        if (summary.failed.length || summary.engineSegments !== summary.unique) throw new Error(`simulated run: ${summary.failed.length} failed`);
      } finally {
        await store.close();
      }
      throughputs.push(segments / ((last - first) / 1000));
    }
    const capacity = (slots * batch) / (latencyMs / 1000);
    const t = summarize(throughputs);
    log(`simulated engine: ${segments} segments per run, ${Math.round(t.median)} segments/s (median of ${runs})`);
    return figure({
      name: 'simulated engine throughput',
      value: Math.round(t.median),
      unit: 'segments/s',
      spread: { min: Math.round(t.min), max: Math.round(t.max), runs },
      baseline: { name: 'capacity', value: capacity, unit: 'segments/s' },
      goal: '≥ 0.95× capacity',
      pass: t.median >= 0.95 * capacity,
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/** Runs `apertium -f html nld-afr` on each file, `concurrency` at a time; seconds. Throws on a failed or empty answer. */
async function rawApertium(files: string[], concurrency: number): Promise<number> {
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const file = files[next++]!;
      const output = await new Promise<string>((resolve, reject) => {
        const child = spawn('apertium', ['-f', 'html', 'nld-afr', file], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
        child.on('error', reject);
        child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`apertium exited with ${code} on ${file}`))));
      });
      if (!output.trim()) throw new Error(`apertium answered nothing for ${file}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return (performance.now() - started) / 1000;
}

/**
 * Apertium through tolk: the engine phase of a whole translate run (first
 * request out to last answer in, so queueing and batching over many requests
 * count) against raw `apertium` on the very documents tolk sent, at the same
 * concurrency. Requests are capped at 20,000 characters so the 30 articles
 * make a dozen of them. One untimed round warms both; then `runs` rounds, the
 * order reversed every other round.
 */
async function benchApertium(runs: number, log: (line: string) => void): Promise<Figure> {
  const { root } = corpusProject(30, ['af']);
  const concurrency = 2;
  try {
    const apertium = await createEngine('apertium');
    const documents: string[][] = [];
    let first = Infinity;
    let last = 0;
    const engine: Engine = {
      ...apertium,
      limits: { maxSegments: 200, maxCharacters: 20_000 },
      async translate(request) {
        first = Math.min(first, performance.now());
        documents.push([...request.segments]);
        const result = await apertium.translate(request);
        last = performance.now();
        return result;
      },
    };
    const throughTolk = async (): Promise<{ seconds: number; characters: number; requests: number }> => {
      rmSync(join(root, '.tolk'), { recursive: true, force: true });
      rmSync(join(root, 'articles/af'), { recursive: true, force: true });
      first = Infinity;
      last = 0;
      documents.length = 0;
      const store = new SqliteMemoryStore(join(root, '.tolk/tm.sqlite'));
      try {
        const summary = await translate(root, engine, store, { concurrency });
        if (summary.failed.length || summary.engineSegments !== summary.unique) throw new Error(`apertium run: ${summary.failed.length} failed, ${summary.engineSegments} of ${summary.unique} sent`);
        return { seconds: (last - first) / 1000, characters: summary.engineCharacters, requests: summary.engineRequests };
      } finally {
        await store.close();
      }
    };
    const warm = await throughTolk();
    if (warm.requests < 10) throw new Error(`the Apertium corpus made only ${warm.requests} requests`);
    const files = documents.map((segments, n) => {
      const file = join(root, `raw-${n}.html`);
      writeFileSync(file, batchDocument(segments));
      return file;
    });
    await rawApertium(files, concurrency);
    const tolk: number[] = [];
    const raw: number[] = [];
    for (let r = 0; r < runs; r++) {
      const steps = [async () => void tolk.push((await throughTolk()).seconds), async () => void raw.push(await rawApertium(files, concurrency))];
      for (const step of r % 2 ? steps.reverse() : steps) await step();
    }
    const t = summarize(tolk);
    const w = summarize(raw);
    const chars = warm.characters;
    log(`apertium: ${warm.requests} requests, ${chars} characters, concurrency ${concurrency}; engine phase in tolk ${t.median.toFixed(2)} s (${t.min.toFixed(2)}–${t.max.toFixed(2)}), raw apertium on the same documents ${w.median.toFixed(2)} s (${w.min.toFixed(2)}–${w.max.toFixed(2)})`);
    return figure({
      name: `Apertium through tolk, ${warm.requests} requests`,
      value: Math.round(chars / t.median),
      unit: 'chars/s',
      spread: { min: Math.round(chars / t.max), max: Math.round(chars / t.min), runs },
      baseline: { name: 'raw apertium, same documents', value: chars / w.median, unit: 'chars/s', spread: { min: Math.round(chars / w.max), max: Math.round(chars / w.min), runs } },
      goal: '≥ 0.90× raw',
      pass: w.median / t.median >= 0.9,
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const script = (name: string) => fileURLToPath(new URL(`./${name}`, import.meta.url));

/** Seconds of one fresh process; throws unless it exited 0. */
function timeProcess(args: string[], what: string): { seconds: number; stdout: string } {
  const started = performance.now();
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${what} exited with ${run.status}: ${run.stderr.slice(-2000)}`);
  return { seconds, stdout: run.stdout };
}

/**
 * Warm run: every segment already in the memory, every localized article
 * rebuilt (`tolk translate --force`), and the no-change re-run, each a fresh
 * CLI process as po4a's runs are. Baselines, each a fresh process too and run
 * in the same loop with the order reversed every other round: the io floor
 * (read every source, write every output atomically with fsync, nothing
 * else), bare remark parse + stringify, and po4a re-applying a complete PO.
 */
async function benchWarm(articles: number, runs: number, log: (line: string) => void): Promise<Figure[]> {
  const { root, paths } = corpusProject(articles, ['af']);
  const floorOut = mkdtempSync(join(tmpdir(), 'tolk-bench-floor-'));
  const po4a = po4aInstalled() ? preparePo4a(join(root, 'articles/nl'), paths) : undefined;
  try {
    const list = join(floorOut, 'list.json');
    writeFileSync(list, JSON.stringify(paths));
    const bin = fileURLToPath(new URL('../cli/bin.js', import.meta.url));
    const tolk = (extra: string[]) => JSON.parse(timeProcess([bin, 'translate', '--root', root, '--to', 'af', '--engine', 'pseudo', '--json', ...extra], 'tolk translate').stdout) as TranslateSummary;
    // The memory is filled once; warm runs must then send nothing and write every article.
    const cold = tolk([]);
    if (cold.languages.af?.written !== articles) throw new Error(`cold run wrote ${cold.languages.af?.written} of ${articles} articles`);
    const samples = { warm: [] as number[], idle: [] as number[], floor: [] as number[], remark: [] as number[], po4a: [] as number[] };
    const steps: Array<() => void> = [
      () => {
        const started = performance.now();
        const summary = tolk(['--force']);
        samples.warm.push((performance.now() - started) / 1000);
        if (summary.engineSegments !== 0 || summary.languages.af?.written !== articles) {
          throw new Error(`warm run sent ${summary.engineSegments} segments and wrote ${summary.languages.af?.written} of ${articles}`);
        }
      },
      () => {
        const started = performance.now();
        const summary = tolk([]);
        samples.idle.push((performance.now() - started) / 1000);
        if (summary.engineSegments !== 0 || summary.upToDate !== articles) throw new Error(`no-change run found ${summary.upToDate} of ${articles} up to date`);
      },
      () => samples.floor.push(timeProcess([script('io-floor.js'), join(root, 'articles/nl'), floorOut, list], 'io floor').seconds),
      () => samples.remark.push(timeProcess([script('remark-run.js'), join(root, 'articles/nl'), list], 'remark').seconds),
      ...(po4a ? [() => void samples.po4a.push(po4a.once())] : []),
    ];
    for (let r = 0; r < runs; r++) for (const step of r % 2 ? [...steps].reverse() : steps) step();
    const warm = summarize(samples.warm);
    const idle = summarize(samples.idle);
    const floor = summarize(samples.floor);
    const remark = summarize(samples.remark);
    const spread = (s: ReturnType<typeof summarize>) => ({ min: s.min, max: s.max, runs: s.runs });
    log(
      `${articles} articles, each a fresh process, medians of ${runs}: warm run ${warm.median.toFixed(2)} s, no-change run ${idle.median.toFixed(2)} s, ` +
        `io floor ${floor.median.toFixed(2)} s, remark ${remark.median.toFixed(2)} s${po4a ? `, po4a ${summarize(samples.po4a).median.toFixed(2)} s` : ''}`,
    );
    const warmFigure = { value: warm.median, unit: 's', spread: spread(warm) };
    const vsPo4a = { name: `warm translate run vs po4a, ${articles} articles`, unit: 's', goal: '≤ 0.125× po4a (≥ 8× faster)' };
    const po4aTimes = po4a ? summarize(samples.po4a) : undefined;
    return [
      figure({
        name: `warm translate run vs io floor, ${articles} articles`,
        ...warmFigure,
        baseline: { name: 'io floor (read + atomic fsync write)', value: floor.median, unit: 's', spread: spread(floor) },
        goal: '≤ 2× io floor',
        pass: warm.median <= 2 * floor.median,
      }),
      figure({
        name: `warm translate run vs remark, ${articles} articles`,
        ...warmFigure,
        baseline: { name: 'remark parse+stringify', value: remark.median, unit: 's', spread: spread(remark) },
        goal: '≤ 1.5× remark',
        pass: warm.median <= 1.5 * remark.median,
      }),
      figure({
        name: `no-change re-run, ${articles} articles`,
        value: idle.median,
        unit: 's',
        spread: spread(idle),
        baseline: { name: 'remark parse+stringify', value: remark.median, unit: 's', spread: spread(remark) },
        goal: '≤ 0.15× remark',
        pass: idle.median <= 0.15 * remark.median,
      }),
      po4aTimes === undefined
        ? skipped(vsPo4a, 'po4a not installed (apt-get install po4a)')
        : figure({ ...vsPo4a, ...warmFigure, baseline: { name: 'po4a, complete PO', value: po4aTimes.median, unit: 's', spread: spread(po4aTimes) }, pass: po4aTimes.median / warm.median >= 8 }),
    ];
  } finally {
    po4a?.cleanup();
    rmSync(floorOut, { recursive: true, force: true });
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

export async function benchPipeline(options: PipelineBenchOptions): Promise<Figure[]> {
  // A crash is a failed figure, and the other measurements still run.
  const guard = async (name: string, run: () => Promise<Figure | Figure[]>): Promise<Figure[]> => {
    try {
      return [await run()].flat();
    } catch (error) {
      options.log(`${name}: ${(error as Error)?.message ?? error}`);
      return [crashed(name, error)];
    }
  };
  return [
    ...(await guard(`warm translate run, ${options.articles} articles`, () => benchWarm(options.articles, options.runs, options.log))),
    ...(await guard('one edited paragraph', () => benchOneEdit(options.log))),
    ...(await guard('Apertium through tolk', () => benchApertium(options.runs, options.log))),
    ...(await guard('simulated engine throughput', () => benchSaturation(options.runs, options.log))),
    ...(await guard('translate peak RSS', () => benchPeakRss(options.rssArticles, options.log))),
    ...(options.languageRss ? await guard('translate peak RSS, 20 languages', () => benchLanguagesRss(options.languageRss!, options.log)) : []),
  ];
}
