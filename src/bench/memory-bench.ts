import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { writeTmx } from '../exchange/index.js';
import { segmentId } from '../tagged/index.js';
import { PostgresMemoryStore, SqliteMemoryStore, type FuzzyMatch, type MemoryEntry, type MemoryStore, type MemoryWrite } from '../memory/index.js';
import { runCli } from './cli-run.js';
import { SentenceGenerator } from './corpus.js';
import { seededRandom } from './random.js';
import { figure, median, percentile, round, type Figure } from './report.js';
import { startPostgres, stopOnExit } from './servers.js';

export interface MemoryBenchOptions {
  /** Units in the memory both stores hold. */
  size: number;
  /** Units in the TMX import measurement. */
  importSize: number;
  /** Runs per time figure (median, min–max). */
  runs: number;
  log: (line: string) => void;
}

const FUZZY = { sourceLanguage: 'nl', targetLanguage: 'af', limit: 5, threshold: 75 } as const;

interface Planted {
  id: string;
  query: string;
}

/**
 * The same memory in both stores, measured in one run: built in SQLite, copied
 * into a PostgreSQL 15 this bench starts (with the server's default settings)
 * by `tolk tm copy` in its own process, then exact lookups (batched, and one id
 * per call against a bare primary-key lookup on the same file) and fuzzy top-5
 * for long and short queries in both, with their top-1 agreement.
 */
