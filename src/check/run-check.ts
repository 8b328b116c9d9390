import type { Project } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { UsageError } from '../core/errors.js';
import { parseLanguageList } from '../core/language-tag.js';
import { checkStringsInWorker } from '../strings/index.js';
import { checkArticles } from './article-findings.js';
import { completePercent } from './completeness.js';
import type { FindingProvider } from './provider.js';

export interface CheckOptions {
  project: Project;
  /** Only these target languages (a tag, a comma-separated list or an array); findings and the verdict cover them alone. @default config targetLanguages */
  lang?: string | readonly string[];
  /** Warnings fail the check too. @default false */
  strict?: boolean;
  /** More findings to add (the glossary's): see `FindingProvider`. @default [] */
  providers?: readonly FindingProvider[];
  signal?: AbortSignal;
}

export interface LanguageReport {
  /** 0–100 over strings and articles together (see `completePercent`). */
  complete: number;
  strings: { done: number; total: number };
  articles: { done: number; total: number };
  errors: number;
  warnings: number;
  /** Every file checked for this language, present or not: JUnit makes one test case of each. */
  files: string[];
}

export interface CheckResult {
  /** Sorted by language (config order), file, line, key. */
  findings: Diagnostic[];
  /** Per target language in scope, in config order. */
  languages: Record<string, LanguageReport>;
  errors: number;
  warnings: number;
  strict: boolean;
  /** 1 when there are errors (or, with `strict`, warnings); 0 otherwise. */
  exitCode: 0 | 1;
}

/**
 * The CI gate: string and article findings for the target languages, plus
 * whatever the providers add. Reads only; throws ConfigError or InputError
 * (exit 2) when a file it needs cannot be read as what it claims to be.
 */
export async function runCheck(options: CheckOptions): Promise<CheckResult> {
  const { project } = options;
  const languages = scope(project, options.lang);
  const [strings, articles, ...provided] = await Promise.all([
    checkStringsInWorker(project, languages),
    // Articles are checked in the languages they are published in; strings in every target language.
    checkArticles(project, languages.filter((l) => project.config.articleLanguages.includes(l))),
    ...(options.providers ?? []).map((provider) =>
      provider({ project, languages, ...(options.signal ? { signal: options.signal } : {}) }),
    ),
  ]);
  const inScope = new Set(languages);
  const findings: Diagnostic[] = [];
  const languageReports: Record<string, LanguageReport> = {};
  for (const language of languages) {
    const s = strings.get(language)!;
    const a = articles.get(language) ?? { findings: [], done: 0, total: 0, files: [] };
    findings.push(...s.findings, ...a.findings);
    languageReports[language] = {
      complete: completePercent([s, a]),
      strings: { done: s.done, total: s.total },
      articles: { done: a.done, total: a.total },
      errors: 0,
      warnings: 0,
      files: [...s.files, ...a.files],
    };
  }
  for (const list of provided) findings.push(...list.filter((f) => f.language === undefined || inScope.has(f.language)));

  const order = new Map(languages.map((l, i) => [l, i]));
  findings.sort(
    (a, b) =>
      (order.get(a.language ?? '') ?? languages.length) - (order.get(b.language ?? '') ?? languages.length) ||
      compare(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compare(a.key as string | undefined, b.key as string | undefined) ||
      compare(a.rule, b.rule),
  );
  let errors = 0;
  for (const f of findings) {
    const report = f.language === undefined ? undefined : languageReports[f.language];
    if (f.severity === 'error') errors++;
    if (report) report[f.severity === 'error' ? 'errors' : 'warnings']++;
  }
  const warnings = findings.length - errors;
  const strict = Boolean(options.strict);
  return { findings, languages: languageReports, errors, warnings, strict, exitCode: errors > 0 || (strict && warnings > 0) ? 1 : 0 };
}

/** The target languages a run covers; `--lang` must name target languages. */
function scope(project: Project, lang: CheckOptions['lang']): string[] {
  const targets = project.config.targetLanguages;
  if (lang === undefined) return [...targets];
  const asked = typeof lang === 'string' ? parseLanguageList(lang, '--lang') : [...lang];
  if (asked.length === 0) throw new UsageError('--lang names no language');
  for (const l of asked) {
    if (!targets.includes(l)) throw new UsageError(`--lang ${l} is not a target language (targetLanguages: ${targets.join(', ')})`);
  }
  return targets.filter((t) => asked.includes(t));
}

function compare(a: string | undefined, b: string | undefined): number {
  return a === b ? 0 : a === undefined ? -1 : b === undefined ? 1 : a < b ? -1 : 1;
}
