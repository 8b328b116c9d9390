import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { applyEdits, findNodeAtLocation, modify, parse as parseJsonc, parseTree } from 'jsonc-parser';
import { CHECK_FORMATS, githubAnnotation, formatJunit, glossaryFindings, qaArticleFindings, qaFileFindings, type CheckFormat, type CheckResult } from '../../check/index.js';
import { loadProject, validateConfig, type Project } from '../../config/index.js';
import { writeFileAtomic } from '../../core/atomic-write.js';
import { formatDiagnostic, type Diagnostic } from '../../core/diagnostic.js';
import { UsageError } from '../../core/errors.js';
import { loadGlossaries } from '../../glossary/index.js';
import { displayPath, listSourceArticles, localizedPath } from '../../project/index.js';
import { RULE_NAMES } from '../../qa/index.js';
import { printJson, type CommandIO } from '../io.js';
import { languageList } from '../options.js';

export interface QaArgs {
  files?: string[];
  root?: string;
  /** Target languages (comma-separated): the articles' languages, or the files' units to check. */
  to?: string;
  /** text, json, junit or github. @default "text" */
  format?: string;
  json?: boolean;
  /** `<segment>:<rule>` findings to accept into `qa.accept`. */
  accept?: string[];
}

const GLOSSARY_RULES = new Set(['glossary-missing', 'glossary-forbidden', 'dnt-changed']);

/**
 * `tolk qa`: the QA rules (and the glossary's) over the localized articles,
 * or over the units of TMX/XLIFF files before they are imported. Exit 0 no
 * errors, 1 errors, 2 cannot run. `--accept <segment>:<rule>` records an
 * accepted finding in `qa.accept` instead.
 */
