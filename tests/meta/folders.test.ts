import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/project.js';
import { sourceModules } from '../helpers/source-modules.js';

/**
 * Each stage folder under src/ is used through its index.ts, and the index
 * exports the folder's entry points and their types only. The exceptions are
 * listed here with their reasons; a new one needs a reason too.
 */

/** Folders whose modules others import one by one, on purpose (they have no index). */
const OPEN_FOLDERS: Record<string, string> = {
  core: 'the shared kit below every stage, one small helper per file (errors, hash, atomic write, diagnostic); an index would load all of them into every stage and every worker',
  api: 'the library layer: each module is one entry point (src/index.ts re-exports them for the package); the CLI lazily imports the one its command needs, so `tolk init` does not load the engines',
};

/** Importers allowed to reach inside other folders. */
const INSIDE_READERS: Record<string, string> = {
  bench: 'benchmarks time internals (Apertium batching, mark stripping, pseudo-localization) directly, as a profiler would',
};

/** Single deep imports allowed, importer → module, each with its reason. */
const DEEP_IMPORTS: Record<string, string> = {
  'cli/memory-notice.ts → memory/retry-events.ts':
    'every command subscribes to the memory-retry channel at start; the memory index would load better-sqlite3 and pg into `tolk check` and `--version` as well',
};


const modules = sourceModules;

/** The value names an index exports (types are the entry points' own and may be exported freely). */
function exportedValues(index: string): string[] {
  const names: string[] = [];
  for (const m of index.matchAll(/export\s+\{([^}]*)\}/g)) {
    for (const part of m[1]!.split(',')) {
      const name = part.trim();
      if (name && !name.startsWith('type ')) names.push(name.split(/\s+as\s+/).pop()!.trim());
    }
  }
  for (const m of index.matchAll(/export\s+(?:async\s+)?(?:const|function|class)\s+(\w+)/g)) names.push(m[1]!);
  return names;
}

describe('stage folders and their index', () => {
  const all = modules();
  const folders = [...new Set(all.map((m) => m.folder).filter(Boolean))];
  const scripts = readdirSync(join(repoRoot, 'scripts')).filter((n) => /\.[cm]?[jt]s$/.test(n)).map((n) => readFileSync(join(repoRoot, 'scripts', n), 'utf8'));

  it('folders: a module imports another folder through its index.ts only', () => {
    const deep: string[] = [];
    for (const module of all) {
      if (INSIDE_READERS[module.folder]) continue;
      for (const target of module.imports) {
        const folder = target.split('/')[0]!;
        if (!target.includes('/') || folder === module.folder || OPEN_FOLDERS[folder]) continue;
        if (target !== `${folder}/index.ts` && !DEEP_IMPORTS[`${module.path} → ${target}`]) deep.push(`${module.path} → ${target}`);
      }
    }
    expect(deep).toEqual([]);
  });

  it('folders: no index.ts re-exports a whole module (export *)', () => {
    const star = all.filter((m) => m.path.endsWith('index.ts') && /export\s+\*/.test(m.text)).map((m) => m.path);
    expect(star).toEqual([]);
  });

  it('folders: every value an index exports is imported through it from outside its folder', () => {
    const unused: string[] = [];
    for (const folder of folders) {
      const index = all.find((m) => m.path === `${folder}/index.ts`);
      if (!index) continue;
      const outside = all.filter((m) => m.folder !== folder && m.imports.includes(`${folder}/index.ts`)).map((m) => m.text);
      // The scripts are outside too (`npm run bench` runs the bench folder's entry point).
      outside.push(...scripts.filter((text) => text.includes(`dist/${folder}/index.js`)));
      for (const name of exportedValues(index.text)) {
        if (!outside.some((text) => new RegExp(`\\b${name}\\b`).test(text))) unused.push(`${folder}: ${name}`);
      }
    }
    expect(unused).toEqual([]);
  });

  it('folders: the exception lists name real folders and give reasons', () => {
    for (const [folder, reason] of Object.entries({ ...OPEN_FOLDERS, ...INSIDE_READERS })) {
      expect(folders).toContain(folder);
      expect(reason.length).toBeGreaterThan(20);
    }
    for (const [pair, reason] of Object.entries(DEEP_IMPORTS)) {
      const [from, to] = pair.split(' → ');
      expect(all.find((m) => m.path === from)?.imports).toContain(to);
      expect(reason.length).toBeGreaterThan(20);
    }
  });
});
