import { loadProject } from '../../config/index.js';
import { openMemory } from '../../memory/index.js';
import { printJson, type CommandIO } from '../io.js';

export interface TmStatsArgs {
  root?: string;
  json?: boolean;
}

/** `tolk tm stats`: units per language pair, by origin and by status. */
export async function runTmStats(args: TmStatsArgs, io: CommandIO): Promise<number> {
  const project = await loadProject({ ...(args.root ? { root: args.root } : {}), cwd: io.cwd });
  const store = openMemory(project);
  try {
    const stats = await store.stats();
    if (args.json) printJson(io, stats);
    else {
      io.stdout(`${stats.units} units\n`);
      for (const pair of stats.pairs) {
        const list = (counts: Record<string, number>) => Object.entries(counts).map(([k, n]) => `${k} ${n}`).join(', ');
        io.stdout(`${pair.sourceLanguage} → ${pair.targetLanguage}: ${pair.units} (origin: ${list(pair.byOrigin)}; status: ${list(pair.byStatus)})\n`);
      }
    }
    return 0;
  } finally {
    await store.close();
  }
}
