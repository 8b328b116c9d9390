import type { Diagnostic } from '../core/diagnostic.js';
import type { Segment, SegmentedArticle, Unit } from './article.js';
import { escapeInline, escapeTitle, flankingFix, literalAutolink, protectHeadingEnd, reference, type TextStyle } from './escape-markdown.js';
import { setFrontMatterKeys, updateBlock, yamlScalar } from './front-matter.js';
import { flankingTypes } from './node-roles.js';
import { parseMarkdown } from './parse.js';

/** A reassembled article has the source's structure, checked by its shape; only its size may grow (a translation can be longer). */
const OUTPUT_LIMITS = { articleBytes: Number.MAX_SAFE_INTEGER };
import { treeShape } from './shape.js';
import { checkTags, tagShape, tokenize, type Token } from '../tagged/index.js';

export interface ReassembleOptions {
  /** Translation of a segment by id; undefined keeps the source text. */
  lookup: (segmentId: string) => string | undefined;
  /** Front-matter keys to set or replace in the output (language, provenance). */
  frontMatter?: Record<string, unknown>;
  /**
   * Re-parse the output and compare its shape with the source; units that
   * changed structure fall back to their source text. @default true
   */
  verify?: boolean;
  /** Always regenerate text from tokens, even for unchanged segments (tests the escaper). @default false */
  regenerate?: boolean;
  /**
   * True for an output known to have passed this verification before (the
   * same text against the same source shape): parsing it again would say the
   * same, so it is skipped. Parsing is most of the cost of a warm run.
   */
  verified?: (text: string, shape: string) => boolean;
}

export interface ReassembleResult {
  text: string;
  /** Units whose translation was used. */
  translated: number;
  /** Translatable units. */
  total: number;
  /** Problems per segment: tag damage, structure changes. The source text was kept for those. */
  diagnostics: Diagnostic[];
  /** The segment occurrences (objects of `article.segments`) whose translation is in the text. */
  translatedSegments: Set<Segment>;
}

/**
 * Writes a localized article: the source text with each translated unit
 * spliced in. Untranslated or damaged units keep their source text, so the
 * result is always a whole, valid article.
 */
