/**
 * What a string must carry over into every translation, in i18next's default
 * syntax: interpolations `{{name}}` (format and the unescaped `-` prefix are
 * the translator's business, `{{date, datetime}}` and `{{- date}}` are both
 * `date`), nesting `$t(key)` and react-i18next `<Trans>` tags `<0>…</0>`,
 * `<1/>`, `<strong>`.
 */
export interface Placeholders {
  variables: Set<string>;
  nesting: Set<string>;
  /** Tag tokens as written (`<0>`, `</0>`, `<1/>`), with repeats: each must appear as often as in the source. */
  tags: Map<string, number>;
  /** Why the paired tags are not properly nested (`</0>…<0>`), when they are not. */
  unbalanced?: string;
}

const INTERPOLATION = /\{\{(.+?)\}\}/g;
const NESTING = /\$t\(\s*([^,)\s]+)/g;
const TAG = /<(\/?)([A-Za-z0-9][\w.-]*)\s*(\/?)>/g;
const NONE: Placeholders = Object.freeze({ variables: new Set<string>(), nesting: new Set<string>(), tags: new Map<string, number>() });

const SEQUENCE = /\{\{.+?\}\}|\$t\(\s*[^,)\s]+|<\/?[A-Za-z0-9][\w.-]*\s*\/?>/g;

/**
 * The placeholders exactly as written, in order, as one string. A translation
 * with the same sequence as its source agrees with it (same names, same
 * nesting), which settles most strings without building `Placeholders`.
 */
export function placeholderSequence(value: string): string {
  if (!value.includes('{{') && !value.includes('$t(') && !value.includes('<')) return '';
  return value.match(SEQUENCE)?.join('\u0000') ?? '';
}

export function placeholders(value: string): Placeholders {
  // Most strings carry none; skipping the regexes keeps 100,000 strings cheap.
  if (!value.includes('{{') && !value.includes('$t(') && !value.includes('<')) return NONE;
  const result: Placeholders = { variables: new Set(), nesting: new Set(), tags: new Map() };
  for (const m of value.matchAll(INTERPOLATION)) {
    const name = m[1]!.replace(/^\s*-\s*/, '').split(',')[0]!.trim();
    if (name) result.variables.add(name);
  }
  for (const m of value.matchAll(NESTING)) result.nesting.add(m[1]!.replace(/^['"]|['"]$/g, ''));
  for (const m of value.matchAll(TAG)) {
    const token = `<${m[1]}${m[2]}${m[3]}>`;
    result.tags.set(token, (result.tags.get(token) ?? 0) + 1);
  }
  const unbalanced = result.tags.size ? tagNesting(value) : undefined;
  if (unbalanced) result.unbalanced = unbalanced;
  return result;
}

export interface PlaceholderDiff {
  missing: string[];
  unexpected: string[];
  /** Tags present in the right numbers but not properly nested. */
  unbalanced?: string;
}

/**
 * Differences between a source string's placeholders and a translation's, or
 * undefined when they agree. `count` names how `{{count}}` is treated in a
 * plural form: `optional` where one number reaches the form ("one minute"),
 * `required` where many do (Russian `one` is 1, 21, 31…).
 */
export function comparePlaceholders(
  source: Placeholders,
  target: Placeholders,
  count: 'as-source' | 'optional' | 'required' = 'as-source',
): PlaceholderDiff | undefined {
  // Most strings have no placeholders on either side (`placeholders` returns one shared empty value for them).
  if (source === target && count !== 'required') return undefined;
  const missing: string[] = [];
  const unexpected: string[] = [];
  const expectedVariables = new Set(source.variables);
  if (count === 'required') expectedVariables.add('count');
  for (const name of expectedVariables) {
    if (!target.variables.has(name) && !(count === 'optional' && name === 'count')) missing.push(`{{${name}}}`);
  }
  for (const name of target.variables) {
    if (!expectedVariables.has(name) && !(count === 'optional' && name === 'count')) unexpected.push(`{{${name}}}`);
  }
  for (const key of source.nesting) if (!target.nesting.has(key)) missing.push(`$t(${key})`);
  for (const key of target.nesting) if (!source.nesting.has(key)) unexpected.push(`$t(${key})`);
  for (const [tag, n] of source.tags) {
    const found = target.tags.get(tag) ?? 0;
    for (let i = found; i < n; i++) missing.push(tag);
  }
  for (const [tag, n] of target.tags) {
    const wanted = source.tags.get(tag) ?? 0;
    for (let i = wanted; i < n; i++) unexpected.push(tag);
  }
  if (missing.length || unexpected.length) return { missing, unexpected };
  // A source that is itself unbalanced (a bare `<br>`) cannot ask more of its translation.
  if (target.unbalanced && !source.unbalanced) return { missing, unexpected, unbalanced: target.unbalanced };
  return undefined;
}

/** Why paired tags are not properly nested, or undefined when they are. */
function tagNesting(value: string): string | undefined {
  const stack: string[] = [];
  for (const m of value.matchAll(TAG)) {
    if (m[3]) continue;
    if (!m[1]) stack.push(m[2]!);
    else if (stack.pop() !== m[2]) return `</${m[2]}> closes a tag that is not open`;
  }
  return stack.length ? `<${stack.at(-1)}> is never closed` : undefined;
}

/** `{{name}}, $t(key), <0>` — the placeholders as a person reads them. */
export function describePlaceholders(p: Placeholders): string {
  const parts = [...[...p.variables].map((v) => `{{${v}}}`), ...[...p.nesting].map((k) => `$t(${k})`)];
  for (const [tag, n] of p.tags) for (let i = 0; i < n; i++) parts.push(tag);
  return parts.join(' ') || '(none)';
}
