#!/usr/bin/env node
// Before/after comparison of the pipeline figures of two builds of tolk, the builds alternated run by run so both see
// the same machine: `node scripts/bench-ab.mjs --before <checkout> [--after <checkout>] [--runs 7] [--articles 200]
// [--rss-articles 500] [--json]`. Each run is a fresh Node process calling that build's own `benchPipeline` (its warm
// run, no-change re-run, simulated-engine throughput and the CLI's peak RSS, each a fresh process where the bench
// says so). Prints per figure and build the median of the runs with min–max, and the after/before ratio.
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const before = option('--before');
if (!before) {
  process.stderr.write('usage: node scripts/bench-ab.mjs --before <built checkout> [--after <built checkout>] [--runs 7] [--articles 200] [--rss-articles 500] [--json]\n');
  process.exit(2);
}
const after = option('--after', resolve(fileURLToPath(new URL('..', import.meta.url))));
const runs = Number(option('--runs', '7'));
const articles = Number(option('--articles', '200'));
const rssArticles = Number(option('--rss-articles', '500'));

/** One run of one build's pipeline figures, in its own process. */
function once(checkout) {
  const entry = pathToFileURL(resolve(checkout, 'dist/bench/pipeline-bench.js')).href;
  const code = `const { benchPipeline } = await import(${JSON.stringify(entry)});
const figures = await benchPipeline({ articles: ${articles}, runs: 1, rssArticles: ${rssArticles}, languageRss: [20, 100], log: () => {} });
process.stdout.write(JSON.stringify(figures.map((f) => ({ name: f.name, value: f.value, unit: f.unit, crashed: f.crashed ?? false }))));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`${checkout}: exit ${run.status}: ${run.stderr.slice(-1500)}`);
  return JSON.parse(run.stdout);
}

const results = { before: new Map(), after: new Map() };
for (let i = 0; i < runs; i++) {
  // Alternate which build goes first, so neither always runs on a warmer machine.
  const order = i % 2 === 0 ? ['before', 'after'] : ['after', 'before'];
  for (const which of order) {
    for (const f of once(which === 'before' ? before : after)) {
      // A crashed figure never counts as a time.
      if (f.crashed || typeof f.value !== 'number') continue;
      const key = f.name.replace(/\d[\d,]*(?= articles)/, 'N');
      if (!results[which].has(key)) results[which].set(key, { unit: f.unit, values: [] });
      results[which].get(key).values.push(f.value);
    }
    process.stderr.write(`run ${i + 1}/${runs}: ${which} done\n`);
  }
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const rows = [...new Set([...results.before.keys(), ...results.after.keys()])].map((name) => {
  const stat = (which) => {
    const r = results[which].get(name);
    return r ? { median: median(r.values), min: Math.min(...r.values), max: Math.max(...r.values), runs: r.values.length, unit: r.unit } : undefined;
  };
  const b = stat('before');
  const a = stat('after');
  const overlap = a && b ? a.min <= b.max && b.min <= a.max : false;
  return { name, before: b, after: a, ratio: a && b ? a.median / b.median : undefined, rangesOverlap: overlap };
});
if (args.includes('--json')) process.stdout.write(`${JSON.stringify({ runs, articles, rssArticles, before, after, rows }, null, 2)}\n`);
else {
  const fmt = (s) => (s ? `${s.median.toPrecision(4)} (${s.min.toPrecision(3)}–${s.max.toPrecision(3)}, n=${s.runs}) ${s.unit}` : 'crashed');
  for (const r of rows) process.stdout.write(`${r.name}\n  before ${fmt(r.before)}\n  after  ${fmt(r.after)}\n  after/before ${r.ratio?.toFixed(3) ?? '–'}, ranges overlap: ${r.rangesOverlap}\n`);
}
