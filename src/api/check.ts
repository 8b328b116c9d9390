import { glossaryProvider, runCheck, type CheckOptions, type CheckResult } from '../check/index.js';
import type { Project } from '../config/index.js';
import { exportArticles, type ExportOptions, type ExportResult } from '../publish/index.js';

/** The CI gate: UI strings, localized articles and the glossary of every target language (`tolk check`). */
export function check(project: Project, options: Omit<CheckOptions, 'project'> = {}): Promise<CheckResult> {
  return runCheck({ project, providers: [glossaryProvider], ...options });
}

/** The publisher's step: articles that pass the completeness gate as Markdown, HTML and JSON under `out` (`tolk export`). */
export function exportSite(project: Project, options: Omit<ExportOptions, 'project'>): Promise<ExportResult> {
  return exportArticles({ project, ...options });
}
