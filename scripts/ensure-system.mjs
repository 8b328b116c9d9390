#!/usr/bin/env node
// Makes sure the Debian packages a task needs are installed: installs them when
// run as root, otherwise prints the exact apt-get line and exits 2.
// Usage: node scripts/ensure-system.mjs --for test|demo|bench
import { execFileSync, spawnSync } from 'node:child_process';

/** Which Debian packages each npm script needs, and why. */
const APERTIUM = ['apertium', 'apertium-afr-nld']; // the local engine and its Dutch→Afrikaans pair
const NEEDS = {
  // xmllint validates TMX/XLIFF output; APY and the English→Spanish pair are tested too;
  // Chromium renders an exported page the way a reader sees it (driven by playwright-core, no browser download).
  // Translate Toolkit (xliff2po, po2xliff) is the CAT-tool library the XLIFF round trip is tested against.
  // PostgreSQL 15 (with pg_trgm, in postgresql-contrib) and Redis are the team stores and queue: tests start their own
  // throwaway servers from these packages. OmegaT is the CAT tool the translator round trip is tested with.
  test: [
    ...APERTIUM, 'apertium-apy', 'apertium-eng-spa', 'libxml2-utils', 'chromium', 'translate-toolkit',
    'postgresql', 'postgresql-contrib', 'redis-server', 'omegat',
  ],
  demo: APERTIUM,
  // po4a, the gettext-based documentation translator, is the baseline of the warm-run comparison; the TM figures
  // compare the SQLite store with a PostgreSQL 15 the bench starts itself (pg_trgm not needed: tolk keeps a word table).
  bench: [...APERTIUM, 'po4a', 'postgresql'],
};

const task = process.argv[process.argv.indexOf('--for') + 1] ?? 'test';
const wanted = NEEDS[task] ?? [];
const installed = (pkg) =>
  spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' }).stdout?.includes('install ok installed');
const missing = wanted.filter((pkg) => !installed(pkg));
if (missing.length === 0) process.exit(0);

const isRoot = process.getuid?.() === 0;
const hasApt = spawnSync('which', ['apt-get']).status === 0;
if (!isRoot || !hasApt) {
  console.error(`tolk needs these Debian packages for "npm run ${task}": ${missing.join(' ')}`);
  console.error(`install them with: sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
  process.exit(2);
}
console.error(`installing Debian packages: ${missing.join(' ')}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
// apt's own output goes to stderr: stdout belongs to the command run after this one (`npm run -s bench -- --json`).
const toStderr = { stdio: ['ignore', process.stderr, process.stderr], env };
execFileSync('apt-get', ['update', '-qq'], toStderr);
execFileSync('apt-get', ['install', '-y', '-qq', ...missing], toStderr);
