import { resolve } from 'node:path';
import { loadProject } from '../../config/index.js';
import { writeTmx } from '../../exchange/index.js';
import { openMemory } from '../../memory/index.js';
import { printJson, type CommandIO } from '../io.js';
import { language } from '../options.js';

export interface TmExportArgs {
  to: string;
  output: string;
  root?: string;
  json?: boolean;
}

/** `tolk tm export --to <lang> -o <file.tmx>`: one language pair as TMX 1.4, written atomically. */
export async function runTmExport(args: TmExportArgs, io: CommandIO): Promise<number> {
  const to = language(args.to, '--to');
  const project = await loadProject({ ...(args.root ? { root: args.root } : {}), cwd: io.cwd });
  const store = openMemory(project);
  try {
    const sourceLanguage = project.config.sourceLanguage;
    const count = await writeTmx(resolve(io.cwd, args.output), store.entries({ sourceLanguage, targetLanguage: to }), {
      sourceLanguage,
      targetLanguage: to,
    });
    if (args.json) printJson(io, { file: args.output, units: count, sourceLanguage, targetLanguage: to });
    else io.stdout(`${args.output}: ${count} units ${sourceLanguage} → ${to}\n`);
    return 0;
  } finally {
    await store.close();
  }
}
