import PQueue from 'p-queue';
import type { Logger } from '../core/logger.js';
import type { MemoryStore } from '../memory/index.js';
import type { EngineJob, EngineProfile, JobQueue } from '../queue/index.js';
import type { Project } from '../config/index.js';
import { batches } from './batches.js';
import { engineWrites, enforce, type Checks } from './enforce-phase.js';
import { runEnginePhase } from './engine-phase.js';
import { lookupTranslations, type Known } from './memory-phase.js';
import type { ArticleWork, TargetWork } from './plan.js';
import { emptyChunk, type ChunkResult } from './summary.js';
import type { SeenSegments } from './seen-segments.js';
import { writeLocalized } from './write-localized.js';
import { contextExactIds } from '../localized/index.js';
import { articleSubjects } from '../glossary/index.js';
import { contextHooks, styleGuideFor } from './context.js';
import type { WrittenFiles } from './written-files.js';

/** What every chunk of a run shares, read only. */
export interface RunContext {
  project: Project;
  store: MemoryStore;
  queue: JobQueue;
  engineOptions?: (engine: string) => EngineJob['engineOptions'] | undefined;
  fuzzyThreshold: number;
  force?: boolean;
  dryRun?: boolean;
  written?: WrittenFiles;
  logger: Logger;
  signal?: AbortSignal;
  onProgress?: (event: { language: string; done: number; total: number }) => void;
}

/** One language across the chunks of a run: scheduling state only (counters are returned, not kept here). */
export interface LanguageRun {
  language: string;
  engine: EngineProfile;
  checks: Checks;
  /** This language's bit in `seen`. */
  index: number;
  /** Segment ids counted, looked up and (if missing) sent in an earlier chunk: never counted or sent twice (shared by the run's languages). */
  seen: SeenSegments;
  /** Machine translations kept out of articles by enforcement. */
  blocked: Set<string>;
  /** Segments sent to the engine so far, for progress. */
  sent: number;
  /** The previous chunk's last, partly filled batch, sent with this chunk's first so every request is full. */
  carry?: Carry;
  /** Settles once the latest chunk has set `carry` (or decided to hand nothing on). */
  handing?: Promise<void>;
}

/** Segments one chunk hands to the next; its write stage waits until they are back. */
export interface Carry {
  segments: Array<{ id: string; source: string; article: string; subjects: string[] }>;
  done: Promise<void>;
  resolve: () => void;
}

/** A segment a chunk needs: its source, the first article it occurs in and that article's subjects. */
interface Needed {
  source: string;
  article: string;
  subjects: string[];
}

/** One chunk's part for one language up to the engines' answers, and the write stage to run when the chunk before is written. */
export interface ChunkAnswer {
  result: ChunkResult;
  write: () => Promise<ChunkResult>;
}

/**
 * One language's part of a chunk: plan its segments → memory → engine
 * (only what is missing; each answer stored as it arrives) → enforce. The
 * returned write stage reassembles and writes the chunk's articles. The
 * chunk before may still be with the engine: a segment it is translating is
 * not sent again but looked up at the write stage.
 */
export async function translateChunk(run: RunContext, lang: LanguageRun, work: readonly ArticleWork[], last: boolean): Promise<ChunkAnswer> {
  // The chunk before decides what it hands on only after its memory lookup (slow on a networked memory): wait for
  // that decision, or its tail would be handed to nobody and its write would wait for it forever.
  const before = lang.handing;
  let decided!: () => void;
  lang.handing = new Promise<void>((resolve) => (decided = resolve));
  let carried: Carry | undefined;
  try {
    await before;
    carried = lang.carry;
    lang.carry = undefined;
    return await untilWrite(run, lang, work, last, carried, decided);
  } finally {
    decided();
    carried?.resolve(); // sent (or failed) with this chunk, or never: the chunk before writes either way
  }
}

