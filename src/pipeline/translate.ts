import { writeFileAtomic } from '../core/atomic-write.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { silentLogger, type Logger } from '../core/logger.js';
import type { Project } from '../config/index.js';
import { reassemble } from '../markdown/index.js';
import { checkTranslation, glossaryHints, matchers, protectTerms, storedViolation, type Glossary, type Protected, type Violation } from '../glossary/index.js';
import type { MemoryStore, MemoryWrite, Status } from '../memory/index.js';
import { checkQa, storedFinding, type QaSettings } from '../qa/index.js';
import { join } from 'node:path';
import { displayPath } from '../project/index.js';
import { batches } from './batches.js';
import { harvestLocalized } from '../localized/index.js';
import PQueue from 'p-queue';
import type { EngineJob, EngineProfile, JobQueue } from '../queue/index.js';
import { loadWork, planArticles, type ArticleWork, type TargetWork } from './plan.js';
import { completeness, contextExactIds, localizedArticle, recordSegments } from '../localized/index.js';
import { runEnginePhase } from './engine-phase.js';
import { contextHooks, styleGuideFor } from './context.js';
import { SegmentCache } from './segment-cache.js';
import { QaCache } from './qa-cache.js';
import { WrittenFiles } from './written-files.js';

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
  glossary?: {
    glossary: Glossary;
    enforcement: 'warning' | 'error';
    /** False: check translations without protecting terms first, to see what the engine does alone. @default true */
    protect?: boolean;
  };
  /**
   * Directory beside the memory for run state: hashes of written articles and
   * the segment cache. None: every article is parsed and read back each run.
   */
  stateDir?: string;
  /** QA rules over every translation used (src/qa); `enforcement: "error"` keeps machine translations with an error finding out of articles. None: no QA. */
  qa?: QaSettings & { enforcement: 'warning' | 'error' };
  onProgress?: (event: { language: string; done: number; total: number }) => void;
  /**
   * Articles loaded and worked on at a time. Memory grows with it, engine
   * batches span one chunk at most. @default 25
   */
  chunkSize?: number;
}

/** A run's counters before anything happened. */
const noCounts = (): RunCounts => ({ segments: 0, unique: 0, tmExact: 0, tmContext: 0, tmFuzzy: 0, engineSegments: 0, engineRequests: 0, engineCharacters: 0 });

/** What a run counted, per language and in total. */
export interface RunCounts {
  segments: number;
  unique: number;
  tmExact: number;
  /** Of `tmExact`: context-exact ("101 %") matches, the same translation between the same neighbours as when it was written. */
  tmContext: number;
  tmFuzzy: number;
  engineSegments: number;
  engineRequests: number;
  engineCharacters: number;
}

export interface LanguageSummary extends RunCounts {
  engine: string;
  failed: number;
  written: number;
  /** Words the engine marked unknown, per segment (Apertium). */
  unknownWords: Record<string, string[]>;
  /** Glossary violations in the translations used for this language. */
  glossaryViolations: number;
  /** QA findings (src/qa) in the translations used for this language. */
  qaFindings: number;
}

export interface GlossaryFinding extends Violation {
  language: string;
  segment: string;
  source: string;
  /** `machine` translations with violations are kept out of articles under `enforcement: "error"`. */
  status: Status;
}

/** A QA finding on a translation the run used: the diagnostic plus where it is. */
export interface QaRunFinding extends Diagnostic {
  language: string;
  segment: string;
  source: string;
  target: string;
  /** `machine` translations with an error finding are kept out of articles under `qa.enforcement: "error"`. */
  status: Status;
}

export interface FailedSegment {
  language: string;
  segment: string;
  source: string;
  reason: string;
}

export interface TranslateSummary extends RunCounts {
  failed: FailedSegment[];
  /** Glossary violations found in the translations used (engine, memory or human). */
  violations: GlossaryFinding[];
  /** QA findings in the translations used (engine, memory or human), accepted ones (`qa.accept`) left out. */
  qa: QaRunFinding[];
  written: string[];
  /** Localized articles skipped because they are complete and built from the current source. */
  upToDate: number;
  /** Translations read back from localized articles (fresh clone, hand edits). */
  harvested: number;
  interrupted: boolean;
  languages: Record<string, LanguageSummary>;
  diagnostics: Diagnostic[];
}

