import type { Project } from '../config/index.js';
import { readText, readTextIfExistsSync } from '../core/read-text.js';
import { segmentArticle, type SegmentedArticle } from '../markdown/index.js';
import { alignLocalized, readProvenance, untouchedSinceWritten, type Alignment } from '../localized/index.js';
import { displayPath, listSourceArticles, localizedPath, sourcePath } from '../project/index.js';

/** One localized article on disk that tolk wrote (it has a record), aligned to its source segment by segment. */
export interface LocalizedArticle {
  language: string;
  /** The localized file as shown to a user. */
  file: string;
  source: SegmentedArticle;
  alignment: Alignment;
  /** Segments with a translation: tolk's, or a person's edit of what tolk left in the source language. */
  translated: Alignment['segments'];
}

/**
 * Every localized article of `languages` that carries a `tolk:` record,
 * aligned to its source — the one reader `tolk check`'s passes share. A
 * missing or unreadable file is skipped (the article pass reports it); a
 * source is parsed once per article, and only when a localized copy needs
 * aligning. `skipUntouched`: an article nobody changed since tolk wrote it
 * is passed over unparsed.
 */
export async function* localizedArticles(project: Project, languages: readonly string[], options: { skipUntouched?: boolean } = {}): AsyncGenerator<LocalizedArticle> {
  const { sourceLanguage, frontMatter } = project.config;
  for (const path of await listSourceArticles(project)) {
    const sourceFile = sourcePath(project, path);
    let source: SegmentedArticle | undefined;
    for (const language of languages) {
      const localized = localizedPath(project, language, path);
      const file = displayPath(project, localized);
      let text: string | undefined;
      try {
        text = readTextIfExistsSync(localized, file);
      } catch {
        continue; // unreadable: `tolk check`'s article pass reports it
      }
      if (text === undefined || (options.skipUntouched && untouchedSinceWritten(text))) continue;
      const provenance = readProvenance(text);
      if (!provenance) continue;
      source ??= segmentArticle(await readText(sourceFile, displayPath(project, sourceFile)), {
        sourceLanguage,
        frontMatterFields: frontMatter.translate,
        file: displayPath(project, sourceFile),
      });
      const alignment = alignLocalized({ source, localizedText: text, localizedFile: file, provenance, targetLanguage: language, frontMatterFields: frontMatter.translate });
      // Source text tolk left in place is no translation to check; a person's translation of it is.
      yield { language, file, source, alignment, translated: alignment.segments.filter((s) => s.recordedHash || s.edited) };
    }
  }
}
