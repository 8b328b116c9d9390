/** Check stage: the CI gate over strings, articles and whatever providers add (the glossary's). */
export { runCheck, type CheckOptions, type CheckResult, type LanguageReport } from './run-check.js';
export type { CheckContext, FindingProvider } from './provider.js';
export type { ArticlesReport } from './article-findings.js';
export { CHECK_FORMATS, formatters, formatJunit, githubAnnotation, type CheckFormat } from './format/index.js';
// The finding providers `tolk check` runs after its own passes; `tolk qa` and `tolk glossary check` run them alone.
export { glossaryFindings, glossaryProvider, type GlossaryCheckOptions } from './glossary-findings.js';
export { qaArticleFindings, qaProvider } from './qa-findings.js';
export { qaFileFindings, type QaFilesOptions, type QaFilesResult } from './qa-files.js';
