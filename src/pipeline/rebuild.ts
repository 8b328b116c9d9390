import type { Project } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { MemoryStore } from '../memory/index.js';
import { enforce } from './enforce-phase.js';
import { articleSubjects } from '../glossary/index.js';
import { glossaryPhase, type GlossarySettings } from './glossary-phase.js';
import { lookupTranslations } from './memory-phase.js';
import type { ArticleWork, TargetWork } from './plan.js';
import { writeLocalized } from './write-localized.js';

export interface RebuildOptions {
  project: Project;
  store: MemoryStore;
  /** Source articles with the localized copies to rebuild as their targets. */
  work: readonly ArticleWork[];
  /** Under `error`, a machine translation that violates the glossary stays out of the article, as in `tolk translate`. */
  glossary?: GlossarySettings;
  /** Localized files (absolute paths) to leave alone: hand edits in them could not be read back. */
  skip?: ReadonlySet<string>;
}

export interface RebuildResult {
  /** Articles written (display paths). */
  written: string[];
  /** Articles whose text would not change. */
  unchanged: number;
  diagnostics: Diagnostic[];
}

/**
 * Rebuilds localized articles from the memory with the phases `tolk
 * translate` uses, minus the engine: memory → enforce → write. An article is
 * written only when its text changes (the record's date aside), so
 * rebuilding after an import that changed nothing writes nothing. An article
 * tolk did not write is left alone.
 */
export async function rebuildArticles(options: RebuildOptions): Promise<RebuildResult> {
  const { project, store } = options;
  const sourceLanguage = project.config.sourceLanguage;
  const result: RebuildResult = { written: [], unchanged: 0, diagnostics: [] };
  const byLanguage = new Map<string, Array<{ item: ArticleWork; target: TargetWork }>>();
  for (const item of options.work) {
    for (const target of item.targets) {
      if (options.skip?.has(target.file)) continue;
      byLanguage.set(target.language, [...(byLanguage.get(target.language) ?? []), { item, target }]);
    }
  }
  for (const [language, items] of byLanguage) {
    const sources = new Map(items.flatMap(({ item }) => item.article.segments.map((s) => [s.id, s.source] as const)));
    const translations = await lookupTranslations(store, sourceLanguage, language, sources);
    if (options.glossary?.enforcement === 'error') {
      const glossary = glossaryPhase(options.glossary, sourceLanguage, language);
      // Each segment with the subjects of the first article it occurs in, as `tolk translate` checks it.
      const subjects = new Map<string, string[]>();
      for (const { item } of items) {
        const declared = articleSubjects(item.article.frontMatter?.data, project.config.glossary.defaultSubject);
        for (const s of item.article.segments) if (!subjects.has(s.id)) subjects.set(s.id, declared);
      }
      const checked = enforce({ sourceLanguage, language, ...(glossary ? { glossary, glossaryEnforcement: 'error' as const } : {}) }, translations, sources, (id) => subjects.get(id));
      for (const { id } of checked.blocked) translations.delete(id);
    }
    const lookup = (id: string) => translations.get(id)?.target;
    for (const { item, target } of items) {
      const done = await writeLocalized({ project, item, target, lookup, onlyIfChanged: true });
      result.diagnostics.push(...done.diagnostics);
      if (done.outcome === 'written') result.written.push(done.file);
      else if (done.outcome === 'unchanged') result.unchanged++;
    }
  }
  return result;
}
