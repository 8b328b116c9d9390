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
  expected?: string;
  actual?: string;
  /** Extra fields a stage wants to carry (segment id, namespace, key...). */
  [extra: string]: unknown;
}

/** `file:line:col: message [rule]`, like every unified tool prints. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}: ` : '';
  return `${where}${d.severity}: ${d.message} [${d.rule}]`;
}
