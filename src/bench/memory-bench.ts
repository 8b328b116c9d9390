import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTmx } from '../exchange/index.js';
import { segmentId } from '../markdown/index.js';
import { SqliteMemoryStore, type MemoryEntry, type MemoryWrite, type SqliteOptions } from '../memory/index.js';
import { runCli } from './cli-run.js';
import { SentenceGenerator } from './corpus.js';
import { figure, percentile, type Figure } from './report.js';

export interface MemoryBenchOptions {
  sizes: number[];
  /** Units in the TMX import measurement. */
  importSize: number;
  log: (line: string) => void;
}

/** Builds memories of each size and measures exact lookups and fuzzy top-5 latency on them. */
export async function benchMemory(options: MemoryBenchOptions): Promise<Figure[]> {
  const figures: Figure[] = [];
  for (const size of options.sizes) {
    const dir = mkdtempSync(join(tmpdir(), 'tolk-bench-tm-'));
    const store = new SqliteMemoryStore(join(dir, 'tm.sqlite'));
    try {
      const generator = new SentenceGenerator(size);
      const samples: string[] = [];
      const started = performance.now();
      await store.writeAll(
        (async function* (): AsyncGenerator<MemoryWrite> {
          for (let i = 0; i < size; i++) {
            const source = generator.sentence();
            if (i % Math.max(1, Math.floor(size / 2000)) === 0) samples.push(source);
            yield { sourceLanguage: 'nl', targetLanguage: 'af', source, target: `af: ${source}`, origin: 'import:bench', status: 'translated' };
          }
        })(),
      );
      const label = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`;
      options.log(`built a ${label}-unit memory in ${((performance.now() - started) / 1000).toFixed(1)} s`);

      await store.close();
      // The same memory read with the defaults, then with the settings for a large shared memory.
      for (const settings of SETTINGS) {
        const reader = new SqliteMemoryStore(join(dir, 'tm.sqlite'), settings.options);
        try {
          figures.push(...(await measureReads(reader, samples, generator, `${label} units${settings.label}`, options.log)));
        } finally {
          await reader.close();
        }
      }
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  figures.push(...(await benchImport(options.importSize, options.log)));
  return figures;
}

/** Store settings measured: the defaults every command uses, and what a large shared memory can be given. */
const SETTINGS: Array<{ label: string; options: SqliteOptions }> = [
  { label: '', options: {} },
  { label: ', cacheMB 64 + mmapMB 256', options: { cacheMB: 64, mmapMB: 256 } },
];

/** Exact lookups per second (one id per call, the worst case) and fuzzy top-5 latency. */
async function measureReads(store: SqliteMemoryStore, samples: string[], generator: SentenceGenerator, label: string, log: (line: string) => void): Promise<Figure[]> {
  const figures: Figure[] = [];
  const ids = samples.map((s) => segmentId('nl', s));
  const lookups = 200_000;
  let hits = 0;
  const t0 = performance.now();
  for (let i = 0; i < lookups; i++) hits += (await store.lookup([ids[i % ids.length]!], 'af')).size;
  const perSecond = lookups / ((performance.now() - t0) / 1000);
  if (hits !== lookups) throw new Error(`exact lookups found ${hits} of ${lookups}`);
  figures.push(figure({ name: `TM exact lookups, ${label}`, value: Math.round(perSecond), unit: '/s', goal: '≥ 100000/s', pass: perSecond >= 100_000 }));

  const latencies: number[] = [];
  let found = 0;
  for (let q = 0; q < 300; q++) {
    const query = generator.vary(samples[q % samples.length]!, 1 + (q % 3));
    const t = performance.now();
    found += (await store.fuzzy(query, { sourceLanguage: 'nl', targetLanguage: 'af', limit: 5 })).length > 0 ? 1 : 0;
    latencies.push(performance.now() - t);
  }
  const p50 = percentile(latencies, 50);
  const p95 = percentile(latencies, 95);
  log(`fuzzy: ${found}/300 queries found a match ≥ 75`);
  figures.push(figure({ name: `TM fuzzy top-5 p50, ${label}`, value: p50, unit: 'ms', goal: '—', pass: true }));
  figures.push(figure({ name: `TM fuzzy top-5 p95, ${label}`, value: p95, unit: 'ms', goal: '≤ 20 ms', pass: p95 <= 20 }));
  return figures;
}

/**
 * `tolk tm import` of a generated TMX, run as its own process so its time and
 * peak memory are the command's alone.
 */
async function benchImport(size: number, log: (line: string) => void): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tolk-bench-import-'));
  try {
    const generator = new SentenceGenerator(7);
    const file = join(dir, 'memory.tmx');
    const now = new Date().toISOString();
    await writeTmx(
      file,
      (async function* (): AsyncGenerator<MemoryEntry> {
        for (let i = 0; i < size; i++) {
          const source = generator.sentence();
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
    writeFileSync(join(dir, 'tolk.config.json'), JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['af'] }));
    const { status, stdout, stderr, seconds, peakMB: megabytes } = runCli(['tm', 'import', file, '--root', dir, '--json']);
    if (status !== 0) throw new Error(`tm import failed: ${stderr}`);
    const report = JSON.parse(stdout) as { imported: number };
    const label = size >= 1_000_000 ? `${size / 1_000_000}M` : `${size / 1000}k`;
    log(`imported ${report.imported} units from a ${Math.round(statSync(file).size / 2 ** 20)} MiB TMX`);
    return [
      figure({ name: `TMX import time, ${label} units`, value: seconds, unit: 's', goal: '< 60 s', pass: seconds < 60 }),
      figure({ name: `TMX import peak RSS, ${label} units`, value: megabytes, unit: 'MB', goal: '< 500 MB', pass: megabytes < 500 }),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
