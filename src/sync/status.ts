import type { Project } from '../config/index.js';
import type { MemoryStore } from '../memory/index.js';
import { translationsFor } from './rebuild.js';
import type { SegmentIndex } from './segment-index.js';

/** Where one language stands: the unique segments of the current source articles by what the memory holds for them. */
export interface LanguageStatus {
  language: string;
  segments: number;
  /** No translation in the memory. */
  open: number;
  /** Machine translations (and translators' drafts). */
  machine: number;
  /** Translated by a person, not reviewed yet. */
  human: number;
  /** Reviewed or final. */
  reviewed: number;
}

export async function syncStatus(project: Project, store: MemoryStore, index: SegmentIndex, languages: readonly string[]): Promise<LanguageStatus[]> {
  const articles = [{ article: { segments: [...index.segments.values()].map((s) => s.segment) } }];
  const status: LanguageStatus[] = [];
  for (const language of languages) {
    const found = await translationsFor(store, project.config.sourceLanguage, language, articles);
    const counts: LanguageStatus = { language, segments: index.segments.size, open: 0, machine: 0, human: 0, reviewed: 0 };
    for (const id of index.segments.keys()) {
      const entry = found.get(id);
      if (!entry) counts.open++;
      else if (entry.status === 'machine') counts.machine++;
      else if (entry.status === 'translated') counts.human++;
      else counts.reviewed++;
    }
    status.push(counts);
  }
  return status;
}
