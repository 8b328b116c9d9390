import type { Diagnostic } from '../../core/diagnostic.js';
import type { CheckResult } from '../run-check.js';
import { plural } from './plural.js';

/**
 * `--format github`: GitHub Actions workflow commands, one annotation per
 * finding (`::error file=…,line=…,title=…::message`), then a summary line.
 */
export function formatGithub(result: CheckResult): string {
  const lines = result.findings.map(githubAnnotation);
  const complete = Object.entries(result.languages).map(([l, r]) => `${l} ${r.complete}%`);
  const counts = `${plural(result.errors, 'error')}, ${plural(result.warnings, 'warning')}`;
  lines.push(`tolk check: ${counts}${complete.length ? ` (complete: ${complete.join(', ')})` : ''}`);
  return `${lines.join('\n')}\n`;
}

/** One workflow command; also used to annotate an error that stops the check (invalid JSON). */
export function githubAnnotation(d: Pick<Diagnostic, 'severity' | 'rule' | 'message' | 'file' | 'line' | 'column' | 'language'>): string {
  const properties = [
    d.file ? `file=${escapeProperty(d.file)}` : '',
    d.line ? `line=${d.line}` : '',
    d.line && d.column ? `col=${d.column}` : '',
    `title=${escapeProperty(d.language ? `${d.rule} (${d.language})` : d.rule)}`,
  ].filter(Boolean);
  return `::${d.severity} ${properties.join(',')}::${escapeData(d.message)}`;
}


// The escapes @actions/core applies: a raw newline would end the command, `,` and `:` would end a property.
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
