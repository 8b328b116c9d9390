/** Check stage: the CI gate over strings, articles and whatever providers add (the glossary's). */
export { runCheck, type CheckOptions, type CheckResult, type LanguageReport } from './run-check.js';
export type { CheckContext, FindingProvider } from './provider.js';
export { checkArticles, type ArticlesReport } from './article-findings.js';
export { completePercent } from './completeness.js';
export { CHECK_FORMATS, formatters, formatText, formatJson, formatJunit, formatGithub, githubAnnotation, type CheckFormat } from './format/index.js';
