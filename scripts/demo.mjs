#!/usr/bin/env node
// `npm run demo`: the main job on the sample articles with what works offline.
// It runs in a fresh copy of the project's sources (demo/, git-ignored) so that
// every run shows the whole flow, Apertium included; each step is a command a
// user could type.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = join(root, 'demo');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
for (const path of ['tolk.config.json', 'articles/nl', 'glossaries', 'locales']) cpSync(join(root, path), join(work, path), { recursive: true });

const tolk = (...args) => {
  console.log(`\n$ tolk ${args.join(' ')}`);
  const result = spawnSync(process.execPath, [join(root, 'dist/cli/bin.js'), ...args, '--root', work], { cwd: work, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

console.log(`demo workspace: ${work}`);
tolk('segments', 'articles/nl/kazachstan-parijs-2024.md');
// What a publisher checks before paying for machine translation.
tolk('translate', '--dry-run');
// Dutch → Afrikaans with Apertium, local and free, glossary terms protected and injected; every batch goes into the memory.
tolk('translate');
// Nothing changed: nothing is sent.
tolk('translate');
tolk('tm', 'stats');
tolk('tm', 'search', 'De opkomst van jonge talenten', '--to', 'af');
tolk('glossary', 'check');
tolk('glossary', 'lookup', 'ploegenachtervolging');
// The CI gate: UI strings in every language, the Afrikaans article, the glossary.
tolk('check');
// Pseudo-localization shows untranslated strings and tight layouts.
tolk('translate', '--to', 'qps-ploc', '--engine', 'pseudo');
// The publisher's step: what passes the 80 % gate, as Markdown, HTML pages and JSON in dist/site/.
tolk('export', '--out', join(root, 'dist/site'));
