import { InputError } from '../core/errors.js';

/** A resource's strings by flat key; `null` is a value i18next treats as missing. */
export type FlatStrings = Map<string, string | null>;

/**
 * Flattens an i18next v4 resource the way i18next looks keys up with its
 * default `keySeparator` `.`: `{ "nav": { "home": "…" } }` and `{ "nav.home": "…" }`
 * are the same key. Arrays are indexed (`list.0`) as i18next does.
 */
export function flattenStrings(value: unknown, file: string): FlatStrings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(`expected an object of strings at the top level, got ${Array.isArray(value) ? 'an array' : describe(value)}`, { file, line: 1 });
  }
  const out: FlatStrings = new Map();
  const walk = (node: unknown, prefix: string) => {
    if (node === null) out.set(prefix, null);
    else if (typeof node === 'string') out.set(prefix, node);
    else if (typeof node === 'number' || typeof node === 'boolean') out.set(prefix, String(node));
    else if (Array.isArray(node)) node.forEach((child, i) => walk(child, `${prefix}.${i}`));
    else for (const [key, child] of Object.entries(node as Record<string, unknown>)) walk(child, prefix ? `${prefix}.${key}` : key);
  };
  walk(value, '');
  return out;
}

function describe(value: unknown): string {
  return value === null ? 'null' : `a ${typeof value}`;
}
