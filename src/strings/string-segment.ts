import { segmentId, serialize, tokenize } from '../tagged/index.js';
import type { ExpectedKey } from './expected-keys.js';
import { toTagged, fromTagged, type TaggedValue } from './i18next-markup.js';

/**
 * One UI string as the memory, the engines and translators see it: the
 * source value of an expected key, tagged, keyed like an article segment.
 * A plural form is shown with a number of its category in place of
 * `{{count}}` ("5 минут" for Russian `many`, "3 минуты" for `few`), so every
 * form gets its own grammar and its own segment id; the number is turned
 * back into `{{count}}` on the way into the locale file.
 */
export interface StringSegment {
  id: string;
  value: TaggedValue;
  /** The count shown in place of `{{count}}` for a plural form. */
  sample?: number;
  /** The form is reached by one number only, so a translation may spell it out ("Een minuut"). */
  countOptional?: boolean;
}

export function stringSegment(sourceLanguage: string, source: string, expected: ExpectedKey, language: string): StringSegment {
  const sample =
    expected.plural && source.includes('{{count}}') ? sampleCount(language, expected.plural.category, expected.plural.ordinal) : undefined;
  const value = toTagged(sample === undefined ? source : source.replaceAll('{{count}}', String(sample)));
  return {
    id: segmentId(sourceLanguage, value.tagged),
    value,
    ...(sample !== undefined ? { sample } : {}),
    ...(expected.plural?.countOptional ? { countOptional: true } : {}),
  };
}

/**
 * A tagged translation as the value for the locale file: the i18next markup
 * put back and the sample number turned back into `{{count}}`. A problem when
 * the number did not survive where the form needs it.
 */
export function stringValue(segment: StringSegment, tagged: string): { value: string } | { problem: string } {
  const text = fromTagged(tagged, segment.value.markup);
  if (segment.sample === undefined) return { value: text };
  const number = new RegExp(`(?<![\\d.,])${segment.sample}(?![\\d])`);
  if (number.test(text)) return { value: text.replace(number, '{{count}}') };
  if (segment.countOptional) return { value: text };
  return { problem: `the count ${segment.sample} did not come back; cannot place {{count}}` };
}

/**
 * A value from a locale file as a tagged string numbered like the source's
 * tags, so a translation written straight into the JSON can be shown to a
 * translator or stored in the memory. Undefined when it carries markup the
 * source does not have.
 */
export function taggedLike(segment: StringSegment, value: string): string | undefined {
  const own = toTagged(segment.sample === undefined ? value : value.replaceAll('{{count}}', String(segment.sample)));
  const free = [...segment.value.markup].map(([id, m]) => ({ id, key: `${m.open}\u0000${m.close ?? ''}` }));
  const ids = new Map<number, number>();
  for (const [id, m] of own.markup) {
    const at = free.findIndex((f) => f.key === `${m.open}\u0000${m.close ?? ''}`);
    if (at === -1) return undefined;
    ids.set(id, free.splice(at, 1)[0]!.id);
  }
  return serialize(tokenize(own.tagged).map((t) => (t.type === 'text' ? t : { ...t, id: ids.get(t.id)! })));
}

/** A whole number that the language's plural rules put in `category` (2+ where possible, so the noun is not singular by accident). */
function sampleCount(language: string, category: string, ordinal: boolean): number | undefined {
  const rules = new Intl.PluralRules(language, { type: ordinal ? 'ordinal' : 'cardinal' });
  for (const n of [...Array.from({ length: 199 }, (_, i) => i + 2), 1, 0]) if (rules.select(n) === category) return n;
  return undefined;
}
