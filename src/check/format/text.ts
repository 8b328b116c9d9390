import { formatDiagnostic, type Diagnostic } from '../../core/diagnostic.js';
import type { CheckResult } from '../run-check.js';
import { plural } from './plural.js';

/**
 * For people: findings grouped by language, then file, with counts; each
 * finding printed as `file:line:col: severity: message [rule]` like every
 * other tolk report, so editors and terminals can jump to it.
 */
export function formatText(result: CheckResult): string {
  const lines: string[] = [];
  const byLanguage = groupBy(result.findings, (f) => f.language ?? '');
  for (const [language, report] of Object.entries(result.languages)) {
    const findings = byLanguage.get(language) ?? [];
    lines.push(`${language}: ${report.complete}% complete, ${counts(findings) || 'no findings'}`);
    pushFiles(lines, findings);
  }
  const unassigned = byLanguage.get('') ?? [];
  if (unassigned.length) {
    lines.push(`all languages: ${counts(unassigned)}`);
    pushFiles(lines, unassigned);
  }
  const verdict = result.exitCode === 0 ? 'passed' : result.errors > 0 ? 'failed' : 'failed (--strict: warnings count)';
  lines.push(`${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')} in ${plural(Object.keys(result.languages).length, 'language')}: ${verdict}`);
  return `${lines.join('\n')}\n`;
}

function pushFiles(lines: string[], findings: Diagnostic[]): void {
  for (const [file, list] of groupBy(findings, (f) => f.file ?? '')) {
    lines.push(`  ${file || '(no file)'}: ${counts(list)}`);
    for (const f of list) lines.push(`    ${formatDiagnostic(f)}`);
  }
}

function counts(findings: readonly Diagnostic[]): string {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  return [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');
}


function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
