import { loadProject } from '../../config/index.js';
import { UsageError } from '../../core/errors.js';
import { formatDiagnostic } from '../../core/diagnostic.js';
import { stderrLogger, silentLogger } from '../../core/logger.js';
import { createEngine, engineFor, type Engine } from '../../engines/index.js';
import { translateArticles } from '../../pipeline/index.js';
import { printJson, type CommandIO } from '../io.js';

export interface TranslateArgs {
  root?: string;
  to?: string;
  engine?: string;
  dryRun?: boolean;
  json?: boolean;
}

/** `tolk translate`: localize every source article into the target languages. */
export async function runTranslate(args: TranslateArgs, io: CommandIO): Promise<number> {
  const project = await loadProject({ ...(args.root ? { root: args.root } : {}), cwd: io.cwd });
  const languages = args.to ? args.to.split(',').map((l) => l.trim()).filter(Boolean) : project.config.targetLanguages;
  for (const language of languages) {
    if (language === project.config.sourceLanguage) throw new UsageError(`--to ${language} is the source language`);
  }
  const engines = new Map<string, Engine>();
  const summary = await translateArticles({
    project,
    languages,
    dryRun: Boolean(args.dryRun),
    logger: args.json ? silentLogger : stderrLogger,
    ...(io.signal ? { signal: io.signal } : {}),
    engineFor: async (language) => {
      const name = args.engine ?? engineFor(project.config.engines, language);
      if (!engines.has(name)) engines.set(name, await createEngine(name));
      return engines.get(name)!;
    },
  });
  for (const engine of engines.values()) await engine.close?.();
  if (args.json) printJson(io, summary);
  else {
    for (const d of summary.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
    for (const f of summary.failed) io.stderr(`failed: ${f.language} ${f.segment.slice(0, 12)}: ${f.reason}\n`);
    const verb = args.dryRun ? 'would send' : 'sent';
    io.stdout(
      `${summary.segments} segments (${summary.unique} unique); ${verb} ${summary.engineSegments} segments, ` +
        `${summary.engineCharacters} characters in ${summary.engineRequests} requests; ` +
        `${summary.failed.length} failed; ${summary.written.length} files written\n`,
    );
  }
  return summary.failed.length > 0 ? 1 : 0;
}
