import type { Project } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { statusRank, type MemoryStore, type MemoryWrite } from '../memory/index.js';
import { rebuildArticles, type ArticleWork } from '../pipeline/index.js';
import { withoutConflicts } from '../localized/index.js';
import { displayPath } from '../project/index.js';
import { GlossaryChecker, subjectsByArticle, type GlossaryContext } from './glossary-findings.js';
import { qaForTranslation } from './qa-findings.js';
import { findAllEdits, type MarkdownEdit } from './markdown-edits.js';
import type { SegmentIndex } from './segment-index.js';
import { stringEdits } from './string-index.js';

export interface StoreEditsResult {
  /** Edits now in the memory as human translations. */
  stored: MarkdownEdit[];
  /** Edits the memory already held (stored by an earlier run whose rebuild did not happen): not reported again. */
  known: MarkdownEdit[];
  /** Edits not stored: refused by the memory's rules, or the same segment edited two ways. */
  refused: Diagnostic[];
  /** Glossary findings on the stored edits. */
  findings: Diagnostic[];
}

/**
 * Stores hand edits as human translations (`translated`, origin `human`).
 * An edit the memory already holds is passed over, so running twice reports
 * nothing new. A segment edited to two different texts (in two articles, or
 * twice in one) is stored neither way; the memory's rules may refuse an
 * edit (a reviewed translation is not replaced by a merely translated one).
 * Either way it is reported, and its article is not rebuilt over it.
 */
export async function storeEdits(
  project: Project,
  store: MemoryStore,
  edits: readonly MarkdownEdit[],
  glossary?: GlossaryContext,
  /** The subjects of an edit's source article (`subjectsByArticle`), for its glossary check. */
  subjectsOf?: (article: string) => readonly string[] | undefined,
): Promise<StoreEditsResult> {
  const result: StoreEditsResult = { stored: [], known: [], refused: [], findings: [] };
  const checker = new GlossaryChecker(project.config.sourceLanguage, glossary);
  const refuse = (edit: MarkdownEdit, rule: string, message: string) => {
    result.refused.push({ severity: 'warning', rule, message, file: edit.file, line: edit.line, language: edit.language, segment: edit.segmentId });
  };
  const { kept, conflicts } = withoutConflicts(edits);
  for (const { diagnostic } of conflicts) result.refused.push(diagnostic);
  const writes: Array<{ edit: MarkdownEdit; write: MemoryWrite }> = [];
  for (const edit of kept) {
    const known = (await store.lookup([edit.segmentId], edit.language)).get(edit.segmentId);
    if (known && known.target === edit.target && statusRank(known.status) >= statusRank('translated')) {
      result.known.push(edit);
      continue;
    }
    const violations = checker.violations(edit.source, edit.target, edit.language, subjectsOf?.(edit.article));
    result.findings.push(...checker.findings(violations, { file: edit.file, line: edit.line, language: edit.language, segment: edit.segmentId }));
    const qa = qaForTranslation(project, edit.source, edit.target, { file: edit.file, line: edit.line, language: edit.language, segment: edit.segmentId });
    result.findings.push(...qa.findings);
    writes.push({
      edit,
      write: {
        segmentId: edit.segmentId,
        sourceLanguage: project.config.sourceLanguage,
        targetLanguage: edit.language,
        source: edit.source,
        target: edit.target,
        origin: 'human',
        status: 'translated',
        article: edit.article,
        violations: [...GlossaryChecker.stored(violations), ...qa.stored],
      },
    });
  }
  const written = await store.write(writes.map((w) => w.write));
  const skipped = new Map(written.skipped.map((s) => [`${s.targetLanguage}\n${s.segmentId}`, s.reason]));
  for (const { edit } of writes) {
    const reason = skipped.get(`${edit.language}\n${edit.segmentId}`);
    if (reason === undefined) result.stored.push(edit);
    else refuse(edit, 'edit-refused', `the edit was not stored: ${reason}`);
  }
  return result;
}

export interface SyncMarkdownOptions {
  project: Project;
  store: MemoryStore;
  index: SegmentIndex;
  languages: readonly string[];
  glossary?: GlossaryContext;
}

export interface SyncMarkdownReport {
  stored: MarkdownEdit[];
  /** Hand edits that could not be read back or stored, and why. */
  problems: Diagnostic[];
  findings: Diagnostic[];
  /** Localized articles rebuilt (display paths). */
  written: string[];
  diagnostics: Diagnostic[];
}

/**
 * `tolk sync`: hand edits in localized articles and values typed into the
 * locale files go into the memory as human translations, then the articles holding those segments are rebuilt so
 * their records name the new text. Articles with edits that could not be
 * read back or stored are left exactly as they are.
 */
export async function syncMarkdown(options: SyncMarkdownOptions): Promise<SyncMarkdownReport> {
  const { project, store, index, languages } = options;
  const scan = findAllEdits(project, index.work, new Set(languages));
  // Values typed into the locale files are hand edits too.
  for (const language of languages) {
    const strings = await stringEdits(store, language, index.strings.get(language) ?? new Map());
    scan.edits.push(...strings.edits);
    scan.problems.push(...strings.problems);
  }
  const stored = await storeEdits(project, store, scan.edits, options.glossary, subjectsByArticle(project, index.work));
  // Known edits count too: their article's record still names the old text until it is rebuilt.
  const changed = new Set([...stored.stored, ...stored.known].map((e) => `${e.language}\n${e.segmentId}`));
  const problems = [...scan.problems, ...stored.refused];
  const work = index.work
    .map((item) => ({
      ...item,
      targets: item.targets.filter(
        (t) => languages.includes(t.language) && item.article.segments.some((s) => changed.has(`${t.language}\n${s.id}`)),
      ),
    }))
    .filter((item) => item.targets.length > 0);
  const skip = untouchable(project, work, problems);
  const rebuilt = changed.size ? await rebuildArticles({ project, store, work, ...(options.glossary ? { glossary: options.glossary } : {}), skip }) : undefined;
  return {
    stored: stored.stored,
    problems,
    findings: stored.findings,
    written: rebuilt?.written ?? [],
    diagnostics: rebuilt?.diagnostics ?? [],
  };
}

/** Localized files (absolute paths) a rebuild must leave alone: a hand edit in them was not read back or not stored. */
export function untouchable(project: Project, work: readonly ArticleWork[], problems: readonly Diagnostic[]): Set<string> {
  const files = new Set(problems.map((d) => d.file));
  return new Set(work.flatMap((item) => item.targets.map((t) => t.file)).filter((file) => files.has(displayPath(project, file))));
}
