import type { CheckResult } from '../run-check.js';

/**
 * `--format json`: every finding with the same eight fields (null when a
 * field does not apply), so consumers never probe for keys.
 */
export function formatJson(result: CheckResult): string {
  const findings = result.findings.map((f) => ({
    severity: f.severity,
    rule: f.rule,
    language: f.language ?? null,
    namespace: (f.namespace as string | undefined) ?? null,
    key: (f.key as string | undefined) ?? null,
    file: f.file ?? null,
    line: f.line ?? null,
    message: f.message,
  }));
  const languages = Object.fromEntries(Object.entries(result.languages).map(([language, r]) => [language, { complete: r.complete }]));
  return `${JSON.stringify({ findings, summary: { errors: result.errors, warnings: result.warnings, languages } }, null, 2)}\n`;
}