export function reassemble(article: SegmentedArticle, options: ReassembleOptions): ReassembleResult {
  const diagnostics: Diagnostic[] = [];
  const rejected = new Set<Unit>();
  const state = { translated: 0, total: 0 };
  const accepted = new Set<Unit>();

  const report = (unit: Unit, rule: string, message: string) =>
    diagnostics.push({
      severity: 'error',
      rule,
      message,
      file: article.file,
      line: unit.segment.line,
      segment: unit.segment.id,
    });

  // Decide each unit's text once: later passes only change which units are rejected.
  const chosen = new Map<Unit, Token[] | 'source'>();
  const choose = (unit: Unit) => {
    for (const child of unit.children) choose(child);
    if (!unit.translatable) return;
    state.total++;
    const translation = options.lookup(unit.segment.id);
    if (translation === undefined) return chosen.set(unit, 'source');
    state.translated++;
    accepted.add(unit);
    if (translation === unit.segment.source && !options.regenerate) return chosen.set(unit, 'source');
    const problem = checkTags(tagShape(unit.segment.source), translation);
    if (problem) {
      state.translated--;
      accepted.delete(unit);
      report(unit, 'tag-damage', `translation has broken tags (${problem}); source text kept`);
      return chosen.set(unit, 'source');
    }
    chosen.set(unit, withSourceEdges(tokenize(unit.segment.source), tokenize(translation)));
  };
  for (const unit of article.units) choose(unit);

  const renderRange = (from: number, to: number, units: readonly Unit[]): string => {
    let out = '';
    let at = from;
    for (const unit of units) {
      if (unit.start < from || unit.end > to) continue;
      out += article.text.slice(at, unit.start) + renderUnit(unit);
      at = unit.end;
    }
    return out + article.text.slice(at, to);
  };

  const renderUnit = (unit: Unit): string => {
    const tokens = chosen.get(unit);
    if (!tokens || tokens === 'source' || rejected.has(unit)) return renderRange(unit.start, unit.end, unit.children);
    return renderTokens(unit, tokens);
  };

  const renderTokens = (unit: Unit, tokens: Token[]): string => {
    const text = () => tokens.map((t) => (t.type === 'text' ? t.value : '')).join('');
    switch (unit.style) {
      case 'yaml':
        return yamlScalar(text());
      case 'title':
        return escapeTitle(text(), unit.quote ?? '"');
      case 'alt':
        return renderInline(unit, tokens, 'alt') + (unit.label ? `][${unit.label}]` : '');
      default:
        return renderInline(unit, moveFlankingSpace(unit, tokens), unit.style);
    }
  };

  /** One rendered piece per token, so delimiters can still be checked against their neighbours. */
  const renderInline = (unit: Unit, tokens: Token[], style: TextStyle): string => {
    let atLineStart = true;
    const pieces = tokens.map((token, i) => {
      if (token.type === 'text') {
        const atUnitEnd = i === tokens.length - 1;
        const text = escapeInline(token.value, { style, atLineStart, atUnitEnd, prefix: unit.prefix, eol: article.eol });
        atLineStart = false;
        return text;
      }
      const raw = renderTag(unit, token);
      atLineStart = style === 'flow' && raw.endsWith('\n');
      return atLineStart ? raw + unit.prefix : raw;
    });
    keepLiteralAutolinks(unit, tokens, pieces);
    keepDelimitersFlanking(unit, tokens, pieces);
    const out = pieces.join('');
    return style === 'heading' ? protectHeadingEnd(out) : out;
  };

  const renderTag = (unit: Unit, token: Exclude<Token, { type: 'text' }>): string => {
    const tag = unit.tags.get(token.id)!;
    if (token.type === 'close' && tag.label) return `][${tag.label}]`; // see Unit.label
    const range = token.type === 'close' ? tag.close! : tag.open;
    return renderRange(range[0], range[1], unit.children);
  };

  const render = (): string => {
    const length = article.text.length;
    const values = options.frontMatter;
    const fm = article.frontMatter;
    if (!values || Object.keys(values).length === 0) return renderRange(0, length, article.units);
    const eol = article.eol;
    if (!fm) return `---${eol}${setFrontMatterKeys('', values, eol)}${eol}---${eol}${eol}${renderRange(0, length, article.units)}`;
    const block = renderRange(fm.blockStart, fm.blockEnd, article.units);
    return renderRange(0, fm.blockStart, article.units) + updateBlock(block, values, eol) + renderRange(fm.blockEnd, length, article.units);
  };

  const regenerated = [...chosen].filter(([, t]) => t !== 'source').map(([u]) => u);
  const reject = (units: Unit[], message: string) => {
    for (const unit of units) {
      rejected.add(unit);
      state.translated--;
      report(unit, 'structure-changed', message);
    }
  };

  let text = render();
  if (options.verify !== false && regenerated.length > 0 && !options.verified?.(text, article.shape)) {
    const expected = article.shape;
    /** The shape of the article with only `units` regenerated. */
    const shapeWith = (units: Unit[]) => {
      const only = new Set(units);
      const others = regenerated.filter((u) => !only.has(u));
      others.forEach((u) => rejected.add(u));
      const shape = treeShape(parseMarkdown(renderRange(0, article.text.length, article.units), { file: article.file, limits: OUTPUT_LIMITS }));
      others.forEach((u) => rejected.delete(u));
      return shape;
    };
    /** Units that change the shape on their own, found by halving: a few parses rather than one per unit. */
    const culprits = (units: Unit[], fails = shapeWith(units) !== expected): Unit[] => {
      if (!fails) return [];
      if (units.length === 1) return units;
      const half = Math.ceil(units.length / 2);
      return [...culprits(units.slice(0, half)), ...culprits(units.slice(half))];
    };
    if (treeShape(parseMarkdown(text, { file: article.file, limits: OUTPUT_LIMITS })) !== expected) {
      reject(culprits(regenerated, true), 'translation would change the article structure; source text kept');
      text = render();
      if (treeShape(parseMarkdown(text, { file: article.file, limits: OUTPUT_LIMITS })) !== expected) {
        // Interactions between units: give up on all regenerated text rather than write a damaged article.
        reject(regenerated.filter((u) => !rejected.has(u)), 'translations together change the article structure; source text kept');
        text = render();
      }
    }
  }
  const translatedSegments = new Set([...accepted].filter((u) => !rejected.has(u)).map((u) => u.segment));
  return { text, translated: state.translated, total: state.total, diagnostics, translatedSegments };
}


