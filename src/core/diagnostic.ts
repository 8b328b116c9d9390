/**
 * One diagnostic shape for everything tolk reports (check findings, glossary
 * violations, rejected imports), modelled on vfile-message so that text, JSON,
 * JUnit and GitHub outputs all serialize the same fields.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  /** Stable rule id, e.g. `missing`, `tag-damage`, `glossary-forbidden`. */
  rule: string;
  /** Human sentence saying what is wrong. */
  message: string;
  file?: string;
  line?: number;
  column?: number;
  language?: string;
  /** Segment id (`tagged/segment-id.ts`), where the finding is about one segment. */
  segment?: string;
  expected?: string;
  actual?: string;
  /** Extra fields a stage wants to carry (segment id, namespace, key...). */
  [extra: string]: unknown;
}

/**
 * `file:line:col: severity: message [rule]`, like every unified tool prints.
 * A finding on a segment rather than a file (a failed engine answer, a memory
 * match) is placed by language and segment id instead: `af 0123456789ab: …`.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file
    ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}: `
    : typeof d.segment === 'string'
      ? `${d.language ? `${d.language} ` : ''}${d.segment.slice(0, 12)}: `
      : '';
  return `${where}${d.severity}: ${d.message} [${d.rule}]`;
}
