import { dirname, resolve } from 'node:path';
import { loadProject, type Project } from '../../config/index.js';
import { formatDiagnostic } from '../../core/diagnostic.js';
import { UsageError } from '../../core/errors.js';
import { silentLogger, type Logger } from '../../core/logger.js';
import { createEngine, engineFor, type Engine } from '../../engines/index.js';
import { loadGlossaries } from '../../glossary/index.js';
import { openMemory } from '../../memory/index.js';
import { createJobQueue, translateArticles, translateStrings, type JobQueue, type StringsSummary } from '../../pipeline/index.js';
import { printJson, type CommandIO } from '../io.js';
import { projectLockFile, withLock } from '../lock.js';
import { createProgress } from '../progress.js';

export interface TranslateArgs {
  root?: string;
  to?: string;
  engine?: string;
  articles?: string;
  concurrency?: string;
  apertiumUrl?: string;
  engineUrl?: string;
  model?: string;
  dryRun?: boolean;
  force?: boolean;
  /** Fill missing UI strings instead of translating articles. */
  strings?: boolean;
  json?: boolean;
  /** False (`--no-wait`): exit 2 at once when another run holds the project lock. */
  wait?: boolean;
}

/** `tolk translate`: memory first, engines for the rest, localized articles written atomically. */
export async function runTranslate(args: TranslateArgs, io: CommandIO): Promise<number> {
  const project = await loadProject({ ...(args.root ? { root: args.root } : {}), cwd: io.cwd });
  const { config } = project;
  const languages = args.to ? args.to.split(',').map((l) => l.trim()).filter(Boolean) : args.strings ? config.targetLanguages : config.articleLanguages;
  if (languages.length === 0) throw new UsageError('--to names no language');
  for (const language of languages) if (language === config.sourceLanguage) throw new UsageError(`--to ${language} is the source language`);
  const concurrency = args.concurrency === undefined ? undefined : Number(args.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 64)) {
    throw new UsageError(`--concurrency expects a whole number from 1 to 64, got "${args.concurrency}"`);
  }
  const work = () => translateProject(project, languages, concurrency, args, io);
  // A dry run writes nothing, so it never waits for (or blocks) a real one.
  if (args.dryRun) return work();
  const command = args.strings ? 'tolk translate --strings' : 'tolk translate';
  return withLock(projectLockFile(project), io, { command, wait: args.wait !== false }, work);
}

