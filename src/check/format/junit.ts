import { formatDiagnostic, type Diagnostic } from '../../core/diagnostic.js';
import type { CheckResult } from '../run-check.js';
import { plural } from './plural.js';

/**
 * `--format junit`: one test suite per language and one test case per file
 * checked for it (namespace files and localized articles, present or not).
 * A case fails on errors, and on warnings under `--strict`; its findings are
 * the failure's text. Findings without a language or file get a case of
 * their own, so nothing reported is lost.
 */
export function formatJunit(result: CheckResult): string {
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  const byLanguage = new Map<string, Diagnostic[]>();
  for (const f of result.findings) push(byLanguage, f.language ?? '', f);
  const languages: Array<[string, string[]]> = Object.entries(result.languages).map(([l, r]) => [l, r.files]);
  if (byLanguage.has('')) languages.push(['', []]);
  for (const [language, files] of languages) {
    const findings = byLanguage.get(language) ?? [];
    const byFile = new Map<string, Diagnostic[]>(files.map((file) => [file, []]));
    for (const f of findings) push(byFile, f.file ?? '', f);
    const cases: string[] = [];
    let suiteFailures = 0;
    for (const [file, list] of byFile) {
      const failing = list.filter((f) => f.severity === 'error' || result.strict);
      const name = file || '(no file)';
      const classname = `tolk.check.${language || 'all'}`;
      let body = '';
      if (failing.length) {
        suiteFailures++;
        const errors = list.filter((f) => f.severity === 'error').length;
        const warnings = list.length - errors;
        const summary = [errors ? plural(errors, 'error') : '', warnings ? plural(warnings, 'warning') : ''].filter(Boolean).join(', ');
        body = `\n      <failure message="${attribute(summary)}" type="tolk-check">${text(list.map(formatDiagnostic).join('\n'))}</failure>\n    `;
      } else if (list.length) {
        body = `\n      <system-out>${text(list.map(formatDiagnostic).join('\n'))}</system-out>\n    `;
      }
      const open = `    <testcase classname="${attribute(classname)}" name="${attribute(name)}"`;
      cases.push(body ? `${open}>${body}</testcase>` : `${open}/>`);
    }
    tests += byFile.size;
    failures += suiteFailures;
    const complete = language ? ` complete="${result.languages[language]!.complete}"` : '';
    suites.push(
      `  <testsuite name="${attribute(language || 'all languages')}" tests="${byFile.size}" failures="${suiteFailures}" errors="0"${complete}>\n${cases.join('\n')}\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="tolk check" tests="${tests}" failures="${failures}" errors="0">\n${suites.join('\n')}\n</testsuites>\n`;
}


function push<T>(groups: Map<string, T[]>, key: string, item: T): void {
  const list = groups.get(key);
  if (list) list.push(item);
  else groups.set(key, [item]);
}

// Characters XML 1.0 cannot carry at all are dropped; the rest is escaped for text or a double-quoted attribute.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function text(value: string): string {
  return value.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function attribute(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;').replace(/\r/g, '&#13;');
}
