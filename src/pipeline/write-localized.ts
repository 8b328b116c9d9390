import type { Project } from '../config/index.js';
import { writeFileAtomic } from '../core/atomic-write.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { completeness, localizedArticle, recordSegments } from '../localized/index.js';
import { reassemble } from '../markdown/index.js';
import { displayPath } from '../project/index.js';
import type { ArticleWork, TargetWork } from './plan.js';
import type { WrittenFiles } from './written-files.js';

export interface LocalizeInput {
  project: Project;
  item: ArticleWork;
  target: TargetWork;
  /** The translation to use for a segment id; undefined keeps the source text. */
  lookup: (id: string) => string | undefined;
  /** Replace a localized file tolk did not write. */
  force?: boolean;
  /** Said after "left as it is" for a file tolk did not write (how to replace it). */
  forceHint?: string;
  /** Write only when the text changes (the record's date aside): a rebuild that changes nothing writes nothing. */
  onlyIfChanged?: boolean;
  /** Run state: the structure check of an identical rebuild is not repeated, and what was written is recorded. */
  written?: WrittenFiles;
}

export interface Localized {
  /** Display path of the localized file. */
  file: string;
  outcome: 'written' | 'unchanged' | 'not-ours';
  diagnostics: Diagnostic[];
}

/**
 * The one way a localized article is written, by `tolk translate` and by
 * `sync`'s rebuild alike: reassemble the source with the translations (its
 * structure verified against the source's), add the `tolk:` record, write
 * atomically. A file tolk did not write is left alone unless forced.
 */
export async function writeLocalized(input: LocalizeInput): Promise<Localized> {
  const { project, item, target } = input;
  const language = target.language;
  const file = displayPath(project, target.file);
  if (target.existing && !target.existing.provenance && !input.force) {
    const message = `exists but was not written by tolk; left as it is${input.forceHint ? ` (${input.forceHint})` : ''}`;
    return { file, outcome: 'not-ours', diagnostics: [{ severity: 'warning', rule: 'article-not-ours', message, file, language }] };
  }
  // An identical rebuild of what passed the structure check before is not parsed again.
  const verifier = input.written?.verifier(target.file);
  const assembled = reassemble(item.article, { lookup: input.lookup, ...(verifier ? { verified: verifier.check } : {}) });
  // Without findings the text checked is the text returned, and it passed.
  if (assembled.diagnostics.length === 0) verifier?.record();
  const diagnostics = assembled.diagnostics.map((d) => ({ ...d, language }));
  const segments = recordSegments(item.article.segments, assembled.translatedSegments, input.lookup);
  const text = (translated: string) =>
    localizedArticle(assembled.text, language, {
      source: `${project.config.sourceLanguage}/${item.path}`,
      sourceHash: item.hash,
      complete: completeness(segments),
      translated,
      segments,
    });
  const existing = target.existing;
  if (input.onlyIfChanged && existing?.provenance && text(existing.provenance.translated) === existing.text) return { file, outcome: 'unchanged', diagnostics };
  const built = text(new Date().toISOString().slice(0, 10));
  await writeFileAtomic(target.file, built);
  input.written?.record(target.file, built);
  return { file, outcome: 'written', diagnostics };
}