export async function runQaCommand(args: QaArgs, io: CommandIO): Promise<number> {
  const format = (args.json ? 'json' : (args.format ?? 'text')) as CheckFormat;
  if (!CHECK_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${CHECK_FORMATS.join(', ')}, got "${args.format}"`);
  const languages = args.to === undefined ? undefined : languageList(args.to, '--to');
  const project = await loadProject({ ...(args.root ? { root: args.root } : {}), cwd: io.cwd });
  if (args.accept?.length) return accept(project, args.accept, io);
  const glossary = project.config.glossaries.length ? await loadGlossaries(project.root, project.config.glossaries) : undefined;

  let findings: Diagnostic[];
  let files: Record<string, string[]>;
  let checked: Record<string, number>;
  if (args.files?.length) {
    const result = await qaFileFindings({
      project,
      files: args.files.map((f) => ({ path: resolve(io.cwd, f), display: f })),
      ...(languages ? { languages } : {}),
      ...(glossary ? { glossary } : {}),
    });
    findings = result.findings;
    checked = result.checked;
    files = Object.fromEntries(Object.keys(checked).map((l) => [l, args.files!]));
  } else {
    const scope = languages ?? project.config.articleLanguages;
    for (const l of scope) if (!project.config.targetLanguages.includes(l)) throw new UsageError(`--to ${l} is not a target language (targetLanguages: ${project.config.targetLanguages.join(', ')})`);
    const [qa, terms] = await Promise.all([
      qaArticleFindings(project, scope),
      glossary ? glossaryFindings({ project, glossary, enforcement: project.config.glossary.enforcement, languages: scope }) : [],
    ]);
    findings = [...qa, ...terms.filter((f) => GLOSSARY_RULES.has(f.rule))];
    files = {};
    const sources = await listSourceArticles(project);
    for (const l of scope) files[l] = sources.map((p) => localizedPath(project, l, p)).filter((f) => existsSync(f)).map((f) => displayPath(project, f));
    checked = Object.fromEntries(Object.entries(files).map(([l, list]) => [l, list.length]));
  }
  findings.sort((a, b) => (a.language ?? '').localeCompare(b.language ?? '') || (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule));
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const exitCode = errors > 0 ? 1 : 0;
  const mode = args.files?.length ? 'units' : 'articles';

  if (format === 'json') {
    printJson(io, {
      findings: findings.map((f) => ({
        severity: f.severity,
        rule: f.rule,
        message: f.message,
        language: f.language ?? null,
        file: f.file ?? null,
        line: f.line ?? null,
        expected: f.expected ?? null,
        actual: f.actual ?? null,
        unit: (f.unit as string | null | undefined) ?? null,
        segment: (f.segment as string | undefined) ?? null,
        source: (f.source as string | undefined) ?? null,
        target: (f.target as string | undefined) ?? null,
      })),
      summary: { errors, warnings, checked: { [mode]: checked } },
    });
  } else if (format === 'github') {
    for (const f of findings) io.stdout(`${githubAnnotation(f)}\n`);
    io.stdout(`tolk qa: ${errors} errors, ${warnings} warnings\n`);
  } else if (format === 'junit') {
    const result: CheckResult = { findings, languages: {}, errors, warnings, strict: false, exitCode };
    for (const [language, list] of Object.entries(files)) {
      const own = findings.filter((f) => f.language === language);
      const e = own.filter((f) => f.severity === 'error').length;
      result.languages[language] = { complete: 100, strings: { done: 0, total: 0 }, articles: { done: list.length, total: list.length }, errors: e, warnings: own.length - e, files: list };
    }
    io.stdout(formatJunit(result).replace(/tolk check/g, 'tolk qa').replace(/tolk\.check\./g, 'tolk.qa.').replace(/ complete="100"/g, ''));
  } else {
    for (const f of findings) io.stdout(`${formatDiagnostic(f)}${f.segment ? ` (segment ${(f.segment as string).slice(0, 12)})` : ''}\n`);
    const counted = Object.entries(checked).map(([l, n]) => `${l} ${n}`).join(', ') || 'nothing';
    io.stdout(`${errors} errors, ${warnings} warnings (${mode} checked: ${counted}): ${exitCode ? 'failed' : 'passed'}\n`);
  }
  return exitCode;
}

/**
 * Adds `<segment>:<rule>` entries to `qa.accept` in tolk.config.json with
 * jsonc-parser's edits, so comments, key order and indentation stay as the
 * user wrote them; the file is validated, then written atomically.
 */
async function accept(project: Project, entries: string[], io: CommandIO): Promise<number> {
  for (const entry of entries) {
    const m = /^([0-9a-f]{8,64}):(.+)$/.exec(entry);
    if (!m) throw new UsageError(`--accept expects <segment id (8+ hex characters)>:<rule>, got "${entry}"`);
    if (!RULE_NAMES.includes(m[2]!)) throw new UsageError(`--accept ${entry}: unknown rule "${m[2]}" (QA rules: ${RULE_NAMES.join(', ')})`);
  }
  let text = await readFile(project.configFile, 'utf8');
  const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
  const formattingOptions = { insertSpaces: !indent.startsWith('\t'), tabSize: indent.startsWith('\t') ? 1 : indent.length, eol: text.includes('\r\n') ? '\r\n' : '\n' };
  const added: string[] = [];
  for (const entry of entries) {
    if (project.config.qa.accept.includes(entry) || added.includes(entry)) continue;
    const root = parseTree(text);
    const last = root?.children?.at(-1);
    if (root?.type === 'object' && last && !findNodeAtLocation(root, ['qa'])) {
      // A new `qa` section goes after the last key, written out here: jsonc-parser's formatter would also
      // re-indent the line it follows (an inline `{ "*": "pseudo" }` would be spread over three lines).
      const at = last.offset + last.length;
      const nl = formattingOptions.eol;
      const section = JSON.stringify({ accept: [entry] }, null, indent).replace(/\n/g, `${nl}${indent}`);
      text = `${text.slice(0, at)},${nl}${indent}"qa": ${section}${text.slice(at)}`;
    } else {
      text = applyEdits(text, modify(text, ['qa', 'accept', -1], entry, { isArrayInsertion: true, formattingOptions }));
    }
    added.push(entry);
  }
  if (added.length) {
    validateConfig(parseJsonc(text), text, project.configFile);
    await writeFileAtomic(project.configFile, text);
  }
  io.stdout(added.length ? `accepted in qa.accept: ${added.join(', ')}\n` : 'already accepted\n');
  return 0;
}
