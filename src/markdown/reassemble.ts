import type { Diagnostic } from '../core/diagnostic.js';
import type { SegmentedArticle, Unit } from './article.js';
import { escapeInline, escapeTitle, protectHeadingEnd, type TextStyle } from './escape-markdown.js';
import { setFrontMatterKeys, yamlScalar } from './front-matter.js';
import { flankingTypes } from './node-roles.js';
import { parseMarkdown } from './parse.js';
import { treeShape } from './shape.js';
import { checkTags, tagShape, tokenize, type Token } from './tagged.js';

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
}

export interface ReassembleResult {
  text: string;
  /** Units whose translation was used. */
  translated: number;
  /** Translatable units. */
  total: number;
  /** Problems per segment: tag damage, structure changes. The source text was kept for those. */
  diagnostics: Diagnostic[];
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
    if (translation === unit.segment.source && !options.regenerate) return chosen.set(unit, 'source');
    const problem = checkTags(tagShape(unit.segment.source), translation);
    if (problem) {
      state.translated--;
      report(unit, 'tag-damage', `translation has broken tags (${problem}); source text kept`);
      return chosen.set(unit, 'source');
    }
    chosen.set(unit, tokenize(translation));
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
      default:
        return renderInline(unit, moveFlankingSpace(unit, tokens), unit.style);
    }
  };

  const renderInline = (unit: Unit, tokens: Token[], style: TextStyle): string => {
    let out = '';
    let atLineStart = true;
    for (const token of tokens) {
      if (token.type === 'text') {
        out += escapeInline(token.value, { style, atLineStart, prefix: unit.prefix, eol: article.eol });
        atLineStart = false;
        continue;
      }
      const tag = unit.tags.get(token.id)!;
      const range = token.type === 'close' ? tag.close! : tag.open;
      const raw = renderRange(range[0], range[1], unit.children);
      out += raw;
      atLineStart = style === 'flow' && raw.endsWith('\n');
      if (atLineStart) out += unit.prefix;
    }
    return style === 'heading' ? protectHeadingEnd(out) : out.replace(/[ \t]+$/, '');
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

  let text = render();
  if (options.verify !== false && state.translated > 0) {
    const expected = treeShape(parseMarkdown(article.text));
    if (treeShape(parseMarkdown(text)) !== expected) {
      // Find the culprits: each regenerated unit alone must keep the shape.
      const candidates = [...chosen].filter(([, t]) => t !== 'source').map(([u]) => u);
      for (const unit of candidates) {
        const others = candidates.filter((u) => u !== unit);
        others.forEach((u) => rejected.add(u));
        const alone = renderRange(0, article.text.length, article.units);
        others.forEach((u) => rejected.delete(u));
        if (treeShape(parseMarkdown(alone)) !== expected) {
          rejected.add(unit);
          state.translated--;
          report(unit, 'structure-changed', 'translation would change the article structure; source text kept');
        }
      }
      text = render();
      if (treeShape(parseMarkdown(text)) !== expected) {
        // Interactions between units: give up on all regenerated text rather than write a damaged article.
        for (const unit of candidates) if (!rejected.has(unit)) {
          rejected.add(unit);
          state.translated--;
          report(unit, 'structure-changed', 'translations together change the article structure; source text kept');
        }
        text = render();
      }
    }
  }
  return { text, translated: state.translated, total: state.total, diagnostics };
}

/**
 * Emphasis delimiters only work when they touch text: ` <1> fast</1>` would
 * print `* fast*`. Whitespace just inside a flanking pair moves outside it.
 */
/** Sets keys inside a rendered `---` block, leaving its fences and other lines as they are. */
function updateBlock(block: string, values: Record<string, unknown>, eol: string): string {
  const open = /^(---|\+\+\+)[ \t]*\r?\n/.exec(block);
  const close = /\r?\n(---|\+\+\+)[ \t]*$/.exec(block);
  if (!open || !close || open[1] !== '---') return block; // TOML front matter is left alone
  const yamlText = block.slice(open[0].length, Math.max(open[0].length, close.index));
  return open[0] + setFrontMatterKeys(yamlText, values, eol) + block.slice(close.index);
}

function moveFlankingSpace(unit: Unit, tokens: Token[]): Token[] {
  const out = tokens.map((t) => ({ ...t }));
  for (let i = 0; i < out.length; i++) {
    const t = out[i]!;
    if (t.type === 'text' || t.type === 'void') continue;
    if (!flankingTypes.has(unit.tags.get(t.id)?.nodeType ?? '')) continue;
    if (t.type === 'open') {
      const next = out[i + 1];
      const space = next?.type === 'text' ? /^\s+/.exec(next.value)?.[0] : undefined;
      if (next?.type === 'text' && space) {
        next.value = next.value.slice(space.length);
        out.splice(i, 0, { type: 'text', value: space });
        i++;
      }
    } else {
      const prev = out[i - 1];
      const space = prev?.type === 'text' ? /\s+$/.exec(prev.value)?.[0] : undefined;
      if (prev?.type === 'text' && space) {
        prev.value = prev.value.slice(0, -space.length);
        out.splice(i + 1, 0, { type: 'text', value: space });
      }
    }
  }
  return out;
}
