#!/usr/bin/env node
// `npm run bench [-- --json] [-- --only tm] [-- --quick] [-- --units 1000000] [-- --runs 5]`: thin entry over src/bench.
import { cpus, totalmem } from 'node:os';
import { runBench } from '../dist/bench/index.js';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : [];
/** A positive whole number after `name`, or undefined when the option is absent. */
const count = (name) => {
  if (!args.includes(name)) return undefined;
  const value = Number(args[args.indexOf(name) + 1]);
  if (!Number.isInteger(value) || value < 1) {
    process.stderr.write(`bench: ${name} wants a positive whole number, got ${args[args.indexOf(name) + 1] ?? 'nothing'}\n`);
    process.exit(2);
  }
  return value;
};
const result = await runBench({ json: args.includes('--json'), only, quick: args.includes('--quick'), units: count('--units'), runs: count('--runs') });
if (args.includes('--json')) {
  process.stdout.write(`${JSON.stringify(result.json, null, 2)}\n`);
} else {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  process.stdout.write(`\n${machine}, ${new Date().toISOString().slice(0, 10)}\n\n${result.text}\n`);
}
// A skipped figure (its tool missing here) is listed with the reason and fails nothing.
process.exitCode = result.figures.every((f) => f.pass || f.skipped) ? 0 : 1;