async function translateProject(project: Project, languages: string[], concurrency: number | undefined, args: TranslateArgs, io: CommandIO): Promise<number> {
  const { config } = project;

  // Engines and their queues first: a missing key or unknown engine stops the run before any work.
  const byName = new Map<string, Engine>();
  const engines = new Map<string, Engine>();
  for (const language of languages) {
    const name = args.engine ?? engineFor(config.engines, language);
    if (!byName.has(name)) {
      const settings = config.engineOptions[name] ?? {};
      const url = (name === 'apertium' ? args.apertiumUrl : undefined) ?? args.engineUrl ?? settings.url;
      const model = args.model ?? settings.model;
      byName.set(
        name,
        await createEngine(name, {
          env: io.env,
          ...(url ? { url } : {}),
          ...(model ? { model } : {}),
          ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}),
        }),
      );
    }
    engines.set(language, byName.get(name)!);
  }
  const queues = new Map<Engine, JobQueue>();
  const queueFor = (engine: Engine) => {
    const settings = config.engineOptions[engine.name] ?? {};
    if (!queues.has(engine)) {
      queues.set(
        engine,
        createJobQueue({
          concurrency: concurrency ?? settings.concurrency ?? config.pipeline.concurrency,
          ...(settings.intervalCap ? { intervalCap: settings.intervalCap, interval: settings.interval ?? 1000 } : {}),
        }),
      );
    }
    return queues.get(engine)!;
  };

  const glossary = config.glossaries.length ? await loadGlossaries(project.root, config.glossaries) : undefined;
  const memoryFile = resolve(project.root, config.memory.path);
  const store = openMemory(project, memoryFile);
  const retry = {
    retries: config.pipeline.retries,
    minDelayMs: config.pipeline.retryDelayMs,
    maxDelayMs: config.pipeline.maxRetryDelayMs,
    maxRetryAfterMs: config.pipeline.maxRetryAfterMs,
  };
  const progress = createProgress(io, Boolean(args.json || args.dryRun || args.strings));
  const logger: Logger = args.json ? silentLogger : { info: () => {}, warn: (m) => io.stderr(`warning: ${m}\n`) };
  // What both modes share: the project, the memory, the engines and their queues.
  const runOptions = {
    project,
    store,
    languages,
    engines,
    queueFor,
    retry,
    logger,
    ...(args.dryRun ? { dryRun: true } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
  };
  try {
    if (args.strings) {
      const summary = await translateStrings(runOptions);
      if (args.json) printJson(io, summary);
      else printStrings(io, summary, Boolean(args.dryRun));
      return summary.failed.length > 0 ? 1 : 0;
    }
    const summary = await translateArticles({
      ...runOptions,
      fuzzyThreshold: config.memory.fuzzyThreshold,
      ...(glossary ? { glossary: { glossary, enforcement: config.glossary.enforcement } } : {}),
      stateDir: dirname(memoryFile),
      onProgress: (event) => progress.update(event),
      ...(args.articles ? { articles: args.articles } : {}),
      ...(args.force ? { force: true } : {}),
    });
    progress.stop();
    if (args.json) {
      const { diagnostics, ...rest } = summary;
      printJson(io, { ...rest, diagnostics });
    } else printHuman(io, summary, Boolean(args.dryRun));
    return summary.failed.length > 0 || summary.interrupted ? 1 : 0;
  } finally {
    progress.stop();
    for (const engine of byName.values()) await engine.close?.();
    await store.close();
  }
}

function printStrings(io: CommandIO, summary: StringsSummary, dryRun: boolean): void {
  for (const f of summary.failed) io.stderr(`failed: ${f.language} "${f.source.slice(0, 60)}": ${f.reason}\n`);
  for (const [language, s] of Object.entries(summary.languages)) {
    const filled = summary.filled.filter((f) => f.language === language).length;
    io.stdout(
      `${language} (${s.engine}): ${s.missing} missing strings, ${s.tmExact} from memory, ` +
        `${dryRun ? 'would send' : 'sent'} ${s.engineSegments} in ${s.engineRequests} requests${dryRun ? '' : `, ${filled} filled`}\n`,
    );
  }
}

function printHuman(io: CommandIO, summary: Awaited<ReturnType<typeof translateArticles>>, dryRun: boolean): void {
  for (const d of summary.diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  for (const v of summary.violations) {
    io.stderr(`glossary: ${v.language} ${v.segment.slice(0, 12)} ${v.rule}: "${v.term}" → "${v.expected}"${v.found ? ` (found "${v.found}")` : ''}\n`);
  }
  for (const f of summary.failed) io.stderr(`failed: ${f.language} ${f.segment.slice(0, 12)} "${f.source.slice(0, 60)}": ${f.reason}\n`);
  for (const [language, s] of Object.entries(summary.languages)) {
    const verb = dryRun ? 'would send' : 'sent';
    io.stdout(
      `${language} (${s.engine}): ${s.unique} unique segments, ${s.tmExact} from memory${dryRun ? ` (${s.tmFuzzy} more with fuzzy matches)` : ''}, ` +
        `${verb} ${s.engineSegments} (${s.engineCharacters} characters) in ${s.engineRequests} requests` +
        `${s.failed ? `, ${s.failed} failed` : ''}${s.glossaryViolations ? `, ${s.glossaryViolations} glossary violations` : ''}` +
        `${dryRun ? '' : `, ${s.written} written`}\n`,
    );
  }
  if (summary.upToDate) io.stdout(`${summary.upToDate} localized articles already up to date\n`);
  if (summary.harvested) io.stdout(`${summary.harvested} translations read back from localized articles into the memory\n`);
  if (summary.interrupted) io.stdout('interrupted: what was translated so far is in the memory; run again to finish\n');
}
