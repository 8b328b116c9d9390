import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { writeTmx } from '../exchange/index.js';
import type { MemoryEntry } from '../memory/index.js';
import { segmentId } from '../tagged/index.js';
import { runCli, type CliRun } from './cli-run.js';
import { SentenceGenerator } from './corpus.js';
import { figure, summarize, type Figure } from './report.js';
import type { PostgresServer } from './servers.js';

interface CopyBench {
  /** The SQLite memory to copy. */
  file: string;
  server: PostgresServer;
  /** A scratch directory for the SQLite copies. */
  dir: string;
  units: number;
  runs: number;
  label: string;
  log: (line: string) => void;
}

const sizeLabel = (size: number) => (size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`);

/** Throws unless a `tm copy --json` run copied every entry. */
function copied(run: CliRun, units: number, into: string): void {
  if (run.status !== 0) throw new Error(`tm copy into ${into} failed: ${run.stderr.slice(-2000)}`);
  const report = JSON.parse(run.stdout) as { entries: number; added: number };
  if (report.added !== units || report.entries !== units) throw new Error(`tm copy into ${into} added ${report.added} of ${units} entries`);
}

/**
 * `tolk tm copy` SQLite → PostgreSQL as a user runs it (its own process, peak
 * RSS from getrusage), `runs` times, each into a new database; against the same
 * command into a new SQLite file, run by run in turn. Returns the last database,
 * which the lookups then read.
 */
export async function benchCopy({ file, server, dir, units, runs, label, log }: CopyBench): Promise<{ figures: Figure[]; url: string }> {
  const admin = new pg.Client({ connectionString: server.url });
  await admin.connect();
  const times = { pg: [] as number[], sqlite: [] as number[] };
  const rss = { pg: [] as number[], sqlite: [] as number[] };
  let url = '';
  try {
    for (let run = 0; run < runs; run++) {
      const into = join(dir, `copy-${run}.sqlite`);
      const lite = runCli(['tm', 'copy', file, into, '--json']);
      copied(lite, units, into);
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${into}${suffix}`, { force: true });
      times.sqlite.push(lite.seconds);
      rss.sqlite.push(lite.peakMB);

      // One database at a time: a million-unit copy takes gigabytes.
      if (url) await admin.query(`DROP DATABASE tolk_copy_${run - 1}`);
      await admin.query(`CREATE DATABASE tolk_copy_${run}`);
      const target = new URL(server.url);
      target.pathname = `/tolk_copy_${run}`;
      url = target.toString();
      const copy = runCli(['tm', 'copy', file, url, '--json']);
      copied(copy, units, 'PostgreSQL');
      times.pg.push(copy.seconds);
      rss.pg.push(copy.peakMB);
      log(`tm copy ${label} run ${run + 1}: PostgreSQL ${copy.seconds.toFixed(1)} s (${copy.peakMB.toFixed(0)} MB), SQLite ${lite.seconds.toFixed(1)} s (${lite.peakMB.toFixed(0)} MB)`);
    }
  } finally {
    await admin.end();
  }
  const t = { pg: summarize(times.pg), sqlite: summarize(times.sqlite) };
  const r = { pg: summarize(rss.pg), sqlite: summarize(rss.sqlite) };
  const figures = [
    figure({
      name: `tm copy SQLite → PostgreSQL, ${label} units`,
      value: t.pg.median,
      unit: 's',
      spread: t.pg,
      baseline: { name: 'tm copy SQLite → new SQLite file', value: t.sqlite.median, unit: 's', spread: t.sqlite },
      goal: 'every entry copied',
      pass: true,
    }),
    figure({
      name: `tm copy peak RSS, SQLite → PostgreSQL, ${label} units`,
      value: r.pg.median,
      unit: 'MB',
      spread: r.pg,
      baseline: { name: 'SQLite → new SQLite file', value: r.sqlite.median, unit: 'MB', spread: r.sqlite },
      goal: '< 500 MB in every run',
      pass: r.pg.max < 500,
    }),
  ];
  return { figures, url };
}

/**
 * `tolk tm import` of a generated TMX, `runs` times into a new project, each
 * its own process so its time and peak memory are the command's alone; the
 * imported count must equal the file's. Baseline: libxml2's streaming parser
 * reading the same file (`xmllint --stream`), the floor for reading it at all.
 */
export async function benchImport(size: number, runs: number, log: (line: string) => void): Promise<Figure[]> {
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
    const times: number[] = [];
    const rss: number[] = [];
    const floor: number[] = [];
    let complete = true;
    writeFileSync(join(dir, 'tolk.config.json'), JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['af'] }));
    for (let run = 0; run < runs; run++) {
      const { status, stdout, stderr, seconds, peakMB } = runCli(['tm', 'import', file, '--root', dir, '--json']);
      if (status !== 0) throw new Error(`tm import failed: ${stderr}`);
      const report = JSON.parse(stdout) as { imported: number; unchanged: number };
      complete &&= report.imported === distinct && report.imported + report.unchanged === size;
      times.push(seconds);
      rss.push(peakMB);
      // Each run into an empty memory.
      rmSync(join(dir, '.tolk'), { recursive: true, force: true });
      const started = performance.now();
      const xml = spawnSync('xmllint', ['--stream', '--noout', file], { stdio: 'ignore' });
      if (xml.status === 0) floor.push((performance.now() - started) / 1000);
      log(`tm import ${sizeLabel(size)} run ${run + 1}: ${seconds.toFixed(1)} s, ${peakMB.toFixed(0)} MB, ${report.imported} of ${distinct} distinct units`);
    }
    log(`the TMX: ${Math.round(statSync(file).size / 2 ** 20)} MiB, ${size} units, ${distinct} distinct`);
    const t = summarize(times);
    const r = summarize(rss);
    const f = floor.length === runs ? summarize(floor) : undefined;
    return [
      figure({
        name: `TMX import time, ${sizeLabel(size)} units`,
        value: t.median,
        unit: 's',
        spread: t,
        ...(f ? { baseline: { name: 'xmllint --stream reading the same file', value: f.median, unit: 's', spread: f } } : {}),
        goal: '< 60 s, every unit imported',
        pass: t.median < 60 && complete,
      }),
      figure({ name: `TMX import peak RSS, ${sizeLabel(size)} units`, value: r.median, unit: 'MB', spread: r, goal: '< 500 MB in every run', pass: r.max < 500 && complete }),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
