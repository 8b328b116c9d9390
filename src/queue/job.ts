import canonicalize from 'canonicalize';
import { sha256 } from '../core/hash.js';
import type { EngineContext, EngineLimits } from '../engines/index.js';

/**
 * One engine request as plain data: JSON in, JSON out, so it can wait in a
 * p-queue in this process or in Redis for a worker on another machine.
 * Segments are tagged and already protected (glossary placeholders in);
 * the producer restores what it protected when the result comes back.
 */
export interface EngineJob {
  /** Registry name (`createEngine`), also the queue a job waits in. */
  engine: string;
  /** What a worker needs to build the engine: server URL, model, timeout. Never keys: workers read those from their environment. */
  engineOptions?: { url?: string; model?: string; timeoutMs?: number };
  sourceLanguage: string;
  targetLanguage: string;
  /** Tagged source segments, in order, translated in one request. */
  segments: Array<{ id: string; text: string }>;
  /** Glossary entries for engines that take them (`glossary: 'hints'`). */
  glossary?: Array<{ source: string; target: string }>;
  /** The article around the batch, for engines that can use it. */
  context?: EngineContext;
  /**
   * What a worker on another machine needs to store the answer in the shared
   * memory before it acknowledges the job, so a producer that dies loses
   * nothing already paid for. The in-process queue ignores it (its producer
   * stores). Plain data like the rest; absent: the worker stores nothing.
   */
  memory?: JobMemory;
}

/** How a job's answer is stored, one entry per job segment in the job's order. */
export interface JobMemory {
  /** Memory origin of the translations, `engine:<name>`. */
  origin: string;
  /**
   * Fingerprint of the glossary and QA settings the producer checks answers
   * with: a worker whose own settings have the same one stores each
   * translation with the findings the producer would store. Absent: none.
   */
  checks?: string;
  segments: Array<{
    /** The tagged source as the article has it (no glossary placeholders): the memory's key text. */
    source: string;
    /** Glossary placeholders in the sent text as [tag id, target text] pairs, put back before storing. */
    fills?: Array<[number, string]>;
    /** Article the segment occurs in, recorded with it. */
    article?: string;
    /** That article's subjects: the glossary entries it is protected and checked with ([]: only entries without a subject; absent: every entry). */
    subjects?: string[];
  }>;
}

/** What came back for one segment of a job. */
export interface SegmentResult {
  id: string;
  /** Tagged translation with the tags the source had; absent when `brokenTags` is set. */
  text?: string;
  /** Words the engine marked unknown (Apertium). */
  unknownWords?: string[];
  /** The engine's translation lost, added or misnested tags: what is wrong (the text is not returned). */
  brokenTags?: string;
}

/** The answer to a job, plain data like the job. */
export interface EngineResult {
  /** One per job segment, in the job's order; empty when `failure` is set. */
  segments: SegmentResult[];
  /** Requests made to the engine for this job (retries included). */
  attempts: number;
  /** Why the whole job failed after its retries (the engine refused, a timeout outlasted the retries). */
  failure?: string;
  /**
   * A worker stored these translations in the shared memory exactly as the
   * producer's run would (`JobMemory.checks` matched its own settings): the
   * producer need not write them again. Never set on an answer read back
   * from a job that had finished before this producer asked.
   */
  stored?: boolean;
}

/** The parts of an engine a producer plans with; an `Engine` is one, and a remote queue's producer needs no more. */
export interface EngineProfile {
  readonly name: string;
  readonly limits: EngineLimits;
  readonly glossary?: 'hints';
  readonly readsContext?: boolean;
}

/** RFC 8785 canonical JSON of a job: equal jobs, equal text, whatever the key order. */
export const canonicalJob = (job: EngineJob): string => canonicalize(job)!;

/** A job's identity (sha256 of its canonical JSON): two producers asking for the same batch ask for one job. */
export const jobId = (job: EngineJob): string => sha256(canonicalJob(job));
