import type { SegmentedArticle, Unit } from './article.js';

/**
 * A segmented article as JSON and back, so an unchanged source need not be
 * parsed again (the segment cache). Bump SEGMENTER_VERSION whenever the
 * segmenter's output for the same text can change.
 */
export const SEGMENTER_VERSION = 1;

type UnitJson = Omit<Unit, 'tags' | 'children'> & { tags: Array<[number, Unit['tags'] extends Map<number, infer P> ? P : never]>; children: UnitJson[] };

export function articleToJson(article: SegmentedArticle): string {
  const unit = (u: Unit): UnitJson => ({ ...u, tags: [...u.tags], children: u.children.map(unit) });
  const { text: _text, segments: _segments, units, ...rest } = article;
  return JSON.stringify({ ...rest, units: units.map(unit) });
}

/** Rebuilds the article; `segments` are the units' own segment objects again, so identity checks keep working. */
export function articleFromJson(json: string, text: string): SegmentedArticle {
  const data = JSON.parse(json) as Omit<SegmentedArticle, 'text' | 'segments' | 'units'> & { units: UnitJson[] };
  const segments: SegmentedArticle['segments'] = [];
  const unit = (u: UnitJson): Unit => ({ ...u, tags: new Map(u.tags), children: u.children.map(unit) });
  const units = data.units.map(unit);
  const collect = (list: Unit[]) => {
    for (const u of list) {
      if (u.translatable) segments.push(u.segment);
      collect(u.children);
    }
  };
  collect(units);
  return { ...data, text, units, segments };
}
