import type { Diagnostic } from '../core/diagnostic.js';
import { violationMessage, violationSeverity, type Violation } from './check-translation.js';

/** Where a violation was found: a language always; file, line and segment id where there is one. */
export interface ViolationPlace {
  language: string;
  file?: string;
  line?: number;
  segment?: string;
}

/**
 * The one report of a glossary violation, wherever it was found (a fresh
 * translation, a localized article on disk, an imported XLIFF unit or hand
 * edit): a missing term is an error only under `enforcement: "error"`.
 */
export function violationDiagnostic(v: Violation, enforcement: 'warning' | 'error', place: ViolationPlace): Diagnostic {
  return {
    severity: violationSeverity(v, enforcement),
    rule: v.rule,
    message: violationMessage(v),
    ...(place.file ? { file: place.file } : {}),
    ...(place.line ? { line: place.line } : {}),
    language: place.language,
    ...(place.segment ? { segment: place.segment } : {}),
    term: v.term,
    expected: v.expected,
    ...(v.found ? { found: v.found } : {}),
  };
}
