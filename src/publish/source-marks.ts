import type { Nodes, Parent, Root } from 'mdast';
import { segmentUnits, type SegmentedArticle, type Unit } from '../markdown/index.js';
import { shortId, type Provenance } from '../localized/index.js';

/** What of a localized article is still in the source language. */
export interface Untranslated {
  /** Units of the article's body (paragraphs, headings, cells, image text). */
  units: Unit[];
  /** Front-matter fields (`title`, `description`, ...). */
  fields: Set<string>;
}

/**
 * The units a localized article kept in the source language. Its record lists
 * one entry per segment occurrence in document order, `id:-` for those; since
 * such a unit's text *is* the source text, segmenting the localized article
 * as source-language text gives it back the same id. So a unit is marked only
 * when the record says so and its text still hashes to that id: a segment a
 * translator has since translated by hand is not.
 */
export function findUntranslated(article: SegmentedArticle, record: Provenance | undefined): Untranslated {
  const found: Untranslated = { units: [], fields: new Set() };
  if (!record) return found;
  const units = segmentUnits(article);
  const aligned = units.length === record.segments.length;
  const kept = new Set(record.segments.filter((s) => !s.textHash).map((s) => s.id));
  units.forEach((unit, index) => {
    const id = shortId(unit.segment.id);
    const entry = record.segments[index];
    const untranslated = aligned ? entry!.textHash === undefined && entry!.id === id : kept.has(id);
    if (!untranslated) return;
    if (unit.segment.kind.startsWith('frontmatter:')) found.fields.add(unit.segment.kind.slice('frontmatter:'.length));
    else found.units.push(unit);
  });
  return found;
}

/** The attributes a stretch of source-language text gets: its language, and its direction where that differs from the page's. */
export type SourceMark = { lang: string; dir?: 'ltr' | 'rtl' };

type Positioned = Nodes & { position?: { start: { offset?: number }; end: { offset?: number } } };

/**
 * Marks the mdast nodes of untranslated units so they render with the source
 * `lang` (remark-rehype copies `data.hProperties` onto the element). A
 * paragraph in a list item gets a `<span>` around its content instead: in a
 * tight list remark-rehype drops the `<p>` and its attributes with it.
 */
export function markSourceLanguage(tree: Root, units: readonly Unit[], mark: SourceMark): void {
  if (units.length === 0) return;
  const blocks = new Map<number, { node: Parent & Positioned; parent: Parent | undefined }>();
  const images: Positioned[] = [];
  const walk = (node: Positioned, parent: Parent | undefined) => {
    if (node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') {
      const first = node.children[0] as Positioned | undefined;
      const at = first?.position?.start.offset;
      if (at !== undefined) blocks.set(at, { node, parent });
    }
    if (node.type === 'image' || node.type === 'imageReference') images.push(node);
    if ('children' in node) for (const child of node.children) walk(child as Positioned, node);
  };
  walk(tree as Positioned, undefined);

  for (const unit of units) {
    if (unit.style === 'flow' || unit.style === 'heading' || unit.style === 'tableCell') {
      const found = blocks.get(unit.start);
      if (!found) continue;
      if (found.node.type === 'paragraph' && found.parent?.type === 'listItem') {
        const span = { type: 'sourceText', data: { hName: 'span', hProperties: { ...mark } }, children: found.node.children };
        found.node.children = [span as never];
      } else setProperties(found.node, mark);
    } else if (unit.segment.kind === 'imageAlt' || unit.segment.kind === 'imageTitle') {
      // The alt (or title) is an attribute of the image: the element carries the language.
      const image = images.find((n) => (n.position?.start.offset ?? Infinity) <= unit.start && unit.end <= (n.position?.end.offset ?? -1));
      if (image) setProperties(image, mark);
    }
    // A link title is an attribute of a link whose text may be translated: there is no element to mark.
  }
}

function setProperties(node: Nodes, mark: SourceMark): void {
  const data = (node.data ??= {}) as { hProperties?: Record<string, unknown> };
  data.hProperties = { ...data.hProperties, ...mark };
}
