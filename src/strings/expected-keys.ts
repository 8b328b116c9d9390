import { pluralForms, pluralKey, splitPluralKey, type PluralCategory } from './plural-rules.js';

/** One key a target language must (or may) have, and the source key it translates. */
export interface ExpectedKey {
  key: string;
  /**
   * The source key whose text this key translates: the same key, or for a
   * plural form the source's form of the same category, else its `_other`
   * (Russian `_few` translates Dutch `_other`).
   */
  sourceKey: string;
  plural?: {
    base: string;
    category: PluralCategory;
    ordinal: boolean;
    /** Exactly one number reaches this form (en `one`, explicit `zero`), so a translation may spell it out instead of `{{count}}`. */
    countOptional: boolean;
  };
}

export interface ExpectedKeys {
  /** Keys the target must have, in source order. */
  required: ExpectedKey[];
  /** Plural forms the target may have without being asked (see `pluralForms`); never reported as extra. */
  optional: Map<string, ExpectedKey>;
}

/** The forms of one plural key in the source. */
export interface PluralGroup {
  base: string;
  ordinal: boolean;
  categories: Set<PluralCategory>;
}

/** Source keys in order, plural forms gathered into their groups: the part of `expectedKeys` no language changes. */
export interface SourceKeys {
  order: ReadonlyArray<string | PluralGroup>;
  hasOrdinals: boolean;
}

export function groupSourceKeys(sourceKeys: Iterable<string>): SourceKeys {
  const order: Array<string | PluralGroup> = [];
  const groups = new Map<string, PluralGroup>();
  for (const key of sourceKeys) {
    const plural = splitPluralKey(key);
    if (!plural) {
      order.push(key);
      continue;
    }
    const id = `${plural.ordinal ? 'o' : 'c'}${plural.base}`;
    let group = groups.get(id);
    if (!group) {
      group = { base: plural.base, ordinal: plural.ordinal, categories: new Set() };
      groups.set(id, group);
      order.push(group);
    }
    group.categories.add(plural.category);
  }
  return { order, hasOrdinals: [...groups.values()].some((g) => g.ordinal) };
}

/**
 * The keys a target language needs for a source resource: every non-plural
 * key as it is, and every plural key with the target language's forms instead
 * of the source's. Context variants (`key_male`, `key_male_one`) are keys of
 * their own in the source, so they are expected as they are. Check and fill
 * both use this, so they never disagree.
 */
export function expectedKeys(sourceKeys: Iterable<string> | SourceKeys, language: string): ExpectedKeys {
  const { order } = Symbol.iterator in sourceKeys ? groupSourceKeys(sourceKeys as Iterable<string>) : (sourceKeys as SourceKeys);
  const result: ExpectedKeys = { required: [], optional: new Map() };
  for (const item of order) {
    if (typeof item === 'string') {
      result.required.push({ key: item, sourceKey: item });
      continue;
    }
    const forms = pluralForms(language, item.ordinal ? 'ordinal' : 'cardinal');
    // A `_zero` the source wrote on purpose ("Nog geen reacties") is a sentence every language needs.
    const explicitZero = !item.ordinal && item.categories.has('zero') && !forms.required.includes('zero');
    const required = explicitZero ? (['zero', ...forms.required] as PluralCategory[]) : forms.required;
    const fallback = item.categories.has('other') ? 'other' : [...item.categories].at(-1)!;
    const entry = (category: PluralCategory): ExpectedKey => ({
      key: pluralKey(item.base, category, item.ordinal),
      sourceKey: pluralKey(item.base, item.categories.has(category) ? category : fallback, item.ordinal),
      plural: {
        base: item.base,
        category,
        ordinal: item.ordinal,
        countOptional: category === 'zero' || forms.single.includes(category),
      },
    });
    for (const category of required) result.required.push(entry(category));
    for (const category of forms.optional) {
      if (!required.includes(category)) result.optional.set(pluralKey(item.base, category, item.ordinal), entry(category));
    }
  }
  return result;
}
