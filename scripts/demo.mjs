#!/usr/bin/env node
// `npm run demo`: the main job on the sample articles with what works offline.
// A thin driver over the built CLI: every step is a command a user could type.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tolk = (...args) => {
  console.log(`\n$ tolk ${args.join(' ')}`);
  const result = spawnSync(process.execPath, ['dist/cli/bin.js', ...args, '--root', root], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

tolk('segments', 'articles/nl/kazachstan-parijs-2024.md');
// What a publisher checks before paying for machine translation.
tolk('translate', '--to', 'af', '--engine', 'apertium', '--dry-run');
// Dutch → Afrikaans with Apertium, local and free; every batch goes into the memory.
tolk('translate', '--to', 'af', '--engine', 'apertium');
// Nothing changed: nothing is sent.
tolk('translate', '--to', 'af', '--engine', 'apertium');
tolk('tm', 'stats');
tolk('tm', 'search', 'Het succes van Kazachstan in Tokio kwam niet van de ene op de andere dag.', '--to', 'af');
// Pseudo-localization shows untranslated strings and tight layouts; its output is git-ignored.
tolk('translate', '--to', 'qps-ploc', '--engine', 'pseudo');
