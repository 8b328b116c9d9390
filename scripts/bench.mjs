#!/usr/bin/env node
// `npm run bench [-- --json] [-- --only tm] [-- --quick]`: thin entry over src/bench.
import { cpus, totalmem } from 'node:os';
import { runBench } from '../dist/bench/index.js';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : [];
const result = await runBench({ json: args.includes('--json'), only, quick: args.includes('--quick') });
if (args.includes('--json')) {
  process.stdout.write(`${JSON.stringify(result.json, null, 2)}\n`);
} else {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  process.stdout.write(`\n${machine}, ${new Date().toISOString().slice(0, 10)}\n\n${result.text}\n`);
}
// A skipped figure (its tool missing here) is listed with the reason and fails nothing.
process.exitCode = result.figures.every((f) => f.pass || f.skipped) ? 0 : 1;
