#!/usr/bin/env node
import { Command, CommanderError, Option } from 'commander';
import { exitCodeFor, TolkError } from '../core/errors.js';
import { reportInternalError } from './internal-error.js';
import { closePrompts, processIO } from './io.js';
import { announceMemoryRetries } from './memory-notice.js';

/**
 * The only place that exits the process. It parses arguments, lazily imports
 * the command and maps errors to exit codes: 0 ok, 1 findings or partial
 * failure, 2 usage, config or input error.
 */
const controller = new AbortController();
const io = processIO(controller.signal);
announceMemoryRetries(io.stderr);
let interrupted = false;
const stop = (signal: NodeJS.Signals) => {
  if (interrupted) process.exit(signal === 'SIGTERM' ? 143 : 130);
  interrupted = true;
  io.stderr(`\nstopping after the work in flight (${signal === 'SIGTERM' ? 'SIGTERM' : 'Ctrl-C'} again to quit at once)\n`);
  controller.abort(new Error('interrupted'));
};
process.on('SIGINT', () => stop('SIGINT'));
// systemd stops a service with SIGTERM: the same graceful stop (a worker finishes and stores its running jobs).
process.on('SIGTERM', () => stop('SIGTERM'));

// Errors outside the command's own promise (a stream's or a timer's) end the run the same way: one line, exit 1.
const lastResort = (error: unknown) => {
  io.stderr(reportInternalError(error, process.argv.slice(2), io.cwd));
  process.exit(1);
};
process.on('uncaughtException', lastResort);
process.on('unhandledRejection', lastResort);

const root = () => new Option('--root <dir>', 'project directory (default: nearest with tolk.config.json)');
const json = () => new Option('--json', 'machine-readable output on stdout');
const noWait = () => new Option('--no-wait', 'exit 2 at once instead of waiting when another tolk run is writing to this project');

const program = new Command('tolk')
  .description('Localization pipeline for Markdown articles: segments, translation memory, engines, glossary')
  .version('0.1.0')
  .exitOverride()
  .configureOutput({ writeErr: (text) => io.stderr(text), writeOut: (text) => io.stdout(text) });

let exitCode = 0;
const run = (load: () => Promise<number>) => async () => {
  exitCode = await load();
};

program
  .command('init')
  .description('set up a tolk project here (or in --root): config, folders, starter UI strings and glossary')
  .option('--source <lang>', 'language the articles are written in, e.g. nl (asked on a terminal)')
  .option('--to <langs>', 'comma-separated languages to publish in, e.g. en,de,af (asked on a terminal)')
  .option('--engine <name>', 'apertium, deepl, openai, libretranslate or pseudo (default: pseudo; asked on a terminal)')
  .option('--glossary <which>', 'sports (the sports glossary tolk ships) or empty', 'sports')
  .option('--force', 'replace files that exist')
  .addOption(root())
  .addOption(json())
  .action(async (opts) => {
    const { runInit } = await import('./commands/init.js');
    await run(() => runInit(opts, io))();
  });

program
  .command('segments')
  .description('print the segments of one article')
  .argument('<file>', 'Markdown article')
  .addOption(root())
  .addOption(json())
  .option('--lang <code>', 'source language when the file is outside a project')
  .action(async (file: string, opts) => {
    const { runSegments } = await import('./commands/segments.js');
    await run(() => runSegments({ file, ...opts }, io))();
  });

program
  .command('translate')
  .description('translate source articles into the target languages')
  .addOption(root())
  .addOption(json())
  .addOption(noWait())
  .option('--to <langs>', 'comma-separated target languages (default: articleLanguages)')
  .option('--engine <name>', 'engine for every language: apertium, deepl, openai, libretranslate, pseudo (default: config engines)')
  .option('--articles <glob>', 'only source articles matching this glob (relative to articles/<source>/)')
  .option('--concurrency <n>', 'engine requests in flight (default: pipeline.concurrency)')
  .option('--apertium-url <url>', 'use an Apertium APY server instead of the local command')
  .option('--engine-url <url>', 'server URL for the engine (LibreTranslate, DeepL- or OpenAI-compatible)')
  .option('--model <name>', 'model for OpenAI-compatible engines')
  .option('--force', 'rebuild localized articles even when up to date or not written by tolk')
  .option('--strings', 'fill missing UI strings (locales/<lng>/<ns>.json) instead of articles; never overwrites a value')
  .option('--dry-run', 'send nothing, write nothing: print what would be sent')
  .action(async (opts) => {
    const { runTranslate } = await import('./commands/translate.js');
    await run(() => runTranslate(opts, io))();
  });

