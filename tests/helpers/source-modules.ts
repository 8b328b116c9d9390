import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { repoRoot } from './project.js';

/** A module under src/ with its text and every relative import it makes (type-only imports too). */
export interface SourceModule {
  /** Relative to src/, e.g. `pipeline/chunk.ts`. */
  path: string;
  /** Its stage folder (`pipeline`), or '' for a module at the top of src/. */
  folder: string;
  text: string;
  /** The modules it imports, relative to src/ (`.ts`). */
  imports: string[];
}

/** Every TypeScript module under src/, read as text: what the layering tests check. */
export function sourceModules(): SourceModule[] {
  const src = join(repoRoot, 'src');
  const found: SourceModule[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
        const text = readFileSync(path, 'utf8');
        const imports = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) =>
          relative(src, normalize(join(dirname(path), m[1]!.replace(/\.js$/, '.ts')))),
        );
        const file = relative(src, path);
        found.push({ path: file, folder: file.includes('/') ? file.split('/')[0]! : '', text, imports });
      }
    }
  };
  walk(src);
  return found;
}
