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
// Pseudo-localization exercises segment → engine → reassembly offline; its output is git-ignored.
tolk('translate', '--to', 'qps-ploc', '--engine', 'pseudo');
