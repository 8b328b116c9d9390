import type { EngineContext } from '../engines/index.js';
import type { SegmentedArticle } from '../markdown/index.js';
import { plainText } from '../tagged/index.js';

/** How much of the article travels around one batch. */
export interface ContextBounds {
  /** Source segments before the batch and after it, at most. @default 3 */
  around?: number;
  /** Characters of before + after together, at most (nearest segments kept first). @default 2000 */
  maxCharacters?: number;
}

/** Context texts are plain text: tags and XML escapes are the engine's contract for segments, not for context. */
const plain = (tagged: string): string => plainText(tagged).replace(/\s+/g, ' ').trim();

/**
 * What a human translator sees around a batch: the article's title (its
 * front-matter `title`, else its first heading), the source segments just
 * before the batch's first segment and just after its last, nearest first
 * within the bounds, and the style guide for the target language. Pure: the
 * same article, ids and guide give the same context. Ids not in the article
 * (a batch that spans none of it) give only the title and guide.
 */
export function engineContext(article: SegmentedArticle, ids: readonly string[], styleGuide?: string, bounds: ContextBounds = {}): EngineContext {
  const around = bounds.around ?? 3;
  let budget = bounds.maxCharacters ?? 2000;
  const segments = article.segments.filter((s) => !s.kind.startsWith('frontmatter:') || s.kind === 'frontmatter:title');
  const inBatch = new Set(ids);
  const first = segments.findIndex((s) => inBatch.has(s.id));
  let last = -1;
  for (let i = segments.length - 1; i >= 0; i--) {
    if (inBatch.has(segments[i]!.id)) {
      last = i;
      break;
    }
  }
  const before: string[] = [];
  const after: string[] = [];
  if (first !== -1) {
    // Nearest segments first, one side then the other, so a tight budget keeps what is closest to the batch;
    // a side stops at the first segment that does not fit (context stays contiguous).
    let open = { before: true, after: true };
    for (let step = 1; step <= around; step++) {
      const take = (index: number): string | undefined => {
        const segment = segments[index];
        if (!segment || inBatch.has(segment.id)) return undefined;
        const text = plain(segment.source);
        if (!text || text.length > budget) return undefined;
        budget -= text.length;
        return text;
      };
      const b = open.before ? take(first - step) : undefined;
      if (b === undefined) open = { ...open, before: false };
      else before.unshift(b);
      const a = open.after ? take(last + step) : undefined;
      if (a === undefined) open = { ...open, after: false };
      else after.push(a);
    }
  }
  const title = articleTitle(article);
  return {
    ...(title ? { title } : {}),
    ...(before.length ? { before } : {}),
    ...(after.length ? { after } : {}),
    ...(styleGuide ? { styleGuide } : {}),
  };
}

/** The front-matter `title` when it is a string, else the first heading's text. */
export function articleTitle(article: SegmentedArticle): string | undefined {
  const fromFrontMatter = article.frontMatter?.data.title;
  if (typeof fromFrontMatter === 'string' && fromFrontMatter.trim()) return fromFrontMatter.trim();
  const heading = article.segments.find((s) => s.kind === 'heading');
  return heading ? plain(heading.source) || undefined : undefined;
}

/** The style guide for a target language: the `"*"` guide, then the language's own (`en-GB` falls back to `en`). */
export function styleGuideFor(guides: Readonly<Record<string, string>> | undefined, language: string): string | undefined {
  if (!guides) return undefined;
  const own = guides[language] ?? guides[language.split('-')[0]!];
  const parts = [guides['*'], own].filter((g): g is string => Boolean(g?.trim())).map((g) => g.trim());
  return parts.length ? parts.join('\n') : undefined;
}

/**
 * The engine phase's `context` and `group` hooks for one chunk: each segment
 * goes with the article it was first met in (`articleOf`), batches stay
 * within one article, and each batch's context is read from that article.
 */
export function contextHooks(
  articles: Iterable<{ display: string; article: SegmentedArticle }>,
  articleOf: (id: string) => string | undefined,
  styleGuide: string | undefined,
): { context: (ids: string[]) => EngineContext | undefined; group: (id: string) => string } {
  const byDisplay = new Map<string, SegmentedArticle>();
  for (const { display, article } of articles) byDisplay.set(display, article);
  return {
    group: (id) => articleOf(id) ?? '',
    context: (ids) => {
      const article = byDisplay.get(articleOf(ids[0] ?? '') ?? '');
      if (article) return engineContext(article, ids, styleGuide);
      return styleGuide ? { styleGuide } : undefined;
    },
  };
}
