import type { Project } from '../config/index.js';
import { writeFileAtomic } from '../core/atomic-write.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { checkTranslation, matchers, type Glossary } from '../glossary/index.js';
import type { MemoryStore, Status } from '../memory/index.js';
import { reassemble } from '../markdown/index.js';
import { type ArticleWork } from '../pipeline/index.js';
import { completeness, localizedArticle, recordSegments } from '../localized/index.js';
import { displayPath } from '../project/index.js';

export interface RebuildOptions {
  project: Project;
  store: MemoryStore;
  /** Source articles with the localized copies to rebuild as their targets. */
  work: readonly ArticleWork[];
  /** Under `error`, a machine translation that violates the glossary stays out of the article, as in `tolk translate`. */
  glossary?: { glossary: Glossary; enforcement: 'warning' | 'error' };
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
 * Rebuilds localized articles from the memory, as `tolk translate` writes
 * them but without any engine: each unit's translation spliced into the
 * source, the `tolk:` record updated. An article is written only when its
 * text changes (the record's date aside), so rebuilding after an import that
 * changed nothing writes nothing. An article tolk did not write is left alone.
 */
export async function rebuildArticles(options: RebuildOptions): Promise<RebuildResult> {
  const { project, store } = options;
  const sourceLanguage = project.config.sourceLanguage;
  const result: RebuildResult = { written: [], unchanged: 0, diagnostics: [] };
  const terms = options.glossary ? matchers(options.glossary.glossary) : undefined;
  const byLanguage = new Map<string, Array<{ item: ArticleWork; target: ArticleWork['targets'][number] }>>();
  for (const item of options.work) {
    for (const target of item.targets) {
      if (options.skip?.has(target.file)) continue;
      const file = displayPath(project, target.file);
      if (target.existing && !target.existing.provenance) {
        result.diagnostics.push({
          severity: 'warning',
          rule: 'article-not-ours',
          message: 'exists but was not written by tolk; left as it is',
          file,
          language: target.language,
        });
        continue;
      }
      byLanguage.set(target.language, [...(byLanguage.get(target.language) ?? []), { item, target }]);
    }
  }
  for (const [language, items] of byLanguage) {
    const translations = await translationsFor(store, sourceLanguage, language, items.map(({ item }) => item));
    if (options.glossary?.enforcement === 'error' && terms) {
      const sourceTerms = terms(sourceLanguage);
      const targetTerms = terms(language);
      const sources = new Map(items.flatMap(({ item }) => item.article.segments.map((s) => [s.id, s.source] as const)));
      for (const [id, { target, status }] of translations) {
        if (status === 'machine' && checkTranslation(sources.get(id) ?? '', target, sourceTerms, targetTerms).length > 0) translations.delete(id);
      }
    }
    for (const { item, target } of items) {
      const lookup = (id: string) => translations.get(id)?.target;
      const assembled = reassemble(item.article, { lookup });
      result.diagnostics.push(...assembled.diagnostics.map((d) => ({ ...d, language })));
      const segments = recordSegments(item.article.segments, assembled.translatedSegments, lookup);
      const text = (translated: string) =>
        localizedArticle(assembled.text, language, { source: `${sourceLanguage}/${item.path}`, sourceHash: item.hash, complete: completeness(segments), translated, segments });
      const existing = target.existing;
      if (existing?.provenance && text(existing.provenance.translated) === existing.text) {
        result.unchanged++;
        continue;
      }
      await writeFileAtomic(target.file, text(new Date().toISOString().slice(0, 10)));
      result.written.push(displayPath(project, target.file));
    }
  }
  return result;
}

/** The memory's translation of every segment of `articles`: by id, else by text ignoring tag numbering (as `tolk translate` looks up). */
export async function translationsFor(
  store: MemoryStore,
  sourceLanguage: string,
  language: string,
  articles: ReadonlyArray<{ article: { segments: ReadonlyArray<{ id: string; source: string }> } }>,
): Promise<Map<string, { target: string; status: Status; origin: string }>> {
  const sources = new Map<string, string>();
  for (const { article } of articles) for (const s of article.segments) sources.set(s.id, s.source);
  const found = new Map<string, { target: string; status: Status; origin: string }>();
  for (const [id, entry] of await store.lookup([...sources.keys()], language)) found.set(id, { target: entry.target, status: entry.status, origin: entry.origin });
  for (const [id, source] of sources) {
    if (found.has(id)) continue;
    const byText = await store.lookupText(source, sourceLanguage, language);
    if (byText) found.set(id, { target: byText.target, status: byText.status, origin: byText.origin });
  }
  return found;
}
