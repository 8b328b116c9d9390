import type { Diagnostic } from '../core/diagnostic.js';
import { expectedKeys, groupSourceKeys, type ExpectedKey, type ExpectedKeys, type SourceKeys } from './expected-keys.js';
import { hasOwnText, type IdenticalAllowed } from './identical.js';
import { keyPosition } from './key-position.js';
import { pluralForms, pluralKey, splitPluralKey } from './plural-rules.js';
import { comparePlaceholders, describePlaceholders, placeholderSequence, placeholders } from './placeholders.js';
import type { Resource } from './resource.js';

/** Findings for one target namespace file, and how many of its required strings are there. */
export interface ResourceReport {
  findings: Diagnostic[];
  /** Required keys present with a non-empty value. */
  done: number;
  /** Required keys. */
  total: number;
}

export interface CheckResourceOptions {
  /** The identical-translation allow-list (see `identicalAllowed`). */
  identicalAllowed: IdenticalAllowed;
}

/** A required key with what checking it needs from the source. */
interface Check {
  want: ExpectedKey;
  /** The source text it translates; undefined or empty when the source has none to compare with. */
  sourceValue: string | null | undefined;
  sourceSequence: string;
  /** How `{{count}}` is judged (see `comparePlaceholders`). */
  count: 'as-source' | 'optional' | 'required';
}

/** What checking a target against one source file needs, for one set of plural rules. */
interface Prepared {
  expected: ExpectedKeys;
  checks: Check[];
  required: Set<string>;
  /** Plural groups, each by its `_other` key. */
  groups: Set<string>;
}

/**
 * Checks one target language's namespace file against the source's: missing
 * keys (plural forms by the target language's rules), empty values,
 * placeholders, keys the source does not have, and untranslated copies.
 */
export function checkResource(source: Resource, target: Resource, options: CheckResourceOptions): ResourceReport {
  const { language, namespace } = target;
  const { expected, checks, required, groups } = prepare(source, language);
  const findings: Diagnostic[] = [];
  const report = (severity: Diagnostic['severity'], rule: string, key: string, message: string, extra: Partial<Diagnostic> = {}) => {
    findings.push({ severity, rule, message, file: target.file, ...keyPosition(target, key), language, namespace, key, ...extra });
  };

  let done = 0;
  for (const { want, sourceValue, sourceSequence, count } of checks) {
    const value = target.strings.get(want.key);
    if (value === undefined) {
      findings.push({ severity: 'error', rule: 'missing', message: missingMessage(want, language), file: target.file, language, namespace, key: want.key });
      continue;
    }
    if (value === null || value.trim() === '') {
      report('error', 'empty', want.key, `"${want.key}" is empty`);
      continue;
    }
    done++;
    if (!sourceValue) continue;
    // Same placeholders in the same order agree; only a difference is worth the full comparison.
    const same = placeholderSequence(value) === sourceSequence && (count !== 'required' || sourceSequence.includes('{{count}}'));
    const diff = same ? undefined : comparePlaceholders(placeholders(sourceValue), placeholders(value), count);
    if (diff) {
      const parts = [
        diff.missing.length ? `missing ${diff.missing.join(' ')}` : '',
        diff.unexpected.length ? `unexpected ${diff.unexpected.join(' ')}` : '',
        diff.unbalanced ?? '',
      ].filter(Boolean);
      report('error', 'placeholder', want.key, `"${want.key}" placeholders differ from the source: ${parts.join('; ')}`, {
        expected: describePlaceholders(placeholders(sourceValue)),
        actual: describePlaceholders(placeholders(value)),
      });
    }
    if (value === sourceValue && hasOwnText(value) && !options.identicalAllowed(language, namespace, want.key, want.plural?.base)) {
      report('warning', 'identical', want.key, `"${want.key}" is the same as the source ("${clip(value)}"); if that is right, add it to strings.identicalAllowed`);
    }
  }

  for (const key of target.strings.keys()) {
    if (required.has(key) || expected.optional.has(key)) continue;
    const plural = splitPluralKey(key);
    const isForm = plural && groups.has(pluralKey(plural.base, 'other', plural.ordinal));
    report(
      'warning',
      'extra',
      key,
      isForm ? `"${key}": ${language} has no ${plural.ordinal ? 'ordinal ' : ''}plural form ${plural.category}` : `"${key}" is not in the source`,
    );
  }
  return { findings, done, total: checks.length };
}

interface SourceFacts {
  keys: SourceKeys;
  /** Placeholder sequences of source strings, by key. */
  sequences: Map<string, string>;
  bySignature: Map<string, Prepared>;
}

// Languages with the same plural rules (most have one/other) expect the same keys: worked out once per source file.
const facts = new WeakMap<Resource, SourceFacts>();

function prepare(source: Resource, language: string): Prepared {
  let known = facts.get(source);
  if (!known) facts.set(source, (known = { keys: groupSourceKeys(source.strings.keys()), sequences: new Map(), bySignature: new Map() }));
  const { keys, sequences, bySignature } = known;
  // Ordinal rules are worked out only for a source that has ordinal keys.
  const types = keys.hasOrdinals ? (['cardinal', 'ordinal'] as const) : (['cardinal'] as const);
  const signature = types
    .map((type) => pluralForms(language, type))
    .map((f) => `${f.required}/${f.optional}/${f.single}`)
    .join('|');
  let entry = bySignature.get(signature);
  if (entry) return entry;
  const expected = expectedKeys(keys, language);
  const sequence = (key: string) => {
    let s = sequences.get(key);
    if (s === undefined) sequences.set(key, (s = placeholderSequence(source.strings.get(key) ?? '')));
    return s;
  };
  entry = {
    expected,
    checks: expected.required.map((want) => ({
      want,
      sourceValue: source.strings.get(want.sourceKey),
      sourceSequence: sequence(want.sourceKey),
      count: countRule(want, source),
    })),
    required: new Set(expected.required.map((k) => k.key)),
    groups: new Set(expected.required.flatMap((k) => (k.plural ? [pluralKey(k.plural.base, 'other', k.plural.ordinal)] : []))),
  };
  bySignature.set(signature, entry);
  return entry;
}

/** How `{{count}}` is judged in this key (see `comparePlaceholders`). */
function countRule(want: ExpectedKey, source: Resource): Check['count'] {
  if (!want.plural) return 'as-source';
  if (want.plural.countOptional) return 'optional';
  // The general form says whether the group shows the number at all ("Reacties" never does).
  const general = pluralKey(want.plural.base, 'other', want.plural.ordinal);
  return [general, want.sourceKey].some((k) => placeholders(source.strings.get(k) ?? '').variables.has('count')) ? 'required' : 'as-source';
}

function missingMessage(want: ExpectedKey, language: string): string {
  if (!want.plural) return `missing "${want.key}"`;
  const forms = pluralForms(language, want.plural.ordinal ? 'ordinal' : 'cardinal').required;
  if (!forms.includes(want.plural.category)) return `missing "${want.key}" (the source has a ${want.plural.category} form of "${want.plural.base}")`;
  return `missing "${want.key}" (${language} needs the ${want.plural.ordinal ? 'ordinal ' : ''}plural forms ${forms.join(', ')})`;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