/**
 * Whitespace at a translation's edges is engine noise (a trailing newline, a
 * leading space): the source's edge whitespace is used instead.
 */
function withSourceEdges(source: Token[], translation: Token[]): Token[] {
  const out = translation.map((t) => ({ ...t }));
  const first = out[0];
  if (first?.type === 'text') first.value = leadingSpace(source[0]) + first.value.replace(/^\s+/, '');
  const last = out[out.length - 1];
  if (last?.type === 'text') last.value = last.value.replace(/\s+$/, '') + trailingSpace(source[source.length - 1]);
  return out;
}

const leadingSpace = (t: Token | undefined) => (t?.type === 'text' ? /^\s*/.exec(t.value)![0] : '');
const trailingSpace = (t: Token | undefined) => (t?.type === 'text' ? /\s*$/.exec(t.value)![0] : '');

/** Literal autolinks that translated text touches become explicit links (see literalAutolink). */
function keepLiteralAutolinks(unit: Unit, tokens: readonly Token[], pieces: string[]): void {
  tokens.forEach((token, i) => {
    const url = token.type === 'void' ? unit.tags.get(token.id)?.url : undefined;
    if (url === undefined) return;
    const before = pieces.slice(0, i).join('').match(/.$/su)?.[0];
    pieces[i] = literalAutolink(pieces[i]!, url, before, pieces.slice(i + 1).join(''));
  });
}

/** Writes a translated letter that would stop an emphasis delimiter from opening or closing as a reference (see flankingFix). */
function keepDelimitersFlanking(unit: Unit, tokens: readonly Token[], pieces: string[]): void {
  const nonEmpty = (from: number, step: 1 | -1) => {
    let j = from + step;
    while (pieces[j] === '') j += step;
    return j;
  };
  tokens.forEach((token, i) => {
    if (token.type !== 'open' && token.type !== 'close') return;
    if (!flankingTypes.has(unit.tags.get(token.id)?.nodeType ?? '')) return;
    const [b, a] = [nonEmpty(i, -1), nonEmpty(i, 1)];
    const before = pieces[b]?.match(/.$/su)?.[0];
    const after = pieces[a]?.match(/^./su)?.[0];
    const delimiter = token.type === 'open' ? pieces[i]![0]! : pieces[i]!.at(-1)!;
    const fix = flankingFix(delimiter, before, after, token.type === 'open');
    const at = fix === 'before' ? b : a;
    if (fix && tokens[at]?.type === 'text') {
      pieces[at] = fix === 'before' ? pieces[at]!.replace(/.$/su, reference) : pieces[at]!.replace(/^./su, reference);
    }
  });
}

/**
 * Emphasis delimiters only work when they touch text: ` <1> fast</1>` would
 * print `* fast*`. Whitespace just inside a flanking pair moves outside it.
 */
function moveFlankingSpace(unit: Unit, tokens: Token[]): Token[] {
  const out = tokens.map((t) => ({ ...t }));
  const flanking = (t: Token | undefined, type: 'open' | 'close') =>
    t?.type === type && flankingTypes.has(unit.tags.get(t.id)?.nodeType ?? '');
  // Closing tags left to right and opening tags right to left, so space leaves nested pairs in one pass.
  for (let i = 0; i < out.length; i++) {
    const prev = out[i - 1];
    const space = prev?.type === 'text' ? /\s+$/.exec(prev.value)?.[0] : undefined;
    if (!flanking(out[i], 'close') || prev?.type !== 'text' || !space) continue;
    prev.value = prev.value.slice(0, -space.length);
    out.splice(i + 1, 0, { type: 'text', value: space });
  }
  for (let i = out.length - 1; i >= 0; i--) {
    const next = out[i + 1];
    const space = next?.type === 'text' ? /^\s+/.exec(next.value)?.[0] : undefined;
    if (!flanking(out[i], 'open') || next?.type !== 'text' || !space) continue;
    next.value = next.value.slice(space.length);
    out.splice(i, 0, { type: 'text', value: space });
  }
  return mergeText(out);
}

/** Adjacent text tokens as one, so line starts and blank lines are judged on the whole text. */
function mergeText(tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (const t of tokens) {
    const last = out[out.length - 1];
    if (t.type !== 'text') out.push(t);
    else if (last?.type === 'text') last.value += t.value;
    else if (t.value) out.push(t);
  }
  return out;
}
