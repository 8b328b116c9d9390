/**
 * Which plural forms a language needs, from `Intl.PluralRules` (CLDR) — the
 * same rules i18next v4 resolves `key_<category>` with at runtime.
 *
 * The decision: a form is **required** when some count a page realistically
 * shows reaches it — every number below one million, whole or with one or two
 * decimals. A form CLDR lists but only counts of a million and more reach
 * (fr, es, it, pt, ca `many`: "1 000 000 de minutes") is **optional**:
 * accepted when present, never demanded. i18next's special `_zero` (looked up
 * first for count 0 in every language) is optional too, unless the source
 * string has one. Russian `other` is required: only fractions reach it
 * (1,5 минуты), but a count can be 1.5.
 *
 * `tolk check` and the string filler both call this, so they can never
 * disagree about what "complete" means.
 */
export const PLURAL_CATEGORIES = ['zero', 'one', 'two', 'few', 'many', 'other'] as const;
export type PluralCategory = (typeof PLURAL_CATEGORIES)[number];
export type PluralType = 'cardinal' | 'ordinal';

export interface PluralForms {
  language: string;
  type: PluralType;
  /** Forms every plural key must have, in CLDR order (zero, one, two, few, many, other). */
  required: PluralCategory[];
  /** Forms accepted when present but never demanded (never reported as extra). */
  optional: PluralCategory[];
  /** Required forms that exactly one number reaches (en `one` is only 1): there `{{count}}` may be written out. */
  single: PluralCategory[];
}

/**
 * The counts that decide reachability. CLDR rules look at the last two digits
 * of the integer part, at one or two visible decimals, or (the `many` above)
 * at multiples of a million, so 0–199, 1000–1019, tenths to 20.9, halves to
 * 199.5 and hundredths to 1.99 stand for every count below a million. (Checked
 * against 0–1099 with every tenth to 109.9 for all CLDR languages: the same
 * forms, a fifth of the work.)
 */
const CARDINAL_SAMPLES: readonly number[] = [
  ...new Set([
    ...Array.from({ length: 200 }, (_, i) => i),
    ...Array.from({ length: 20 }, (_, i) => 1000 + i),
    ...Array.from({ length: 210 }, (_, i) => i / 10),
    ...Array.from({ length: 200 }, (_, i) => i + 0.5),
    ...Array.from({ length: 200 }, (_, i) => i / 100),
  ]),
];
/** Ordinals (1st, 2nd…) are whole numbers. */
const ORDINAL_SAMPLES: readonly number[] = [...Array.from({ length: 200 }, (_, i) => i), ...Array.from({ length: 20 }, (_, i) => 1000 + i)];

const cache = new Map<string, PluralForms>();

export function pluralForms(language: string, type: PluralType = 'cardinal'): PluralForms {
  const cacheKey = `${language}\u0000${type}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const rules = new Intl.PluralRules(language, { type });
  const reached = new Map<PluralCategory, Set<number>>();
  for (const n of type === 'ordinal' ? ORDINAL_SAMPLES : CARDINAL_SAMPLES) {
    const category = rules.select(n) as PluralCategory;
    let numbers = reached.get(category);
    if (!numbers) reached.set(category, (numbers = new Set()));
    numbers.add(n);
  }
  const listed = new Set(rules.resolvedOptions().pluralCategories as PluralCategory[]);
  // i18next tries `key_zero` for count 0 in any language (cardinal only), so it is always a legitimate key.
  if (type === 'cardinal') listed.add('zero');
  listed.add('other');
  const required = PLURAL_CATEGORIES.filter((c) => reached.has(c) || c === 'other');
  const forms: PluralForms = {
    language,
    type,
    required,
    optional: PLURAL_CATEGORIES.filter((c) => listed.has(c) && !required.includes(c)),
    single: required.filter((c) => reached.get(c)?.size === 1),
  };
  cache.set(cacheKey, forms);
  return forms;
}

/** The plural forms (cardinal by default) every plural key must have in `language`. */
export function requiredPluralForms(language: string, type: PluralType = 'cardinal'): PluralCategory[] {
  return pluralForms(language, type).required;
}

/** i18next v4 defaults: `pluralSeparator` `_`, ordinal keys `key_ordinal_one`. */
const PLURAL_KEY = /^(.+?)_(ordinal_)?(zero|one|two|few|many|other)$/;

export interface PluralKey {
  base: string;
  category: PluralCategory;
  ordinal: boolean;
}

/** `readingTime_one` → `{ base: 'readingTime', category: 'one', ordinal: false }`; undefined for other keys. */
export function splitPluralKey(key: string): PluralKey | undefined {
  const match = PLURAL_KEY.exec(key);
  if (!match) return undefined;
  return { base: match[1]!, category: match[3] as PluralCategory, ordinal: Boolean(match[2]) };
}

export function pluralKey(base: string, category: PluralCategory, ordinal: boolean): string {
  return `${base}_${ordinal ? 'ordinal_' : ''}${category}`;
}
