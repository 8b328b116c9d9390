import { storedViolation } from '../glossary/index.js';
import type { MemoryWrite, Status } from '../memory/index.js';
import { checkQa, storedFinding, type QaSettings } from '../qa/index.js';
import type { GlossaryPhase } from './glossary-phase.js';
import type { QaCache } from './qa-cache.js';
import type { Known } from './memory-phase.js';
import type { GlossaryFinding, QaRunFinding } from './summary.js';

/** The checks every translation a run uses goes through, whatever its origin. */
export interface Checks {
  sourceLanguage: string;
  language: string;
  glossary?: GlossaryPhase;
  glossaryEnforcement?: 'warning' | 'error';
  qa?: QaSettings & { enforcement: 'warning' | 'error' };
  /** Findings of pairs checked in earlier runs (`.tolk/qa.json`): the same answer as `checkQa`, without reading the text again. */
  qaCache?: QaCache;
  /** The settings' fingerprint (`checksFingerprint`), carried by a job so a worker stores its answer checked the same way. */
  fingerprint?: string;
}

export interface Enforced {
  violations: GlossaryFinding[];
  qa: QaRunFinding[];
  /** Machine translations an `error` enforcement keeps out of the articles, and why. */
  blocked: Array<{ id: string; reason: string }>;
}

/**
 * The enforce phase: glossary and QA checks over the translations about to
 * be used (engine, memory or human). Returns the findings and which machine
 * translations `enforcement: "error"` keeps out; it changes nothing itself.
 * A segment is checked against the glossary entries of its article's
 * subjects (`subjects`; absent: every entry), so no term the subject
 * excludes is demanded.
 */
export function enforce(checks: Checks, translations: ReadonlyMap<string, Known>, sources: ReadonlyMap<string, string>, subjects?: (id: string) => readonly string[] | undefined): Enforced {
  const out: Enforced = { violations: [], qa: [], blocked: [] };
  const { language } = checks;
  for (const [id, { target, status }] of translations) {
    const source = sources.get(id);
    if (source === undefined) continue;
    if (checks.glossary) {
      const violations = checks.glossary.violations(source, target, subjects?.(id));
      for (const v of violations) out.violations.push({ ...v, language, segment: id, source, status });
      if (violations.length && checks.glossaryEnforcement === 'error' && status === 'machine') {
        // Kept out by the glossary: QA has nothing left to judge.
        out.blocked.push({ id, reason: `glossary: ${violations.map((v) => `${v.rule} ${v.term} → ${v.expected}`).join('; ')}` });
        continue;
      }
    }
    if (checks.qa) {
      const pair = { source: checks.sourceLanguage, target: language };
      const findings = checks.qaCache ? checks.qaCache.check(source, target, pair, id) : checkQa(source, target, pair, checks.qa, id);
      for (const f of findings) out.qa.push({ ...f, language, segment: id, source, target, status });
      const errors = findings.filter((f) => f.severity === 'error');
      if (errors.length && checks.qa.enforcement === 'error' && status === 'machine') out.blocked.push({ id, reason: `qa: ${errors.map((f) => `${f.rule}: ${f.message}`).join('; ')}` });
    }
  }
  return out;
}

/** The findings stored with a translation in the memory (as glossary violations and QA findings are shown to translators). */
export function storedChecks(checks: Checks, source: string, target: string, segment?: string, only?: 'qa', subjects?: readonly string[]): string[] {
  const glossary = checks.glossary && only !== 'qa' ? checks.glossary.violations(source, target, subjects).map(storedViolation) : [];
  const qa = checks.qa ? checkQa(source, target, { source: checks.sourceLanguage, target: checks.language }, checks.qa, segment).map(storedFinding) : [];
  return [...glossary, ...qa];
}

/** Memory writes for what an engine returned: machine translations with their findings. */
export function engineWrites(
  checks: Checks,
  engine: string,
  pairs: ReadonlyArray<[string, string]>,
  segment: (id: string) => { source: string; article: string; subjects?: readonly string[] },
): MemoryWrite[] {
  return pairs.map(([id, target]) => {
    const { source, article, subjects } = segment(id);
    return {
      segmentId: id,
      sourceLanguage: checks.sourceLanguage,
      targetLanguage: checks.language,
      source,
      target,
      origin: `engine:${engine}`,
      status: 'machine' as Status,
      article,
      violations: storedChecks(checks, source, target, id, undefined, subjects),
    };
  });
}
