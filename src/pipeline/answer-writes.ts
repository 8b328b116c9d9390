import canonicalize from 'canonicalize';
import { sha256 } from '../core/hash.js';
import { restoreTerms } from '../glossary/index.js';
import type { MemoryWrite } from '../memory/index.js';
import type { QaSettings } from '../qa/index.js';
import type { EngineJob, EngineProfile, EngineResult } from '../queue/index.js';
import { engineWrites, type Checks } from './enforce-phase.js';
import { glossaryPhase, type GlossarySettings } from './glossary-phase.js';

/** The checks a run puts every engine answer through, as configured: what a worker needs to store an answer as the run would. */
export interface CheckSettings {
  glossary?: GlossarySettings;
  qa?: QaSettings & { enforcement: 'warning' | 'error' };
}

/**
 * One language's checks for a run (or a worker storing one of its answers):
 * the glossary phase for that language and engine, QA, and the settings'
 * fingerprint, which a job carries so a worker knows it checks the same way.
 */
export function checksFor(settings: CheckSettings, sourceLanguage: string, language: string, engine: EngineProfile): Checks {
  const glossary = glossaryPhase(settings.glossary, sourceLanguage, language, engine);
  return {
    sourceLanguage,
    language,
    ...(glossary ? { glossary, glossaryEnforcement: settings.glossary!.enforcement } : {}),
    ...(settings.qa ? { qa: settings.qa } : {}),
    fingerprint: checksFingerprint(settings),
  };
}

const fingerprints = new WeakMap<CheckSettings, string>();
/** A worker's checks per language pair and engine: glossary matchers are built once, not per job. */
const built = new WeakMap<CheckSettings, Map<string, Checks>>();

function checksOnce(settings: CheckSettings, sourceLanguage: string, language: string, engine: EngineProfile): Checks {
  const byKey = built.get(settings) ?? new Map<string, Checks>();
  built.set(settings, byKey);
  const key = `${sourceLanguage}\n${language}\n${engine.name}\n${engine.glossary ?? ''}`;
  let checks = byKey.get(key);
  if (!checks) byKey.set(key, (checks = checksFor(settings, sourceLanguage, language, engine)));
  return checks;
}

/** sha256 of the settings' canonical JSON (glossary concepts, enforcement, QA rules): equal on two machines that check alike. */
export function checksFingerprint(settings: CheckSettings): string {
  let known = fingerprints.get(settings);
  if (!known) {
    known = sha256(canonicalize({ glossary: settings.glossary ?? null, qa: settings.qa ?? null })!);
    fingerprints.set(settings, known);
  }
  return known;
}

/**
 * What a worker stores for a job's answer before acknowledging it. A job
 * whose producer checks as `settings` do (same fingerprint) is stored exactly
 * as that producer stores it (`engineWrites`: terms restored the same way,
 * glossary and QA findings with each translation), so a producer that died
 * leaves nothing different behind. Otherwise (a UI-strings job, or a worker
 * whose glossary or QA settings differ) the translations are stored with the
 * job's fills put back and no findings; the producer, if alive, writes its own.
 */
export function answerWrites(job: EngineJob, result: EngineResult, engine: EngineProfile, settings?: CheckSettings): MemoryWrite[] {
  const memory = job.memory;
  if (!memory) return [];
  const answered = result.segments.flatMap((segment, i) => (segment.text !== undefined && memory.segments[i] ? [{ id: segment.id, text: segment.text, meta: memory.segments[i]! }] : []));
  if (settings && memory.checks !== undefined && memory.checks === checksFingerprint(settings)) {
    const checks = checksOnce(settings, job.sourceLanguage, job.targetLanguage, engine);
    const pairs = answered.map(({ id, text, meta }): [string, string] => {
      // The producer's own protection of this source: the same fills, and which inflected terms may stay.
      const sent = checks.glossary?.protect(meta.source, meta.subjects);
      return [id, sent ? restoreTerms(text, sent.fills, sent.inflected, sent.lowercaseAfter) : text];
    });
    const byId = new Map(answered.map(({ id, meta }) => [id, { source: meta.source, article: meta.article ?? '', ...(meta.subjects ? { subjects: meta.subjects } : {}) }]));
    return engineWrites(checks, engine.name, pairs, (id) => byId.get(id)!);
  }
  return answered.map(({ id, text, meta }) => ({
    segmentId: id,
    sourceLanguage: job.sourceLanguage,
    targetLanguage: job.targetLanguage,
    source: meta.source,
    target: restoreTerms(text, new Map(meta.fills ?? [])),
    origin: memory.origin,
    status: 'machine' as const,
    ...(meta.article ? { article: meta.article } : {}),
  }));
}
