import { UsageError } from '../core/errors.js';

/** `--to a, b` → `["a", "b"]`; a list that names nothing is a usage error. */
export function languageList(value: string, flag = '--to'): string[] {
  const list = value.split(',').map((l) => l.trim()).filter(Boolean);
  if (list.length === 0) throw new UsageError(`${flag} names no language`);
  return list;
}

/** A whole number within bounds, or a usage error saying what was expected and what came. */
export function wholeNumber(value: string, flag: string, min: number, max: number): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!(n >= min && n <= max)) throw new UsageError(`${flag} expects a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}
