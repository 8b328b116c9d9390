import type { SegmentedArticle, TagPlan, Unit } from './article.js';
import { tokenize, serialize } from '../tagged/index.js';

/** Translatable units in the order of `article.segments` (nested ones after their parent). */
export function segmentUnits(article: SegmentedArticle): Unit[] {
  const out: Unit[] = [];
  const walk = (units: readonly Unit[]) => {
    for (const unit of units) {
      if (unit.translatable) out.push(unit);
      walk(unit.children);
    }
  };
  walk(article.units);
  return out;
}

/**
 * What a tag's markup is, independent of its number and of translated text
 * nested in it (a link title, an image alt): the node type and the raw
 * markup with nested units blanked out.
 */
function tagKey(plan: TagPlan, unit: Unit, text: string): string {
  const raw = (range: [number, number] | undefined) => {
    if (!range) return '';
    let out = '';
    let at = range[0];
    for (const child of unit.children) {
      if (child.start < range[0] || child.end > range[1]) continue;
      out += `${text.slice(at, child.start)}\u0000`;
      at = child.end;
    }
    return out + text.slice(at, range[1]);
  };
  return `${plan.nodeType}\u0001${raw(plan.open)}\u0001${raw(plan.close)}`;
}

/**
 * A localized unit's tagged text with its tags renumbered to the source
 * unit's numbering, matching tags by their markup (a translator may have
 * moved a link, which renumbers tags in the localized article). Undefined
 * when the two units' markup does not correspond one to one.
 */
export function retagToSource(localized: Unit, localizedText: string, source: Unit, sourceText: string): string | undefined {
  if (localized.tags.size !== source.tags.size) return undefined;
  const available = new Map<string, number[]>();
  for (const [id, plan] of [...source.tags].sort((a, b) => a[0] - b[0])) {
    const key = tagKey(plan, source, sourceText);
    available.set(key, [...(available.get(key) ?? []), id]);
  }
  const mapping = new Map<number, number>();
  for (const [id, plan] of [...localized.tags].sort((a, b) => a[0] - b[0])) {
    const candidates = available.get(tagKey(plan, localized, localizedText));
    const target = candidates?.shift();
    if (target === undefined) return undefined;
    mapping.set(id, target);
  }
  const tokens = tokenize(localized.segment.source).map((t) => (t.type === 'text' ? t : { ...t, id: mapping.get(t.id)! }));
  return serialize(tokens);
}