program
  .command('worker')
  .description('run engine jobs from the team queue (queue.url) until stopped; answers go to the shared memory')
  .addOption(root())
  .option('--engines <names>', 'comma-separated engine queues to serve (default: every engine in the config)')
  .option('--concurrency <n>', 'jobs at once per engine in this process (default: 2)')
  .action(async (opts) => {
    const { runWorkerCommand } = await import('./commands/worker.js');
    await run(() => runWorkerCommand(opts, io))();
  });

program
  .command('check')
  .description('CI gate: UI strings, localized articles and glossary of every target language')
  .addOption(root())
  .addOption(json())
  .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'junit', 'github']).default('text'))
  .option('--lang <langs>', 'only these target languages (comma-separated); findings and exit code cover them alone')
  .option('--strict', 'warnings fail the check too')
  .action(async (opts) => {
    const [{ runCheckCommand }, { glossaryProvider, qaProvider }] = await Promise.all([import('./commands/check.js'), import('../check/index.js')]);
    await run(() => runCheckCommand(opts, io, { providers: [glossaryProvider, qaProvider] }))();
  });

program
  .command('qa')
  .description('QA rules (numbers, engine marks, untranslated, capitals, punctuation, length) and glossary over the localized articles, or over TMX/XLIFF files before import')
  .argument('[files...]', 'TMX or XLIFF files to check instead of the localized articles')
  .option('--to <langs>', 'only these target languages (comma-separated); the target language of files that name none')
  .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'junit', 'github']).default('text'))
  .option('--accept <segment:rule...>', 'record accepted findings in qa.accept (tolk.config.json) instead of checking')
  .addOption(root())
  .addOption(json())
  .action(async (files: string[], opts) => {
    const { runQaCommand } = await import('./commands/qa.js');
    await run(() => runQaCommand({ files, ...opts }, io))();
  });

program
  .command('export')
  .description('publish the articles that pass the completeness gate as Markdown, HTML and JSON')
  .requiredOption('--out <dir>', 'output directory (nothing is written outside it), e.g. dist/site')
  .option('--to <langs>', 'comma-separated languages (default: articleLanguages; the source language is always exported)')
  .option('--format <formats>', 'comma-separated: md, html, json', 'md,html,json')
  .option('--min-complete <percent>', 'export an article only when its translation is at least this complete (0-100)', '80')
  .option('--base-url <url>', 'absolute URL the output is served from, for absolute hreflang and canonical links')
  .addOption(root())
  .addOption(json())
  .addOption(noWait())
  .action(async (opts) => {
    const { runExport } = await import('./commands/export.js');
    await run(() => runExport(opts, io))();
  });

const tm = program.command('tm').description('translation memory: search, stats, TMX import and export, copy between memories');

tm.command('search')
  .description('fuzzy and exact matches for a sentence')
  .argument('<text>', 'source text (tags like <1>…</1> allowed)')
  .requiredOption('--to <lang>', 'target language')
  .option('--limit <n>', 'most matches', '5')
  .option('--threshold <score>', 'minimum score 0-100 (default: memory.fuzzyThreshold)')
  .addOption(root())
  .addOption(json())
  .action(async (text: string, opts) => {
    const { runTmSearch } = await import('./commands/tm-search.js');
    await run(() => runTmSearch({ text, ...opts }, io))();
  });

tm.command('stats')
  .description('units per language pair, by origin and status')
  .addOption(root())
  .addOption(json())
  .action(async (opts) => {
    const { runTmStats } = await import('./commands/tm-stats.js');
    await run(() => runTmStats(opts, io))();
  });

tm.command('import')
  .description('import a TMX 1.4 file into the memory (all or nothing)')
  .argument('<file>', 'TMX file')
  .option('--status <status>', 'status of imported units: machine, translated, reviewed, final (default: translated)')
  .addOption(root())
  .addOption(json())
  .addOption(noWait())
  .action(async (file: string, opts) => {
    const { runTmImport } = await import('./commands/tm-import.js');
    await run(() => runTmImport({ file, ...opts }, io))();
  });

tm.command('export')
  .description('export one language pair as TMX 1.4')
  .requiredOption('--to <lang>', 'target language')
  .requiredOption('-o, --output <file>', 'TMX file to write')
  .addOption(root())
  .addOption(json())
  .action(async (opts) => {
    const { runTmExport } = await import('./commands/tm-export.js');
    await run(() => runTmExport(opts, io))();
  });