/**
 * The pipeline: plan (read only, every source parsed or found in the segment
 * cache, so a bad article stops the run before anything is written) → then
 * chunk by chunk of articles: harvest what localized articles already hold →
 * per language: memory, then only the missing segments through the engine's
 * queue in batches, each batch stored in the memory as soon as it returns →
 * reassemble → write atomically. Chunks keep memory flat whatever the corpus
 * size; a segment seen in an earlier chunk is never sent again.
 */
export async function translateArticles(options: TranslateOptions): Promise<TranslateSummary> {
  const { project } = options;
  const logger = options.logger ?? silentLogger;
  const cache = options.stateDir && !options.dryRun
    ? new SegmentCache(join(options.stateDir, 'segments'), { sourceLanguage: project.config.sourceLanguage, frontMatterFields: project.config.frontMatter.translate })
    : undefined;
  const plan = await planArticles(project, options.languages, {
    ...(options.articles ? { articles: options.articles } : {}),
    ...(options.force ? { force: true } : {}),
    ...(cache ? { cache } : {}),
  });
  const summary: TranslateSummary = {
    ...noCounts(),
    failed: [],
    violations: [],
    qa: [],
    written: [],
    upToDate: plan.upToDate,
    harvested: 0,
    interrupted: false,
    languages: {},
    diagnostics: [],
  };
  const runs = new Map(options.languages.map((language) => [language, startLanguage(options, language, summary)]));
  const written = options.stateDir && !options.dryRun ? await WrittenFiles.load(join(options.stateDir, 'written.json')) : undefined;
  const qaCache = options.qa && options.stateDir && !options.dryRun ? await QaCache.load(join(options.stateDir, 'qa.json'), options.qa) : undefined;
  const size = options.chunkSize ?? 25;
  // Two chunks are with the engines at once, so the queue never drains at a chunk's end; a chunk's articles are
  // written once its answers are in and the chunk before it has been written.
  let writing: Promise<void> = Promise.resolve();
  let writeError: { error: unknown } | undefined;
  const settleWrites = async () => {
    await writing;
    if (writeError) throw writeError.error;
  };
  const window: Array<Promise<Array<PromiseSettledResult<() => Promise<void>>>>> = [];
  const finish = async (engines: (typeof window)[number]) => {
    const results = await engines;
    await settleWrites();
    for (const result of results) {
      if (result.status === 'rejected' && !options.signal?.aborted) throw result.reason;
    }
    const stages = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    writing = Promise.all(stages.map((stage) => stage())).then(
      () => undefined,
      (error: unknown) => void (writeError ??= { error }),
    );
  };
  try {
    for (let start = 0; start < plan.articles.length && !options.signal?.aborted; start += size) {
      const work = await loadWork(project, plan.articles.slice(start, start + size), cache);
      await harvest(options, work, summary, written);
      const last = start + size >= plan.articles.length;
      window.push(Promise.allSettled(options.languages.map((language) => translateChunk({ options, work, run: runs.get(language)!, summary, logger, last, ...(written ? { written } : {}), ...(qaCache ? { qaCache } : {}) }))));
      if (window.length > 1) await finish(window.shift()!);
    }
    while (window.length) await finish(window.shift()!);
    await settleWrites();
  } finally {
    // Stopped early: nobody will send what a chunk handed on, so its writes must not wait for it.
    for (const run of runs.values()) run.carry?.resolve();
    await Promise.allSettled(window);
    await writing;
    await written?.save();
    await qaCache?.save();
  }
  summary.interrupted ||= Boolean(options.signal?.aborted);
  for (const lang of Object.values(summary.languages)) {
    summary.segments += lang.segments;
    summary.unique += lang.unique;
    summary.tmExact += lang.tmExact;
    summary.tmContext += lang.tmContext;
    summary.tmFuzzy += lang.tmFuzzy;
    summary.engineSegments += lang.engineSegments;
    summary.engineRequests += lang.engineRequests;
    summary.engineCharacters += lang.engineCharacters;
  }
  return summary;
}