export async function benchMemory(options: MemoryBenchOptions): Promise<Figure[]> {
  const { size, runs, log } = options;
  const label = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`;
  const dir = mkdtempSync(join(tmpdir(), 'tolk-bench-tm-'));
  const file = join(dir, 'tm.sqlite');
  const server = await startPostgres();
  const release = stopOnExit([server, { stopSync: () => rmSync(dir, { recursive: true, force: true }) }]);
  const figures: Figure[] = [];
  try {
    const { long, short, units, seconds: buildSeconds } = await buildMemory(file, size, log);

    // tolk tm copy SQLite → PostgreSQL, as a user runs it: its own process, peak RSS from getrusage.
    const copy = runCli(['tm', 'copy', file, server.url, '--json']);
    if (copy.status !== 0) throw new Error(`tm copy failed: ${copy.stderr.slice(-2000)}`);
    const report = JSON.parse(copy.stdout) as { entries: number; added: number };
    if (report.added !== units || report.entries !== units) throw new Error(`tm copy added ${report.added} of ${units} entries`);
    log(`tm copy ${label}: ${copy.seconds.toFixed(1)} s, peak RSS ${copy.peakMB.toFixed(0)} MB`);
    // One run each (minutes at 1M): the copy against building the same memory in SQLite in-process.
    figures.push(
      figure({
        name: `tm copy SQLite → PostgreSQL, ${label} units (1 run)`,
        value: copy.seconds,
        unit: 's',
        baseline: { name: 'building it in SQLite (1 run)', value: buildSeconds, unit: 's' },
        goal: 'every entry copied',
        pass: report.added === units,
      }),
      figure({ name: `tm copy peak RSS, ${label} units`, value: copy.peakMB, unit: 'MB', goal: '< 500 MB', pass: copy.peakMB < 500 && report.added === units }),
    );

    const sqlite = new SqliteMemoryStore(file);
    const pg = new PostgresMemoryStore(server.url);
    try {
      const ids = randomIds(file, 20 * 500 * runs + 20_000 * runs, size);
      figures.push(...(await exactBatched(sqlite, pg, ids, runs, label, log)));
      figures.push(...(await exactOneByOne(sqlite, file, ids, runs, label, log)));
      figures.push(...(await fuzzyFigures(sqlite, pg, long, short, runs, label, log)));
    } finally {
      await sqlite.close();
      await pg.close();
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    release();
  }
  figures.push(...(await benchImport(options.importSize, log)));
  return figures;
}

/** Sentences (8–25 words) and, one unit in 25, short lines: scores like "Ajax 2-1 PSV" and four-word headlines. */
export async function buildMemory(file: string, size: number, log: (line: string) => void): Promise<{ long: Planted[]; short: Planted[]; units: number; seconds: number }> {
  const generator = new SentenceGenerator(size);
  const queries = new SentenceGenerator(size + 1);
  const random = seededRandom(size + 2);
  const team = () => {
    const word = generator.word();
    return word.charAt(0).toUpperCase() + word.slice(1);
  };
  const long: Planted[] = [];
  const short: Planted[] = [];
  const every = Math.max(1, Math.floor(size / 400));
  const started = performance.now();
  const store = new SqliteMemoryStore(file);
  const result = await store.writeAll(
    (async function* (): AsyncGenerator<MemoryWrite> {
      for (let i = 0; i < size; i++) {
        let source: string;
        if (i % 25 === 7) {
          const score = random() < 0.5;
          source = score ? `${team()} ${generator.int(6)}-${generator.int(6)} ${team()}` : `${team()} ${generator.word()} ${generator.word()} ${team()}`;
          if (i % every === 7 % every && short.length < 150) {
            const words = source.split(' ');
            // One token changed: a score digit, or one word of the headline.
            if (score) words[1] = words[1]!.replace(/^\d/, (d) => String((Number(d) + 1) % 10));
            else words[1 + queries.int(2)] = queries.word();
            short.push({ id: segmentId('nl', source), query: words.join(' ') });
          }
        } else {
          source = generator.sentence();
          if (i % every === 0 && long.length < 150 && source.split(' ').length >= 13) {
            long.push({ id: segmentId('nl', source), query: queries.vary(source, 1 + (long.length % 2)) });
          }
        }
        yield { sourceLanguage: 'nl', targetLanguage: 'af', source, target: `af: ${source}`, origin: 'import:bench', status: 'translated', article: `nl/${i % 5000}.md` };
      }
    })(),
  );
  await store.close();
  const seconds = (performance.now() - started) / 1000;
  log(`built a ${size}-unit SQLite memory (${result.inserted} distinct) in ${seconds.toFixed(1)} s; ${long.length} long and ${short.length} short planted queries`);
  return { long, short, units: result.inserted, seconds };
}

/** Ids drawn at random from the whole memory (not a cache-hot few), in random order. */
function randomIds(file: string, count: number, size: number): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const max = (db.prepare('SELECT max(num) AS n FROM sources').get() as { n: number }).n;
    const byNum = db.prepare('SELECT hex(segment_id) AS id FROM sources WHERE num = ?');
    const random = seededRandom(size + 3);
    const ids: string[] = [];
    while (ids.length < count) {
      const row = byNum.get(1 + Math.floor(random() * max)) as { id: string } | undefined;
      if (row) ids.push(row.id.toLowerCase());
    }
    return ids;
  } finally {
    db.close();
  }
}

const range = (values: number[], digits = 0) => `${round(Math.min(...values), digits)}–${round(Math.max(...values), digits)}`;

/** Lookups per second in chunks of 500 ids, as the pipeline asks; the two stores alternate run by run. */
async function exactBatched(sqlite: MemoryStore, pg: MemoryStore, ids: string[], runs: number, label: string, log: (line: string) => void): Promise<Figure[]> {
  const rates: Record<'sqlite' | 'pg', number[]> = { sqlite: [], pg: [] };
  for (let run = 0; run < runs; run++) {
    for (const [name, store] of [['sqlite', sqlite], ['pg', pg]] as const) {
      const t0 = performance.now();
      for (let b = 0; b < 20; b++) {
        const batch = ids.slice((run * 20 + b) * 500, (run * 20 + b + 1) * 500);
        const found = await store.lookup(batch, 'af');
        if (found.size !== new Set(batch).size) throw new Error(`${name}: a batch of ${batch.length} ids found ${found.size}`);
      }
      rates[name].push(10_000 / ((performance.now() - t0) / 1000));
    }
  }
  const s = median(rates.sqlite);
  const p = median(rates.pg);
  log(`exact batched: SQLite ${range(rates.sqlite)}/s, PostgreSQL ${range(rates.pg)}/s`);
  return [
    figure({
      name: `TM exact lookups/s, batches of 500, PostgreSQL, ${label} units (${range(rates.pg)})`,
      value: Math.round(p),
      unit: '/s',
      baseline: { name: `SQLite, same ids (${range(rates.sqlite)})`, value: Math.round(s), unit: '/s' },
      goal: '≥ 0.5× SQLite',
      pass: p >= 0.5 * s,
    }),
  ];
}

/** One id per call through the async interface, against a bare better-sqlite3 primary-key lookup on the same file. */
async function exactOneByOne(store: MemoryStore, file: string, allIds: string[], runs: number, label: string, log: (line: string) => void): Promise<Figure[]> {
  const ids = allIds.slice(20 * 500 * runs);
  const floorDb = new Database(file, { readonly: true });
  const floor = floorDb.prepare('SELECT target FROM units WHERE segment_id = ? AND target_lang = ?');
  const tolk: number[] = [];
  const bare: number[] = [];
  try {
    for (let run = 0; run < runs; run++) {
      const slice = ids.slice(run * 20_000, (run + 1) * 20_000);
      let hits = 0;
      let t0 = performance.now();
      for (const id of slice) hits += (await store.lookup([id], 'af')).size;
      tolk.push(slice.length / ((performance.now() - t0) / 1000));
      if (hits !== slice.length) throw new Error(`one-by-one lookups found ${hits} of ${slice.length}`);
      hits = 0;
      t0 = performance.now();
      for (const id of slice) hits += floor.get(Buffer.from(id, 'hex'), 'af') ? 1 : 0;
      bare.push(slice.length / ((performance.now() - t0) / 1000));
      if (hits !== slice.length) throw new Error(`the bare lookup found ${hits} of ${slice.length}`);
    }
  } finally {
    floorDb.close();
  }
  log(`exact one by one: tolk ${range(tolk)}/s, bare primary key ${range(bare)}/s`);
  return [
    figure({
      name: `TM exact lookups/s, one id per call, SQLite, ${label} units (${range(tolk)})`,
      value: Math.round(median(tolk)),
      unit: '/s',
      baseline: { name: `bare better-sqlite3 PK lookup (${range(bare)})`, value: Math.round(median(bare)), unit: '/s' },
      goal: '≥ 0.5× bare',
      pass: median(tolk) >= 0.5 * median(bare),
    }),
  ];
}

interface FuzzyRun {
  p95: { long: number; short: number };
  hits: { long: number; short: number };
  top1: Array<string | undefined>;
}

async function fuzzyRun(store: MemoryStore, long: Planted[], short: Planted[]): Promise<FuzzyRun> {
  const out: FuzzyRun = { p95: { long: 0, short: 0 }, hits: { long: 0, short: 0 }, top1: [] };
  for (const [kind, planted] of [['long', long], ['short', short]] as const) {
    const latencies: number[] = [];
    for (const { id, query } of planted) {
      const t = performance.now();
      const matches: FuzzyMatch[] = await store.fuzzy(query, FUZZY);
      const ms = performance.now() - t;
      out.top1.push(matches[0]?.segmentId);
      // Only a query that found its planted match counts: a fast miss is not a fast search.
      if (matches.some((m) => m.segmentId === id)) {
        out.hits[kind]++;
        latencies.push(ms);
      }
    }
    out.p95[kind] = latencies.length ? percentile(latencies, 95) : Number.NaN;
  }
  return out;
}

async function fuzzyFigures(sqlite: MemoryStore, pg: MemoryStore, long: Planted[], short: Planted[], runs: number, label: string, log: (line: string) => void): Promise<Figure[]> {
  const results: Record<'sqlite' | 'pg', FuzzyRun[]> = { sqlite: [], pg: [] };
  for (let run = 0; run < runs; run++) {
    results.sqlite.push(await fuzzyRun(sqlite, long, short));
    results.pg.push(await fuzzyRun(pg, long, short));
  }
  const figures: Figure[] = [];
  const total = { long: long.length, short: short.length };
  for (const kind of ['long', 'short'] as const) {
    const words = kind === 'long' ? '≥ 12 words' : '≤ 4 words';
    const s = results.sqlite.map((r) => r.p95[kind]);
    const p = results.pg.map((r) => r.p95[kind]);
    const sHit = results.sqlite[0]!.hits[kind] / total[kind];
    const pHit = results.pg[0]!.hits[kind] / total[kind];
    log(`fuzzy ${kind}: SQLite hit ${(sHit * 100).toFixed(1)} %, p95 ${range(s, 2)} ms; PostgreSQL hit ${(pHit * 100).toFixed(1)} %, p95 ${range(p, 2)} ms`);
    figures.push(
      figure({ name: `TM fuzzy hit rate, ${kind} queries (${words}), SQLite`, value: sHit * 100, unit: '%', goal: '≥ 95 %', pass: sHit >= 0.95 }),
      figure({ name: `TM fuzzy hit rate, ${kind} queries (${words}), PostgreSQL`, value: pHit * 100, unit: '%', goal: '≥ 95 %', pass: pHit >= 0.95 }),
      figure({
        name: `TM fuzzy top-5 p95, ${kind} queries, SQLite, ${label} units (${range(s, 2)} ms)`,
        value: median(s),
        unit: 'ms',
        goal: '≤ 50 ms',
        pass: median(s) <= 50 && sHit >= 0.95,
      }),
      figure({
        name: `TM fuzzy top-5 p95, ${kind} queries, PostgreSQL, ${label} units (${range(p, 2)} ms)`,
        value: median(p),
        unit: 'ms',
        baseline: { name: 'SQLite', value: median(s), unit: 'ms' },
        goal: '≤ 2× SQLite and ≤ 50 ms',
        pass: median(p) <= 2 * median(s) && median(p) <= 50 && pHit >= 0.95,
      }),
    );
  }
  const a = results.sqlite[0]!.top1;
  const b = results.pg[0]!.top1;
  const agree = a.filter((id, i) => id === b[i]).length / a.length;
  log(`top-1 agreement: ${(agree * 100).toFixed(1)} % of ${a.length} queries`);
  figures.push(figure({ name: `TM fuzzy top-1 agreement SQLite/PostgreSQL, ${a.length} queries`, value: agree * 100, unit: '%', goal: '≥ 95 %', pass: agree >= 0.95 }));
  return figures;
}

/**
 * `tolk tm import` of a generated TMX, run as its own process so its time and
 * peak memory are the command's alone; the imported count must equal the file's.
 */
async function benchImport(size: number, log: (line: string) => void): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tolk-bench-import-'));
  try {
    const generator = new SentenceGenerator(7);
    const file = join(dir, 'memory.tmx');
    const now = new Date().toISOString();
    const sources = new Set<string>();
    await writeTmx(
      file,
      (async function* (): AsyncGenerator<MemoryEntry> {
        for (let i = 0; i < size; i++) {
          const source = generator.sentence();
          sources.add(segmentId('nl', source));
          yield {
            segmentId: segmentId('nl', source),
            sourceLanguage: 'nl',
            targetLanguage: 'af',
            source,
            target: `af: ${source}`,
            origin: 'import:bench',
            status: 'translated',
            createdAt: now,
            updatedAt: now,
          };
        }
      })(),
      { sourceLanguage: 'nl', targetLanguage: 'af' },
    );
    const distinct = sources.size;
    sources.clear();
    writeFileSync(join(dir, 'tolk.config.json'), JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['af'] }));
    const { status, stdout, stderr, seconds, peakMB: megabytes } = runCli(['tm', 'import', file, '--root', dir, '--json']);
    if (status !== 0) throw new Error(`tm import failed: ${stderr}`);
    const report = JSON.parse(stdout) as { imported: number; unchanged: number };
    const label = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`;
    log(`imported ${report.imported} of ${distinct} distinct units (${size} in the file) from a ${Math.round(statSync(file).size / 2 ** 20)} MiB TMX`);
    const complete = report.imported === distinct && report.imported + report.unchanged === size;
    return [
      figure({ name: `TMX import time, ${label} units (1 run)`, value: seconds, unit: 's', goal: '< 60 s, every unit imported', pass: seconds < 60 && complete }),
      figure({ name: `TMX import peak RSS, ${label} units`, value: megabytes, unit: 'MB', goal: '< 500 MB', pass: megabytes < 500 && complete }),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
