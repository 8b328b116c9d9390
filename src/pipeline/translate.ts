import { join } from 'node:path';
import type { Project } from '../config/index.js';
import { collectGarbage } from '../core/collect-garbage.js';
import { silentLogger, type Logger } from '../core/logger.js';
import type { MemoryStore } from '../memory/index.js';
import type { QaSettings } from '../qa/index.js';
import type { EngineJob, EngineProfile, JobQueue } from '../queue/index.js';
import { translateChunk, type ChunkAnswer, type LanguageRun, type RunContext } from './chunk.js';
import { checksFor, type CheckSettings } from './answer-writes.js';
import { storedChecks, type Checks } from './enforce-phase.js';
import type { GlossarySettings } from './glossary-phase.js';
import { harvestPhase } from './harvest-phase.js';
import { loadWork, planArticles } from './plan.js';
import { QaCache } from './qa-cache.js';
import { openStateDb, type StateDb } from './state-db.js';
import { SeenSegments } from './seen-segments.js';
import { SegmentCache } from './segment-cache.js';
import { addCounts, mergeChunk, noCounts, type ChunkResult, type TranslateSummary } from './summary.js';
import { WrittenFiles } from './written-files.js';

export type { FailedSegment, GlossaryFinding, LanguageSummary, QaRunFinding, RunCounts, TranslateSummary } from './summary.js';

/** What every run through the engines needs, articles or strings. */
export interface RunOptions {
  project: Project;
  store: MemoryStore;
  languages: string[];
  /** Engine per target language (resolved before any work starts): what the producer plans batches with. */
  engines: Map<string, EngineProfile>;
  /** Options a worker needs to build an engine (url, model, timeout; never keys), per engine name. */
  engineOptions?: (engine: string) => EngineJob['engineOptions'] | undefined;
  /** Where engine jobs run: p-queue in this process, or workers elsewhere. */
  queue: JobQueue;
  /** Send nothing, write nothing: count what would be sent. */
  dryRun?: boolean;
  logger?: Logger;
  signal?: AbortSignal;
}

export interface TranslateOptions extends RunOptions {
  /** Glob over source paths (relative to `articles/<sourceLanguage>/`). */
  articles?: string;
  /** Rebuild localized articles even when up to date or not written by tolk. */
  force?: boolean;
  fuzzyThreshold: number;
  /** Terminology to protect before engines and check after; `error` keeps violating machine translations out of articles. */
  glossary?: GlossarySettings;
  /**
   * Directory beside the memory for run state: hashes of written articles and
   * the segment cache. None: every article is parsed and read back each run.
   */
  stateDir?: string;
  /** QA rules over every translation used (src/qa); `enforcement: "error"` keeps machine translations with an error finding out of articles. None: no QA. */
  qa?: QaSettings & { enforcement: 'warning' | 'error' };
  onProgress?: (event: { language: string; done: number; total: number }) => void;
  /**
   * Articles loaded and worked on at a time for up to four languages; with
   * more, a chunk holds proportionally fewer (at least one), so memory grows
   * with it, not with the corpus or the number of languages. @default 25
   */
  chunkSize?: number;
}

/**
 * The pipeline, as phases that return their results: plan (read only, every
 * source parsed or found in the segment cache, so a bad article stops the
 * run before anything is written) → then chunk by chunk of articles:
 * harvest (translations already in localized articles into the memory) →
 * per language: memory → protect → engine jobs (each answer stored as it
 * arrives) → enforce → write. Two chunks are with the engines at once so the
 * queue never drains at a chunk's end; a chunk is written once its answers
 * are in and the chunk before it has been written. The run's summary is the
 * sum of what the phases returned.
 */
