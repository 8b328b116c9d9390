import { resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { engineNames } from '../../engines/index.js';
import { initProject } from '../../api/init.js';
import { printJson, type CommandIO } from '../io.js';
import { language, languageList } from '../options.js';

export interface InitArgs {
  root?: string;
  source?: string;
  to?: string;
  engine?: string;
  glossary?: string;
  force?: boolean;
  json?: boolean;
}

/**
 * `tolk init`: a newsroom's project in this directory (or `--root`). A
 * missing flag is asked for on a terminal; without one (CI) `--source` and
 * `--to` are required and the engine defaults to `pseudo`.
 */
export async function runInit(args: InitArgs, io: CommandIO): Promise<number> {
  const ask = async (flag: string, question: string, fallback?: string): Promise<string> => {
    if (!io.ask) {
      if (fallback !== undefined) return fallback;
      throw new UsageError(`tolk init needs ${flag} when it is not run on a terminal (e.g. tolk init --source nl --to en,af --engine apertium)`);
    }
    const answer = await io.ask(`${question}${fallback ? ` [${fallback}]` : ''}: `);
    return answer || fallback || ask(flag, question, fallback);
  };
  const source = args.source ?? (await ask('--source <lang>', 'Language your articles are written in (BCP 47, e.g. nl)'));
  const to = args.to ?? (await ask('--to <langs>', 'Languages to publish in, comma-separated (e.g. en,de,af)'));
  const engine = args.engine ?? (await ask('--engine <name>', `Engine (${engineNames().join(', ')})`, 'pseudo'));
  const glossary = args.glossary ?? 'sports';
  if (glossary !== 'sports' && glossary !== 'empty') throw new UsageError(`--glossary must be sports or empty, got "${glossary}"`);
  const sourceLanguage = language(source, '--source');
  const targetLanguages = languageList(to, '--to');
  const root = resolve(io.cwd, args.root ?? '.');
  const result = await initProject({
    root,
    sourceLanguage,
    targetLanguages,
    engine: engine.trim(),
    glossary,
    ...(args.force ? { force: true } : {}),
  });
  if (args.json) {
    printJson(io, result);
    return 0;
  }
  for (const file of result.written) io.stdout(`${result.replaced.includes(file) ? 'replaced' : 'wrote'} ${file}\n`);
  if (result.gitignore !== 'unchanged') io.stdout(`${result.gitignore === 'created' ? 'wrote' : 'added .tolk/ to'} .gitignore\n`);
  for (const note of result.notes) io.stdout(`note: ${note}\n`);
  io.stdout(`\nPut your articles in articles/${sourceLanguage}/ (Markdown), then:\n`);
  for (const command of result.next) io.stdout(`  ${command}\n`);
  return 0;
}