/** One language across the chunks of a run: its counters and which segments it has dealt with. */
interface LanguageRun {
  language: string;
  engine: EngineProfile;
  stats: LanguageSummary;
  /** Segment ids counted, looked up and (if missing) sent in an earlier chunk: never counted or sent twice. */
  seen: Set<string>;
  /** Machine translations kept out of articles by the glossary (`enforcement: "error"`). */
  blocked: Set<string>;
  /** Segments sent to the engine so far, for progress. */
  sent: number;
  /** The previous chunk's last, partly filled batch, sent with this chunk's first so every request is full. */
  carry?: Carry;
}

/** Segments one chunk hands to the next; its write stage waits until they are back. */
interface Carry {
  segments: Array<{ id: string; source: string; article: string }>;
  done: Promise<void>;
  resolve: () => void;
}

function startLanguage(options: TranslateOptions, language: string, summary: TranslateSummary): LanguageRun {
  const engine = options.engines.get(language)!;
  const stats: LanguageSummary = { engine: engine.name, ...noCounts(), failed: 0, written: 0, unknownWords: {}, glossaryViolations: 0, qaFindings: 0 };
  summary.languages[language] = stats;
  return { language, engine, stats, seen: new Set(), blocked: new Set(), sent: 0 };
}

/**
 * Translations already in localized articles go into the memory first: on a
 * fresh clone (no memory) nothing already translated is paid for again, and
 * a translator's hand edits are stored as human before the article is rebuilt.
 */
async function harvest(options: TranslateOptions, work: ArticleWork[], summary: TranslateSummary, written?: WrittenFiles): Promise<void> {
  const writes: MemoryWrite[] = [];
  for (const item of work) {
    for (const target of item.targets) {
      const provenance = target.existing?.provenance;
      if (!target.existing || !provenance) continue;
      if (written?.unchanged(target.file, target.existing.text)) continue;
      const found = harvestLocalized({
        source: item.article,
        localizedText: target.existing.text,
        localizedFile: displayPath(options.project, target.file),
        provenance,
        targetLanguage: target.language,
        frontMatterFields: options.project.config.frontMatter.translate,
        article: item.display,
      });
      // A hand change that cannot be read back is said before the rebuild replaces it.
      summary.diagnostics.push(...found.problems.map((p) => ({ ...p, message: `${p.message}; the rebuild replaces it` })));
      const known = await options.store.lookup(found.writes.map((w) => w.segmentId!), target.language);
      for (const { edited, ...write } of found.writes) {
        if (edited || !known.has(write.segmentId!)) writes.push({ ...write, violations: qaStored(options, write.source, write.target, target.language, write.segmentId) });
      }
    }
  }
  if (writes.length === 0 || options.dryRun) return;
  const result = await options.store.write(writes);
  summary.harvested = result.inserted + result.updated;
}

/** QA findings in the memory's stored form, for a translation about to be written. */
function qaStored(options: TranslateOptions, source: string, target: string, language: string, segment?: string): string[] {
  if (!options.qa) return [];
  return checkQa(source, target, { source: options.project.config.sourceLanguage, target: language }, options.qa, segment).map(storedFinding);
}

/**
 * One language's part of a chunk up to the engines' answers: memory, engine
 * phase, glossary. Returns the write stage (reassemble and write every
 * article of the chunk), for the caller to start when the chunk before has
 * been written. The chunk before may still be with the engine: a segment it
 * is translating is not sent again but looked up at the write stage.
 */
async function translateChunk(chunk: Chunk): Promise<() => Promise<void>> {
  const carried = chunk.run.carry;
  chunk.run.carry = undefined;
  try {
    return await chunkUntilWrite(chunk, carried);
  } finally {
    carried?.resolve(); // sent (or failed) with this chunk, or never: the chunk before writes either way
  }
}