export async function translateArticles(options: TranslateOptions): Promise<TranslateSummary> {
  const { project } = options;
  const sourceLanguage = project.config.sourceLanguage;
  const cache = options.stateDir && !options.dryRun ? new SegmentCache(join(options.stateDir, 'segments'), { sourceLanguage, frontMatterFields: project.config.frontMatter.translate }) : undefined;
  const plan = await planArticles(project, options.languages, {
    ...(options.articles ? { articles: options.articles } : {}),
    ...(options.force ? { force: true } : {}),
    ...(cache ? { cache } : {}),
  });
  const summary: TranslateSummary = { ...noCounts(), failed: [], violations: [], qa: [], written: [], upToDate: plan.upToDate, harvested: 0, interrupted: false, languages: {}, diagnostics: [] };
  const state = options.stateDir && !options.dryRun ? openStateDb(join(options.stateDir, 'state.sqlite')) : undefined;
  // A set-up that throws (a language without an engine, a glossary phase that cannot be built) closes the state it opened.
  const { written, run, qaCache, langs, checksOf } = (() => {
    try {
      return setUpRun(options, state, summary);
    } catch (error) {
      state?.close();
      throw error;
    }
  })();
  const size = Math.max(1, Math.floor(((options.chunkSize ?? 25) * 4) / Math.max(4, options.languages.length)));

  let writing: Promise<ChunkResult[]> = Promise.resolve([]);
  const window: Array<Promise<Array<PromiseSettledResult<ChunkAnswer>>>> = [];
  /** The oldest chunk's answers are in: start its writes once the chunk before it has been written. */
  const finish = async (answers: (typeof window)[number]) => {
    const settled = await answers;
    for (const done of await writing) mergeChunk(summary, done);
    writing = Promise.resolve([]);
    for (const answer of settled) if (answer.status === 'rejected' && !options.signal?.aborted) throw answer.reason;
    const chunks = settled.flatMap((a) => (a.status === 'fulfilled' ? [a.value] : []));
    for (const chunk of chunks) mergeChunk(summary, chunk.result);
    writing = Promise.all(chunks.map((chunk) => chunk.write()));
  };
  try {
    for (let start = 0; start < plan.articles.length && !options.signal?.aborted; start += size) {
      const work = await loadWork(project, plan.articles.slice(start, start + size), cache);
      const harvested = await harvestPhase({
        project,
        store: options.store,
        work,
        // Read-back translations carry their QA findings; glossary findings are the check's and sync's to report.
        stored: (source, target, language, segment) => storedChecks(checksOf.get(language)!, source, target, segment, 'qa'),
        ...(written ? { written } : {}),
        ...(options.dryRun ? { dryRun: true } : {}),
      });
      summary.harvested += harvested.harvested;
      summary.diagnostics.push(...harvested.diagnostics);
      const last = start + size >= plan.articles.length;
      window.push(Promise.allSettled(langs.map((lang) => translateChunk(run, lang, work, last))));
      if (window.length > 1) {
        await finish(window.shift()!);
        // What the finished chunk built is garbage now: collected here, peak memory follows what the run keeps.
        collectGarbage();
      }
    }
    while (window.length) await finish(window.shift()!);
    for (const done of await writing) mergeChunk(summary, done);
  } finally {
    // Stopped early: nobody will send what a chunk handed on, so its writes must not wait for it.
    for (const lang of langs) lang.carry?.resolve();
    await Promise.allSettled(window);
    await Promise.allSettled([writing]);
    qaCache?.save();
    state?.close();
  }
  summary.interrupted ||= Boolean(options.signal?.aborted);
  for (const lang of Object.values(summary.languages)) addCounts(summary, lang);
  return summary;
}

/** What a run holds from its start to its end: the written-files record, the phases' context, the QA cache and each language's run. */
function setUpRun(options: TranslateOptions, state: StateDb | undefined, summary: TranslateSummary) {
  const { project } = options;
  const written = state ? WrittenFiles.open(state) : undefined;
  const run: RunContext = {
    project,
    store: options.store,
    queue: options.queue,
    ...(options.engineOptions ? { engineOptions: options.engineOptions } : {}),
    fuzzyThreshold: options.fuzzyThreshold,
    ...(options.force ? { force: true } : {}),
    ...(options.dryRun ? { dryRun: true } : {}),
    ...(written ? { written } : {}),
    logger: options.logger ?? silentLogger,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  const qaCache = options.qa && state ? QaCache.open(state, options.qa) : undefined;
  const seen = new SeenSegments();
  const settings: CheckSettings = { ...(options.glossary ? { glossary: options.glossary } : {}), ...(options.qa ? { qa: options.qa } : {}) };
  const langs = options.languages.map((language, index) => startLanguage(options, settings, language, index, seen, summary, qaCache));
  const checksOf = new Map(langs.map((l) => [l.language, l.checks]));
  return { written, run, qaCache, langs, checksOf };
}

function startLanguage(options: TranslateOptions, settings: CheckSettings, language: string, index: number, seen: SeenSegments, summary: TranslateSummary, qaCache?: QaCache): LanguageRun {
  const engine = options.engines.get(language)!;
  summary.languages[language] = { engine: engine.name, ...noCounts(), failed: 0, written: 0, unknownWords: {}, glossaryViolations: 0, qaFindings: 0 };
  const checks: Checks = { ...checksFor(settings, options.project.config.sourceLanguage, language, engine), ...(qaCache ? { qaCache } : {}) };
  return { language, index, engine, checks, seen, blocked: new Set(), sent: 0 };
}
