import type { Project } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { checkQa, storedFinding } from '../qa/index.js';

/**
 * QA over a translation a person hands in (XLIFF unit, hand edit): the
 * findings where it came from, and their stored form for the memory, beside
 * the glossary's violations. A person's translation is reported, never refused.
 */
export function qaForTranslation(
  project: Project,
  source: string,
  target: string,
  where: { file: string; line?: number; language: string; segment: string },
): { findings: Diagnostic[]; stored: string[] } {
  const found = checkQa(source, target, { source: project.config.sourceLanguage, target: where.language }, project.config.qa, where.segment);
  return {
    findings: found.map((f) => ({ ...f, file: where.file, ...(where.line ? { line: where.line } : {}), language: where.language, segment: where.segment })),
    stored: found.map(storedFinding),
  };
}