/** One chunk of articles for one language, and where its results go. */
interface Chunk {
  options: TranslateOptions;
  work: ArticleWork[];
  run: LanguageRun;
  summary: TranslateSummary;
  logger: Logger;
  /** No chunk follows: nothing is handed on. */
  last: boolean;
  written?: WrittenFiles;
  /** QA findings of pairs checked in earlier runs. */
  qaCache?: QaCache;
}

async function chunkUntilWrite(chunk: Chunk, carried: Carry | undefined): Promise<() => Promise<void>> {
  const { options, work, run, summary, logger, last } = chunk;
  const { project, store, signal } = options;
  const { language, engine, stats } = run;
  const items = work.flatMap((item) => item.targets.filter((t) => t.language === language).map((target) => ({ item, target })));

  // Every segment of the chunk once, with the first article it occurs in; `fresh` ones were not in an earlier chunk.
  const needed = new Map<string, { source: string; article: string }>();
  const fresh = new Set<string>();
  for (const { item } of items) {
    for (const segment of item.article.segments) {
      stats.segments++;
      if (needed.has(segment.id)) continue;
      needed.set(segment.id, { source: segment.source, article: item.display });
      if (!run.seen.has(segment.id)) fresh.add(segment.id);
    }
  }
  for (const id of fresh) run.seen.add(id);
  stats.unique += fresh.size;

  const translations = new Map<string, string>();
  const statuses = new Map<string, Status>();
  for (const [id, entry] of await store.lookup([...needed.keys()], language)) {
    translations.set(id, entry.target);
    statuses.set(id, entry.status);
  }
  for (const [id, { source }] of needed) {
    if (translations.has(id)) continue;
    const byText = await store.lookupText(source, project.config.sourceLanguage, language);
    if (byText) {
      translations.set(id, byText.target);
      statuses.set(id, byText.status);
    }
  }
  for (const id of run.blocked) translations.delete(id);
  stats.tmExact += [...fresh].filter((id) => translations.has(id)).length;
  // Exact matches standing between the same neighbours as when their translation was written (the `tolk:` record).
  const inContext = new Set(items.flatMap(({ item, target }) => [...contextExactIds(item.article.segments, target.existing?.provenance?.segments, (id) => translations.get(id))]));
  stats.tmContext += [...inContext].filter((id) => fresh.has(id)).length;
  // What an earlier chunk sent and did not get back is not sent again.
  const missing = [...fresh].filter((id) => !translations.has(id)).map((id) => [id, needed.get(id)!.source] as [string, string]);
  // Fuzzy matches only inform the estimate of a dry run: in a real run each query would search the memory this
  // run keeps growing (150k queries over 150k units for 5,000 new articles), and translators see them in XLIFF notes.
  for (const [, source] of options.dryRun ? missing : []) {
    const best = await store.fuzzy(source, { sourceLanguage: project.config.sourceLanguage, targetLanguage: language, limit: 1, threshold: options.fuzzyThreshold });
    if (best.length) stats.tmFuzzy++;
  }

  const failed = (id: string, reason: string) => {
    stats.failed++;
    summary.failed.push({ language, segment: id, source: needed.get(id)!.source, reason });
  };
  // Glossary: names (and, for engines without glossary support, terms) travel as placeholders.
  const terms = options.glossary ? matchers(options.glossary.glossary) : undefined;
  const sourceTerms = terms?.(project.config.sourceLanguage);
  const targetTerms = terms?.(language);
  const prepared = new Map<string, Protected>();
  const prepare = (id: string, source: string): Protected => {
    let p = prepared.get(id);
    if (!p) {
      p =
        sourceTerms && options.glossary?.protect !== false
          ? protectTerms(source, sourceTerms, language, { terms: engine.glossary !== 'hints' })
          : { tagged: source, fills: new Map() };
      prepared.set(id, p);
    }
    return p;
  };
  const violationsOf = (id: string, target: string): Violation[] =>
    sourceTerms && targetTerms ? checkTranslation(needed.get(id)!.source, target, sourceTerms, targetTerms) : [];

  const storeTranslations = async (pairs: Array<[string, string]>) => {
    if (pairs.length === 0) return;
    await store.write(
      pairs.map(([id, target]) => ({
        segmentId: id,
        sourceLanguage: project.config.sourceLanguage,
        targetLanguage: language,
        source: needed.get(id)!.source,
        target,
        origin: `engine:${engine.name}`,
        status: 'machine' as const,
        article: needed.get(id)!.article,
        violations: [...violationsOf(id, target).map(storedViolation), ...qaStored(options, needed.get(id)!.source, target, language, id)],
      })),
    );
    for (const [id, target] of pairs) {
      translations.set(id, target);
      statuses.set(id, 'machine');
    }
  };
  stats.engineSegments += missing.length;
  stats.engineCharacters += missing.reduce((n, [, s]) => n + s.length, 0);
  if (options.dryRun) {
    stats.engineRequests += [...batches(missing, engine.limits, engine.readsContext ? (id) => needed.get(id)!.article : undefined)].length;
    return async () => {};
  }
  /** Every translation about to be used, whatever its origin, is checked against the glossary. */
  const enforceGlossary = () => {
    if (!sourceTerms) return;
    for (const [id, target] of translations) {
      if (!fresh.has(id)) continue; // checked in the chunk that first had it
      const violations = violationsOf(id, target);
      if (violations.length === 0) continue;
      const status = statuses.get(id) ?? 'machine';
      stats.glossaryViolations += violations.length;
      for (const v of violations) summary.violations.push({ ...v, language, segment: id, source: needed.get(id)!.source, status });
      if (options.glossary?.enforcement === 'error' && status === 'machine') {
        translations.delete(id);
        run.blocked.add(id);
        failed(id, `glossary: ${violations.map((v) => `${v.rule} ${v.term} → ${v.expected}`).join('; ')}`);
      }
    }
  };
  /** Every translation about to be used, whatever its origin, goes through the QA rules; like the glossary's, its errors can keep a machine translation out. */
  const enforceQa = () => {
    if (!options.qa) return;
    for (const [id, target] of translations) {
      if (!fresh.has(id)) continue; // checked in the chunk that first had it
      const source = needed.get(id)!.source;
      const pair = { source: project.config.sourceLanguage, target: language };
      const findings = chunk.qaCache ? chunk.qaCache.check(source, target, pair, id) : checkQa(source, target, pair, options.qa, id);
      if (findings.length === 0) continue;
      const status = statuses.get(id) ?? 'machine';
      stats.qaFindings += findings.length;
      for (const f of findings) summary.qa.push({ ...f, language, segment: id, source, target, status });
      const errors = findings.filter((f) => f.severity === 'error');
      if (options.qa.enforcement === 'error' && status === 'machine' && errors.length) {
        translations.delete(id);
        run.blocked.add(id);
        failed(id, `qa: ${errors.map((f) => `${f.rule}: ${f.message}`).join('; ')}`);
      }
    }
  };
  // The chunk before's partial batch goes first; this chunk's own partial batch waits for the next chunk.
  for (const c of carried?.segments ?? []) {
    if (!needed.has(c.id)) needed.set(c.id, { source: c.source, article: c.article });
    fresh.add(c.id); // checked against the glossary here, where its translation arrives
  }
  let send: Array<[string, string]> = [...(carried?.segments.map((c) => [c.id, c.source] as [string, string]) ?? []), ...missing];
  let handed: Carry | undefined;
  const requests = [...batches(send, engine.limits)];
  const tail = requests.at(-1);
  const carriedIds = new Set(carried?.segments.map((c) => c.id));
  if (!last && !engine.readsContext && tail && tail.length < engine.limits.maxSegments && tail.every(([id]) => !carriedIds.has(id))) {
    let resolve!: () => void;
    const done = new Promise<void>((r) => (resolve = r));
    handed = { segments: tail.map(([id, source]) => ({ id, source, article: needed.get(id)!.article })), done, resolve };
    run.carry = handed;
    send = requests.slice(0, -1).flat();
  }
  let done = 0;
  options.onProgress?.({ language, done: run.sent, total: run.sent + send.length });
  const engineOptions = options.engineOptions?.(engine.name);
  const answers = runEnginePhase(
    {
      engine,
      ...(engineOptions ? { engineOptions } : {}),
      sourceLanguage: project.config.sourceLanguage,
      targetLanguage: language,
      segments: send,
      protect: prepare,
      hints: (sources) =>
        sourceTerms && engine.glossary === 'hints' && options.glossary?.protect !== false ? glossaryHints(sources, sourceTerms, language) : undefined,
      // Engines that read context get one article per batch, with its title, neighbours and the style guide.
      ...(engine.readsContext ? contextHooks(items.map(({ item }) => item), (id) => needed.get(id)?.article, styleGuideFor(project.config.styleGuide, language)) : {}),
    },
    options.queue,
    { logger, ...(signal ? { signal } : {}) },
  );
  for await (const answer of answers) {
    await storeTranslations(answer.translations);
    for (const { id, reason } of answer.failed) failed(id, reason);
    for (const [id, words] of answer.unknownWords) stats.unknownWords[id] = words;
    stats.engineRequests += answer.requests;
    done += answer.settled;
    options.onProgress?.({ language, done: run.sent + done, total: run.sent + send.length });
  }
  run.sent += send.length;
  enforceGlossary();
  enforceQa();

  return async () => {
    await handed?.done;
    // Segments the chunk before was still translating when this one looked them up are in the memory by now.
    const late = [...needed.keys()].filter((id) => !translations.has(id) && !run.blocked.has(id));
    if (late.length) for (const [id, entry] of await store.lookup(late, language)) translations.set(id, entry.target);
    await writeChunk(chunk, items, translations);
  };
}

