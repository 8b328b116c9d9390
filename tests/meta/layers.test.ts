import { describe, expect, it } from 'vitest';
import { sourceModules } from '../helpers/source-modules.js';

/** Every relative import of every module under src/ (type-only imports too: they are layering all the same). */
function importGraph(): Map<string, string[]> {
  return new Map(sourceModules().map((m) => [m.path, m.imports]));
}

/** The cycles of a directed graph, each once, as a path that returns to its start. */
function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

describe('layering of src/', () => {
  const modules = importGraph();

  it('layers: no module imports itself back through others', () => {
    expect(cycles(modules).map((c) => c.join(' → '))).toEqual([]);
  });

  it('layers: no stage folder imports a folder that imports it back', () => {
    const folders = new Map<string, string[]>();
    for (const [file, targets] of modules) {
      const from = file.split('/')[0]!;
      const to = targets.map((t) => t.split('/')[0]!).filter((f) => f !== from && !f.endsWith('.ts'));
      folders.set(from, [...new Set([...(folders.get(from) ?? []), ...to])]);
    }
    expect(cycles(folders).map((c) => c.join(' → '))).toEqual([]);
  });
});
