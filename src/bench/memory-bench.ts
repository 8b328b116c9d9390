import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PostgresMemoryStore, SqliteMemoryStore, type FuzzyMatch, type MemoryStore } from '../memory/index.js';
import { buildMemory, type Planted } from './memory-build.js';
import { benchCopy, benchImport } from './memory-moves.js';
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

/**
 * The same memory in both stores, measured in one run: built in SQLite, copied
 * into a PostgreSQL 15 this bench starts (with the server's default settings)
 * by `tolk tm copy` in its own process (`runs` times, each into a new
 * database, against the same command into a new SQLite file), then exact
 * lookups (batched, and one id per call against a bare primary-key lookup on
 * the same file) and fuzzy top-5 for long and short queries in both, with
 * their top-1 agreement; then `tolk tm import` of a TMX, `runs` times.
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
    const { long, short, units } = await buildMemory(file, size, log);

    const copies = await benchCopy({ file, server, dir, units, runs, label, log });
    figures.push(...copies.figures);

    const sqlite = new SqliteMemoryStore(file);
    const pg = new PostgresMemoryStore(copies.url);
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
  figures.push(...(await benchImport(options.importSize, runs, log)));
  return figures;
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