/** Reassembles and writes one chunk's articles of one language. */
async function writeChunk(chunk: Chunk, items: ReadonlyArray<{ item: ArticleWork; target: TargetWork }>, translations: Map<string, string>): Promise<void> {
  const { options, run, summary, logger, written } = chunk;
  const { project } = options;
  const { language, stats } = run;
  // Reassembly is CPU work and each atomic write waits on fsync: let up to 16 writes overlap the next reassemblies.
  const writes = new PQueue({ concurrency: 16 });
  const pending: Array<Promise<void>> = [];
  for (const { item, target } of items) {
    // Built texts wait for their writes: never more than a few dozen held at once.
    if (writes.size + writes.pending >= 32) await writes.onSizeLessThan(16);
    const text = localize(options, item, target, translations, summary, written);
    if (text === undefined) continue;
    pending.push(
      writes.add(async () => {
        await writeFileAtomic(target.file, text);
        written?.record(target.file, text);
        const display = displayPath(project, target.file);
        summary.written.push(display);
        stats.written++;
        logger.info(`${language}: ${display}`);
      }),
    );
  }
  await Promise.all(pending);
}

/** The localized article's text with its record, or undefined when the file on disk must be left alone. */
function localize(
  options: TranslateOptions,
  item: ArticleWork,
  target: TargetWork,
  translations: Map<string, string>,
  summary: TranslateSummary,
  written?: WrittenFiles,
): string | undefined {
  const { project } = options;
  if (target.existing && !target.existing.provenance && !options.force) {
    summary.diagnostics.push({
      severity: 'warning',
      rule: 'article-not-ours',
      message: 'exists but was not written by tolk; left as it is (use --force to replace it)',
      file: displayPath(project, target.file),
      language: target.language,
    });
    return undefined;
  }
  const lookup = (id: string) => translations.get(id);
  // An identical rebuild of what passed the structure check before is not parsed again.
  const verifier = written?.verifier(target.file);
  const result = reassemble(item.article, { lookup, ...(verifier ? { verified: verifier.check } : {}) });
  // Without findings the text checked is the text returned, and it passed.
  if (result.diagnostics.length === 0) verifier?.record();
  summary.diagnostics.push(...result.diagnostics.map((d) => ({ ...d, language: target.language })));
  const segments = recordSegments(item.article.segments, result.translatedSegments, lookup);
  return localizedArticle(result.text, target.language, {
    source: `${project.config.sourceLanguage}/${item.path}`,
    sourceHash: item.hash,
    complete: completeness(segments),
    translated: new Date().toISOString().slice(0, 10),
    segments,
  });
}
