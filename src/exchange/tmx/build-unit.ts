import { normalizeLanguageTag } from '../language-tag.js';
import type { SegPart } from './inline-codes.js';
import { isBlank, pairCodes, sourceTagIds, targetTagIds, toTagged, type PairedSeg } from './number-tags.js';
import type { TmxTarget, TmxUnit } from './types.js';

/** A `<tu>` as collected from the file, before anything is decided. */
export interface CollectedTu {
  line: number;
  tuid?: string;
  /** `srclang` of the `<tu>`, which overrides the header's. */
  sourceLanguage?: string;
  variants: CollectedTuv[];
  properties: Record<string, string>;
}

export interface CollectedTuv {
  /** As written (`xml:lang`, or TMX 1.1's `lang`); `''` when missing. */
  language: string;
  /** Undefined when the `<tuv>` had no `<seg>`. */
  seg?: SegPart[];
}

export interface UnitContext {
  /** The header's `srclang` in BCP 47 casing, undefined for `*all*`. */
  sourceLanguage?: string;
  preferredSource?: string;
}

/**
 * Decides a unit: which variant is the source, and the tagged text of each
 * variant, numbering target tags after the source's. Problems become skip
 * reasons, so one bad unit never stops an import.
 */
export function buildUnit(tu: CollectedTu, context: UnitContext): TmxUnit {
  const base = {
    line: tu.line,
    ...(tu.tuid !== undefined && { tuid: tu.tuid }),
    properties: tu.properties,
  };
  const variants = tu.variants.map((v) => ({ ...v, language: v.language ? normalizeLanguageTag(v.language) : '' }));
  const wanted = declaredSource(tu.sourceLanguage) ?? context.sourceLanguage;
  const sourceIndex = wanted
    ? findLanguage(variants, wanted)
    : Math.max(0, context.preferredSource ? findLanguage(variants, normalizeLanguageTag(context.preferredSource)) : 0);
  const skipped = (sourceLanguage: string, skip: string): TmxUnit => ({ ...base, sourceLanguage, source: '', targets: [], skip });

  const sourceVariant = variants[sourceIndex];
  if (!sourceVariant) {
    const found = variants.map((v) => v.language || '?').join(', ') || 'none';
    return skipped(wanted ?? '', wanted ? `no <tuv> in the source language ${wanted} (found: ${found})` : 'no <tuv>');
  }
  const source = readSeg(sourceVariant);
  if (typeof source === 'string') return skipped(sourceVariant.language, `source ${source}`);

  const ids = sourceTagIds(source);
  const seen = new Set([sourceVariant.language]);
  const targets = variants
    .filter((_, index) => index !== sourceIndex)
    .map((variant): TmxTarget => {
      const skip = (reason: string): TmxTarget => ({ language: variant.language, text: '', skip: reason });
      if (!variant.language) return skip('<tuv> has no xml:lang');
      if (seen.has(variant.language)) return skip(`second <tuv> in ${variant.language}`);
      seen.add(variant.language);
      const target = readSeg(variant);
      if (typeof target === 'string') return skip(target);
      return { language: variant.language, text: toTagged(target, targetTagIds(target, source)) };
    });
  const unit: TmxUnit = { ...base, sourceLanguage: sourceVariant.language, source: toTagged(source, ids), targets };
  if (targets.length === 0) unit.skip = 'no target <tuv>';
  return unit;
}

/** A variant's segment, or why it cannot be used. */
function readSeg(variant: CollectedTuv): PairedSeg | string {
  if (!variant.seg) return '<tuv> has no <seg>';
  const paired = pairCodes(variant.seg);
  if (typeof paired === 'string') return `segment has broken codes: ${paired}`;
  if (isBlank(paired)) return 'empty segment';
  return paired;
}

function declaredSource(srclang: string | undefined): string | undefined {
  return srclang && srclang.toLowerCase() !== '*all*' ? normalizeLanguageTag(srclang) : undefined;
}

/** Exact tag first; else the one variant in the same base language (`en` finds `en-US`). */
function findLanguage(variants: ReadonlyArray<{ language: string }>, language: string): number {
  const exact = variants.findIndex((v) => v.language === language);
  if (exact !== -1) return exact;
  const base = (tag: string) => tag.split('-')[0];
  const close = variants.flatMap((v, index) => (v.language && base(v.language) === base(language) ? [index] : []));
  return close.length === 1 ? close[0]! : -1;
}