async function untilWrite(
  run: RunContext,
  lang: LanguageRun,
  work: readonly ArticleWork[],
  last: boolean,
  carried: Carry | undefined,
  decided: () => void,
): Promise<ChunkAnswer> {
  const { project, store } = run;
  const { language, engine, checks } = lang;
  const sourceLanguage = project.config.sourceLanguage;
  const result = emptyChunk(language);
  const counts = { segments: 0, unique: 0, tmExact: 0, tmContext: 0, tmFuzzy: 0, engineSegments: 0, engineRequests: 0, engineCharacters: 0 };
  result.counts = counts;
  const items = work.flatMap((item) => item.targets.filter((t) => t.language === language).map((target) => ({ item, target })));

  // Every segment of the chunk once, with the first article it occurs in and that article's subjects (the glossary
  // entries it is translated and checked with); `fresh` ones were not in an earlier chunk.
  const needed = new Map<string, Needed>();
  const fresh = new Set<string>();
  for (const { item } of items) {
    const subjects = articleSubjects(item.article.frontMatter?.data, project.config.glossary.defaultSubject);
    for (const segment of item.article.segments) {
      counts.segments++;
      if (needed.has(segment.id)) continue;
      needed.set(segment.id, { source: segment.source, article: item.display, subjects });
      if (!lang.seen.has(segment.id, lang.index)) fresh.add(segment.id);
    }
  }
  for (const id of fresh) lang.seen.add(id, lang.index);
  counts.unique = fresh.size;

  const translations = await lookupTranslations(store, sourceLanguage, language, new Map([...needed].map(([id, n]) => [id, n.source])));
  for (const id of lang.blocked) translations.delete(id);
  counts.tmExact = [...fresh].filter((id) => translations.has(id)).length;
  // Exact matches standing between the same neighbours as when their translation was written (the `tolk:` record).
  const inContext = new Set(items.flatMap(({ item, target }) => [...contextExactIds(item.article.segments, target.existing?.provenance?.segments, (id) => translations.get(id)?.target)]));
  counts.tmContext = [...inContext].filter((id) => fresh.has(id)).length;
  // What an earlier chunk sent and did not get back is not sent again.
  const missing = [...fresh].filter((id) => !translations.has(id)).map((id) => [id, needed.get(id)!.source] as [string, string]);
  counts.engineSegments = missing.length;
  counts.engineCharacters = missing.reduce((n, [, s]) => n + s.length, 0);
  if (run.dryRun) {
    // Fuzzy matches only inform a dry run's estimate: in a real run each query would search the memory the run keeps growing.
    for (const [, source] of missing) {
      const best = await store.fuzzy(source, { sourceLanguage, targetLanguage: language, limit: 1, threshold: run.fuzzyThreshold });
      if (best.length) counts.tmFuzzy++;
    }
    counts.engineRequests = [...batches(missing, engine.limits, engine.readsContext ? (id) => needed.get(id)!.article : undefined)].length;
    return { result, write: async () => emptyChunk(language) };
  }

  // The chunk before's partial batch goes first; this chunk's own partial batch waits for the next chunk.
  for (const c of carried?.segments ?? []) {
    if (!needed.has(c.id)) needed.set(c.id, { source: c.source, article: c.article, subjects: c.subjects });
    fresh.add(c.id); // checked here, where its translation arrives
  }
  let send: Array<[string, string]> = [...(carried?.segments.map((c) => [c.id, c.source] as [string, string]) ?? []), ...missing];
  const handed = handOn(lang, send, needed, carried, last);
  decided();
  if (handed) send = send.slice(0, send.length - handed.segments.length);

  await sendMissing(run, lang, send, needed, translations, result, items);

  const checked = enforce(checks, new Map([...translations].filter(([id]) => fresh.has(id))), new Map([...needed].map(([id, n]) => [id, n.source])), (id) => needed.get(id)?.subjects);
  result.violations = checked.violations;
  result.qa = checked.qa;
  for (const { id, reason } of checked.blocked) {
    translations.delete(id);
    lang.blocked.add(id);
    result.failed.push({ language, segment: id, source: needed.get(id)!.source, reason });
  }

  return {
    result,
    write: async () => {
      await handed?.done;
      // Segments the chunk before was still translating when this one looked them up are in the memory by now.
      const late = [...needed.keys()].filter((id) => !translations.has(id) && !lang.blocked.has(id));
      if (late.length) for (const [id, entry] of await store.lookup(late, language)) translations.set(id, { target: entry.target, status: entry.status, origin: entry.origin });
      return writeChunk(run, language, items, translations);
    },
  };
}

