import type { Project } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { InputError } from '../core/errors.js';
import { displayPath } from '../project/index.js';
import { checkResource } from './check-resource.js';
import { expectedKeys } from './expected-keys.js';
import { identicalAllowed } from './identical.js';
import { listNamespaces, localeFile } from './locale-files.js';
import { readResource, type Resource } from './resource.js';

/** One language's string findings and completeness. */
export interface StringsReport {
  findings: Diagnostic[];
  /** Required keys present with a non-empty value, over all namespaces. */
  done: number;
  total: number;
  /** Namespace files checked (display paths), present or not. */
  files: string[];
}

/**
 * Checks every target language's namespace files against the source
 * language's. Only the languages asked for are read, so a broken file of
 * another language cannot stop a `--lang` run.
 */
export async function checkStrings(project: Project, languages: readonly string[]): Promise<Map<string, StringsReport>> {
  const { config } = project;
  const configured = config.strings.namespaces;
  const namespaces = configured ?? (await listNamespaces(project, config.sourceLanguage));
  const sources: Resource[] = [];
  for (const namespace of namespaces) {
    const file = localeFile(project, config.sourceLanguage, namespace);
    const resource = await readResource(file, { language: config.sourceLanguage, namespace, file: displayPath(project, file) }, config.limits);
    if (!resource) throw new InputError(`source strings not found (namespace "${namespace}" is listed in strings.namespaces)`, { file: displayPath(project, file) });
    sources.push(resource);
  }
  const allowed = identicalAllowed(config.strings.identicalAllowed);

  const reports = await Promise.all(
    languages.map(async (language): Promise<[string, StringsReport]> => {
      const report: StringsReport = { findings: [], done: 0, total: 0, files: [] };
      for (const source of sources) {
        const path = localeFile(project, language, source.namespace);
        const file = displayPath(project, path);
        report.files.push(file);
        const target = await readResource(path, { language, namespace: source.namespace, file }, config.limits);
        if (!target) {
          const total = expectedKeys(source.strings.keys(), language).required.length;
          report.total += total;
          report.findings.push({
            severity: 'error',
            rule: 'missing',
            message: `namespace file missing: ${total} string${total === 1 ? '' : 's'} of ${source.file} untranslated`,
            file,
            language,
            namespace: source.namespace,
          });
          continue;
        }
        const result = checkResource(source, target, { identicalAllowed: allowed });
        report.findings.push(...result.findings);
        report.done += result.done;
        report.total += result.total;
      }
      // A namespace the source does not have is dead weight at best; only looked for when namespaces are not listed.
      if (!configured && sources.length > 0) {
        const known = new Set(namespaces);
        for (const namespace of await listNamespaces(project, language)) {
          if (known.has(namespace)) continue;
          const file = displayPath(project, localeFile(project, language, namespace));
          report.files.push(file);
          report.findings.push({ severity: 'warning', rule: 'extra', message: `namespace "${namespace}" is not in the source`, file, language, namespace });
        }
      }
      return [language, report];
    }),
  );
  return new Map(reports);
}
