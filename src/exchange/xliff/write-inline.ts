import { tokenize } from '../../tagged/index.js';
import { escapeXmlAttribute as attr, escapeXmlText as text } from '../xml/escape-xml.js';
import type { CodeHint, Xliff12Codes, XliffFormat } from './types.js';

/** XLIFF 2.0 `type` of a code, by the mdast node it stands for; anything else is `other`. */
const TYPE_2: Readonly<Record<string, string>> = {
  strong: 'fmt',
  emphasis: 'fmt',
  delete: 'fmt',
  break: 'fmt',
  link: 'link',
  linkReference: 'link',
  image: 'image',
  imageReference: 'image',
};

/** 1.2 `ctype` of a paired code (`<g>`, `<bpt>`): the spec's delimiter names where one fits. */
const CTYPE_PAIRED: Readonly<Record<string, string>> = {
  strong: 'bold',
  emphasis: 'italic',
  delete: 'x-strikethrough',
  link: 'link',
  linkReference: 'link',
};

/** 1.2 `ctype` of a standalone code (`<x/>`, `<ph>`): the spec's placeholder names where one fits. */
const CTYPE_VOID: Readonly<Record<string, string>> = {
  image: 'image',
  imageReference: 'image',
  break: 'lb',
};

/** Any other node type as a 1.2 extension value: `inlineCode` → `x-inline-code`. */
const extension = (nodeType: string) => `x-${nodeType.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

const ctype = (hint: CodeHint | undefined, paired: boolean): string | undefined =>
  hint && ((paired ? CTYPE_PAIRED : CTYPE_VOID)[hint.nodeType] ?? extension(hint.nodeType));

const attributes = (pairs: Array<[string, string | undefined]>) =>
  pairs.map(([name, value]) => (value === undefined ? '' : ` ${name}="${attr(value)}"`)).join('');

/**
 * A tagged string as XLIFF inline content. Every tag must be kept exactly
 * once (tolk puts the markup back from the source by tag number), so 2.0
 * codes say `canCopy="no" canDelete="no"`; the Markdown they stand for is
 * shown through `disp`/`dispStart`/`dispEnd` (2.0) or `equiv-text` (1.2).
 * The caller passes a string whose tags are balanced (checked against the
 * source): a paired tag becomes one element around its content.
 */
export function inlineXliff(tagged: string, format: XliffFormat, codes: Xliff12Codes, hints?: ReadonlyMap<number, CodeHint>): string {
  return tokenize(tagged)
    .map((token) => {
      if (token.type === 'text') return text(token.value);
      const hint = hints?.get(token.id);
      const id = String(token.id);
      if (format === 'xliff2') {
        const type = hint ? (TYPE_2[hint.nodeType] ?? 'other') : undefined;
        const fixed: Array<[string, string | undefined]> = [['id', id], ['type', type], ['canCopy', 'no'], ['canDelete', 'no']];
        if (token.type === 'void') return `<ph${attributes([...fixed, ['disp', hint?.open]])}/>`;
        if (token.type === 'open') return `<pc${attributes([...fixed, ['dispStart', hint?.open], ['dispEnd', hint?.close]])}>`;
        return '</pc>';
      }
      if (codes === 'bpt') {
        if (token.type === 'void') return `<ph${attributes([['id', id], ['ctype', ctype(hint, false)]])}>&lt;${id}/&gt;</ph>`;
        if (token.type === 'open') return `<bpt${attributes([['id', id], ['ctype', ctype(hint, true)]])}>&lt;${id}&gt;</bpt>`;
        return `<ept id="${id}">&lt;/${id}&gt;</ept>`;
      }
      if (token.type === 'void') return `<x${attributes([['id', id], ['ctype', ctype(hint, false)], ['equiv-text', hint?.open]])}/>`;
      if (token.type === 'open') return `<g${attributes([['id', id], ['ctype', ctype(hint, true)]])}>`;
      return '</g>';
    })
    .join('');
}
