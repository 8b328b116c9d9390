import { escapeText, serialize, tokenize, type Token } from '../tagged/index.js';

/**
 * i18next values as tagged strings and back, so engines see only text and
 * placeholders: interpolations `{{name}}`, nesting `$t(key)` and self-closing
 * `<br/>`/`<0/>` become void tags, Trans components `<0>…</0>` paired tags.
 * The original markup is kept aside and put back exactly.
 */
const MARKUP = /\{\{[^{}]*\}\}|\$t\((?:[^()]|\([^()]*\))*\)|<(\/?)([0-9]+|[a-zA-Z][\w-]*)\s*(\/?)>/g;

export interface TaggedValue {
  tagged: string;
  /** Tag id → the markup it stands for (`{{name}}`, `<0>`, `</0>`). */
  markup: Map<number, { open: string; close?: string }>;
}

export function toTagged(value: string): TaggedValue {
  const markup: TaggedValue['markup'] = new Map();
  const open: Array<{ name: string; id: number }> = [];
  let out = '';
  let at = 0;
  let next = 1;
  for (const match of value.matchAll(MARKUP)) {
    out += escapeText(value.slice(at, match.index));
    at = match.index + match[0].length;
    const [whole, closing, name, selfClosing] = match;
    if (name === undefined || selfClosing) {
      markup.set(next, { open: whole });
      out += `<${next++}/>`;
    } else if (!closing) {
      markup.set(next, { open: whole });
      open.push({ name, id: next });
      out += `<${next++}>`;
    } else {
      const index = open.map((o) => o.name).lastIndexOf(name);
      if (index === -1) {
        // A stray closing tag is kept as an opaque placeholder.
        markup.set(next, { open: whole });
        out += `<${next++}/>`;
        continue;
      }
      const [opened] = open.splice(index, 1);
      markup.get(opened!.id)!.close = whole;
      out += `</${opened!.id}>`;
    }
  }
  out += escapeText(value.slice(at));
  // An element opened but never closed stays as written: make it void.
  for (const { id } of open) out = out.replace(`<${id}>`, `<${id}/>`);
  return { tagged: out, markup };
}

/** Puts the i18next markup back into a translated tagged string. */
export function fromTagged(tagged: string, markup: TaggedValue['markup']): string {
  return tokenize(tagged)
    .map((t: Token) =>
      t.type === 'text' ? t.value : t.type === 'close' ? (markup.get(t.id)?.close ?? '') : (markup.get(t.id)?.open ?? ''),
    )
    .join('');
}

/** For tests and tools: the tagged form's tokens re-serialized (normalizes escapes). */
export const normalizeTagged = (tagged: string): string => serialize(tokenize(tagged));
