import type { Project } from '../config/index.js';
import type { MemoryStore, Status } from '../memory/index.js';
import { lookupTranslations } from '../pipeline/index.js';
import type { SegmentIndex } from './segment-index.js';
import { stringTranslations } from './string-index.js';

/** How many units are where. */
export interface StatusCounts {
  /** No translation. */
  open: number;
  /** Machine translations (and translators' drafts). */
  machine: number;
  /** Translated by a person, not reviewed yet. */
  human: number;
  /** Reviewed or final. */
  reviewed: number;
}

/**
 * Where one language stands: the unique segments of the current source
 * articles by what the memory holds for them (none outside the article
 * languages), and its UI strings by what its locale files hold.
 */
export interface LanguageStatus extends StatusCounts {
  language: string;
  segments: number;
  strings: StatusCounts & { count: number };
}

export async function syncStatus(project: Project, store: MemoryStore, index: SegmentIndex, languages: readonly string[]): Promise<LanguageStatus[]> {
  const isArticleLanguage = (l: string) => project.config.articleLanguages.includes(l);
  const sources = new Map([...index.segments.values()].map((s) => [s.segment.id, s.segment.source]));
  const status: LanguageStatus[] = [];
  for (const language of languages) {
    const found = isArticleLanguage(language) ? await lookupTranslations(store, project.config.sourceLanguage, language, sources) : new Map();
    const segments = count(isArticleLanguage(language) ? [...index.segments.keys()].map((id) => found.get(id)?.status) : []);
    const strings = index.strings.get(language) ?? new Map();
    const inFiles = await stringTranslations(store, language, strings);
    status.push({
      language,
      segments: isArticleLanguage(language) ? index.segments.size : 0,
      ...segments,
      strings: { count: strings.size, ...count([...strings.keys()].map((id) => (inFiles.get(id)?.inFile ? inFiles.get(id)!.status : undefined))) },
    });
  }
  return status;
}

function count(statuses: ReadonlyArray<Status | undefined>): StatusCounts {
  const counts: StatusCounts = { open: 0, machine: 0, human: 0, reviewed: 0 };
  for (const status of statuses) {
    if (!status) counts.open++;
    else if (status === 'machine') counts.machine++;
    else if (status === 'translated') counts.human++;
    else counts.reviewed++;
  }
  return counts;
}