/** This chunk's last batch, when partly filled and not the run's last, waits for the next chunk's first. */
function handOn(lang: LanguageRun, send: Array<[string, string]>, needed: Map<string, Needed>, carried: Carry | undefined, last: boolean): Carry | undefined {
  const tail = [...batches(send, lang.engine.limits)].at(-1);
  const carriedIds = new Set(carried?.segments.map((c) => c.id));
  // Engines that read context get whole articles per batch: nothing is handed on.
  if (last || lang.engine.readsContext || !tail || tail.length >= lang.engine.limits.maxSegments || tail.some(([id]) => carriedIds.has(id))) return undefined;
  let resolve!: () => void;
  const done = new Promise<void>((r) => (resolve = r));
  lang.carry = { segments: tail.map(([id, source]) => ({ id, source, article: needed.get(id)!.article, subjects: needed.get(id)!.subjects })), done, resolve };
  return lang.carry;
}

/** The engine phase for one chunk: every answer stored in the memory as it arrives, then used. */
async function sendMissing(
  run: RunContext,
  lang: LanguageRun,
  send: Array<[string, string]>,
  needed: Map<string, Needed>,
  translations: Map<string, Known>,
  result: ChunkResult,
  items: ReadonlyArray<{ item: ArticleWork }>,
): Promise<void> {
  const { language, engine, checks } = lang;
  const counts = result.counts as Required<ChunkResult['counts']>;
  const progress = (done: number) => run.onProgress?.({ language, done: lang.sent + done, total: lang.sent + send.length });
  let done = 0;
  progress(0);
  const protect = checks.glossary ? (id: string, source: string) => checks.glossary!.protect(source, needed.get(id)?.subjects) : undefined;
  const engineOptions = run.engineOptions?.(engine.name);
  const answers = runEnginePhase(
    {
      engine,
      ...(engineOptions ? { engineOptions } : {}),
      sourceLanguage: checks.sourceLanguage,
      targetLanguage: language,
      segments: send,
      ...(protect ? { protect } : {}),
      ...(checks.glossary ? { hints: (batch: Array<[string, string]>) => checks.glossary!.hints(batch.map(([id, source]) => ({ source, subjects: needed.get(id)?.subjects }))) } : {}),
      // Engines that read context get one article per batch, with its title, neighbours and the style guide.
      ...(engine.readsContext ? contextHooks(items.map(({ item }) => item), (id) => needed.get(id)?.article, styleGuideFor(run.project.config.styleGuide, language)) : {}),
      article: (id) => needed.get(id)?.article,
      subjects: (id) => needed.get(id)?.subjects,
      ...(checks.fingerprint ? { checks: checks.fingerprint } : {}),
    },
    run.queue,
    { logger: run.logger, ...(run.signal ? { signal: run.signal } : {}) },
  );
  for await (const answer of answers) {
    // A worker that checks as this run does stored them already (findings included): not written twice.
    if (answer.translations.length && !answer.stored) await run.store.write(engineWrites(checks, engine.name, answer.translations, (id) => needed.get(id)!));
    for (const [id, target] of answer.translations) translations.set(id, { target, status: 'machine', origin: `engine:${engine.name}` });
    for (const { id, reason } of answer.failed) result.failed.push({ language, segment: id, source: needed.get(id)!.source, reason });
    result.unknownWords.push(...answer.unknownWords);
    counts.engineRequests += answer.requests;
    done += answer.settled;
    progress(done);
  }
  lang.sent += send.length;
}

/** Reassembles and writes one chunk's articles of one language. */
async function writeChunk(run: RunContext, language: string, items: ReadonlyArray<{ item: ArticleWork; target: TargetWork }>, translations: Map<string, Known>): Promise<ChunkResult> {
  const result = emptyChunk(language);
  const lookup = (id: string) => translations.get(id)?.target;
  // Reassembly is CPU work and each atomic write waits on fsync: let up to 16 writes overlap the next reassemblies.
  const writes = new PQueue({ concurrency: 16 });
  const pending: Array<Promise<void>> = [];
  for (const { item, target } of items) {
    if (writes.size + writes.pending >= 32) await writes.onSizeLessThan(16);
    pending.push(
      writes.add(async () => {
        const done = await writeLocalized({
          project: run.project,
          item,
          target,
          lookup,
          ...(run.force ? { force: true } : {}),
          forceHint: 'use --force to replace it',
          ...(run.written ? { written: run.written } : {}),
        });
        result.diagnostics.push(...done.diagnostics);
        if (done.outcome !== 'written') return;
        result.written.push(done.file);
        run.logger.info(`${language}: ${done.file}`);
      }),
    );
  }
  await Promise.all(pending);
  return result;
}
