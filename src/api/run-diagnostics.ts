import type { Diagnostic } from '../core/diagnostic.js';
import type { ImportReport } from '../exchange/index.js';
import { violationDiagnostic } from '../glossary/index.js';
import type { FailedSegment, StringsSummary, TranslateSummary } from '../pipeline/index.js';

/**
 * A run's summary as the one report shape (core/diagnostic.ts), for text and
 * `--json` output alike. The summaries keep their own lists (`failed`,
 * `violations`, `qa`, `skippedReasons`) for callers that read them; these
 * functions only restate them, so nothing is counted twice.
 */

/** A segment the run could not translate (engine error, or a machine translation kept out by glossary or QA enforcement). */
export function failedDiagnostic(f: FailedSegment): Diagnostic {
  return { severity: 'error', rule: 'translate-failed', message: f.reason, language: f.language, segment: f.segment, source: f.source };
}

/** Everything `tolk translate` found: the pipeline's own diagnostics, then glossary violations, QA findings and failed segments. */
export function translateDiagnostics(summary: TranslateSummary, glossary: { enforcement: 'warning' | 'error' }): Diagnostic[] {
  return [
    ...summary.diagnostics,
    ...summary.violations.map(({ language, segment, status, ...v }) => ({ ...violationDiagnostic(v, glossary.enforcement, { language, segment }), status })),
    ...summary.qa.map(({ source: _source, target: _target, ...finding }) => finding),
    ...summary.failed.map(failedDiagnostic),
  ];
}

/** What `tolk translate --strings` could not fill. */
export function stringsDiagnostics(summary: StringsSummary): Diagnostic[] {
  return summary.failed.map(failedDiagnostic);
}

/**
 * What `tolk tm import` left out: file problems at their `<tu>`'s line
 * (`tmx-reject`), units the memory's status rules refused by segment
 * (`tm-refused`). Warnings: the import itself succeeded.
 */
export function tmxImportDiagnostics(report: ImportReport): Diagnostic[] {
  return report.rejects.map((r) => ({
    severity: 'warning',
    rule: r.line ? 'tmx-reject' : 'tm-refused',
    // A refusal has no line (the memory decided, not the file): the segment id says which unit, as `sync import` does.
    message: `${r.segment && !r.line ? `segment ${r.segment.slice(0, 12)}…: ` : ''}not imported: ${r.reason}${r.count > 1 ? ` (${r.count} variants)` : ''}`,
    file: report.file,
    ...(r.line ? { line: r.line } : {}),
    ...(r.language ? { language: r.language } : {}),
    ...(r.segment ? { segment: r.segment } : {}),
  }));
}
