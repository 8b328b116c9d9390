import { loadProject } from '../../config/index.js';
import { openMemory } from '../../memory/index.js';
import { printJson, type CommandIO } from '../io.js';
import { language, wholeNumber } from '../options.js';

export interface TmSearchArgs {
  text: string;
  to: string;
  root?: string;
  json?: boolean;
  limit?: string;
  threshold?: string;
}

/** `tolk tm search "<text>" --to <lang>`: best memory matches for a sentence. */
export async function runTmSearch(args: TmSearchArgs, io: CommandIO): Promise<number> {
  const to = language(args.to, '--to');
  const limit = args.limit === undefined ? 5 : wholeNumber(args.limit, '--limit', 1, 1000);
  const threshold = args.threshold === undefined ? undefined : wholeNumber(args.threshold, '--threshold', 0, 100);
  const project = await loadProject({ ...(args.root ? { root: args.root } : {}), cwd: io.cwd });
  const store = openMemory(project);
  try {
    const matches = await store.fuzzy(args.text, {
      sourceLanguage: project.config.sourceLanguage,
      targetLanguage: to,
      limit,
      threshold: threshold ?? project.config.memory.fuzzyThreshold,
    });
    const rows = matches.map(({ score, source, target, origin, status }) => ({ score, source, target, origin, status }));
    if (args.json) printJson(io, rows);
    else if (rows.length === 0) io.stdout('no matches\n');
    else for (const m of rows) io.stdout(`${String(m.score).padStart(3)}%  ${m.source}\n      → ${m.target}  (${m.origin}, ${m.status})\n`);
    return 0;
  } finally {
    await store.close();
  }
}