tm.command('copy')
  .description('copy every entry of one memory into another (SQLite path or postgres:// URL), merging under the status rules, all or nothing')
  .argument('<from>', 'memory to read: a SQLite file or postgres://user@host/db')
  .argument('<into>', 'memory to write: a SQLite file (created if missing) or postgres://user@host/db')
  .addOption(root())
  .addOption(json())
  .action(async (from: string, into: string, opts) => {
    const { runTmCopy } = await import('./commands/tm-copy.js');
    await run(() => runTmCopy({ from, into, ...opts }, io))();
  });

const glossary = program.command('glossary').description('sports terminology: check translations, look up entries');

glossary
  .command('check')
  .description('check the localized articles on disk against the glossary')
  .option('--to <langs>', 'only these target languages')
  .addOption(root())
  .addOption(json())
  .action(async (opts) => {
    const { runGlossaryCheck } = await import('./commands/glossary-check.js');
    await run(() => runGlossaryCheck(opts, io))();
  });

glossary
  .command('lookup')
  .description('show the glossary entry for a term in all languages')
  .argument('<term>', 'a term in any language')
  .addOption(root())
  .addOption(json())
  .action(async (term: string, opts) => {
    const { runGlossaryLookup } = await import('./commands/glossary-lookup.js');
    await run(() => runGlossaryLookup({ term, ...opts }, io))();
  });

const sync = program
  .command('sync')
  .description('translator sync: XLIFF for translators out and in, hand edits in localized articles into the memory')
  .addHelpText(
    'after',
    '\nWithout a command, `tolk sync [--to <langs>] [--root <dir>] [--json]` stores hand edits made in\narticles/<lang>/ as human translations and prints, per language, segments open / machine / human / reviewed.\n',
  );

// `tolk sync` itself is a hidden default command, so its options do not swallow those of export and import.
sync
  .command('edits', { isDefault: true, hidden: true })
  .description('hand edits in localized articles into the memory, then the status per language')
  .option('--to <langs>', 'only these article languages (comma-separated)')
  .addOption(root())
  .addOption(json())
  .addOption(noWait())
  .action(async (opts) => {
    const { runSync } = await import('./commands/sync.js');
    await run(() => runSync(opts, io))();
  });

sync
  .command('export')
  .description('write one XLIFF file with what translators should work on')
  .requiredOption('--to <lang>', 'target language')
  .option('--format <format>', 'xliff2 (the default) or xliff12')
  .option('--codes <codes>', 'XLIFF 1.2 inline codes: g (<g>/<x/>, the default) or bpt (<bpt>/<ept>/<ph>, for Translate Toolkit)')
  .option('--all', 'every segment, translated ones included')
  .option('-o, --output <file>', 'XLIFF file to write (default: <source>-<lang>.xlf)')
  .option('--prefill <what>', 'what <target> holds where no person has translated: source (default; OmegaT), suggestion (PO via xliff2po), none (Trados, memoQ, Phrase)')
  .option('--omegat <dir>', 'write a ready OmegaT project (XLIFF 1.2, memory, machine translations, glossary) into <dir>')
  .addOption(root())
  .addOption(json())
  .action(async (opts) => {
    const { runSyncExport } = await import('./commands/sync-export.js');
    await run(() => runSyncExport(opts, io))();
  });

sync
  .command('import')
  .description('import translated XLIFF files into the memory and rebuild the localized articles')
  .argument('<files...>', 'XLIFF 2.x or 1.2 files, or an OmegaT project exported with --omegat (its target/)')
  .option('--to <lang>', "target language for files that name none (Translate Toolkit's po2xliff output)")
  .addOption(root())
  .addOption(json())
  .addOption(noWait())
  .action(async (files: string[], opts) => {
    const { runSyncImport } = await import('./commands/sync-import.js');
    await run(() => runSyncImport({ files, ...opts }, io))();
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    exitCode = error.exitCode === 0 || error.code === 'commander.helpDisplayed' || error.code === 'commander.version' ? 0 : 2;
  } else if (error instanceof TolkError) {
    io.stderr(`tolk: ${error.toString()}\n`);
    exitCode = exitCodeFor(error);
  } else {
    io.stderr(reportInternalError(error, process.argv.slice(2), io.cwd));
    exitCode = 1;
  }
}
closePrompts();
process.exitCode = exitCode;
