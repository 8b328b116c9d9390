import type { Project } from '../config/index.js';
import type { CodeHint } from '../exchange/index.js';
import { segmentUnits, type Segment, type SegmentedArticle, type Unit } from '../markdown/index.js';
import { planRun, type ArticleWork } from '../pipeline/index.js';
import { indexStrings, type IndexedString } from './string-index.js';

/** Where a segment occurs. */
export interface Occurrence {
  /** Relative to `articles/<sourceLanguage>/`. */
  path: string;
  /** The source article as shown to people. */
  article: string;
  line: number;
  kind: string;
  /** 1-based place among the article's segments, and how many it has. */
  position: number;
  of: number;
}

export interface IndexedSegment {
  segment: Segment;
  /** What each tag stands for at the first occurrence. */
  codes: Map<number, CodeHint>;
  occurrences: Occurrence[];
}

export interface SegmentIndex {
  /** Every source article, each with a target per article language asked for (what is on disk, if anything). */
  work: ArticleWork[];
  /** Unique source segments by id, in order of first occurrence. */
  segments: Map<string, IndexedSegment>;
  /** Per language asked for: its UI strings by segment id. */
  strings: Map<string, Map<string, IndexedString>>;
}

/**
 * Every source article parsed, with its localized copies in those of
 * `languages` that are article languages as they are on disk, every unique
 * segment with its occurrences, and every language's UI strings. Reads only;
 * a source article or locale file that cannot be parsed is an InputError
 * (exit 2).
 */
export async function indexSegments(project: Project, languages: readonly string[]): Promise<SegmentIndex> {
  const articleLanguages = languages.filter((l) => project.config.articleLanguages.includes(l));
  // The segments are indexed even for a strings-only language, so a unit naming one is told apart from a changed source.
  const plan = await planRun(project, articleLanguages.length ? articleLanguages : project.config.articleLanguages.slice(0, 1), { force: true });
  const work = articleLanguages.length ? plan.work : plan.work.map((item) => ({ ...item, targets: [] }));
  const segments = new Map<string, IndexedSegment>();
  for (const item of work) {
    const units = segmentUnits(item.article);
    units.forEach((unit, index) => {
      const { segment } = unit;
      let entry = segments.get(segment.id);
      if (!entry) {
        entry = { segment, codes: codeHints(unit.tags, item.article), occurrences: [] };
        segments.set(segment.id, entry);
      }
      entry.occurrences.push({ path: item.path, article: item.display, line: segment.line, kind: segment.kind, position: index + 1, of: units.length });
    });
  }
  const strings = new Map<string, Map<string, IndexedString>>();
  for (const language of languages) strings.set(language, await indexStrings(project, language));
  return { work, segments, strings };
}

function codeHints(tags: Unit['tags'], article: SegmentedArticle): Map<number, CodeHint> {
  const hints = new Map<number, CodeHint>();
  for (const [id, plan] of tags) {
    const close = plan.close ? { close: article.text.slice(plan.close[0], plan.close[1]) } : {};
    hints.set(id, { nodeType: plan.nodeType, open: article.text.slice(plan.open[0], plan.open[1]), ...close });
  }
  return hints;
}
