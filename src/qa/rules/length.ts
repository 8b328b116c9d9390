import { primary, type QaRule } from '../rule.js';

/**
 * Target/source length ratios allowed per pair. The defaults cover the
 * middle 99 % of NTREX news sentences (bench-data/ntrex) for the pairs tolk
 * ships, widened a little; `qa.length` overrides them.
 */
export const DEFAULT_LENGTH: Readonly<Record<string, readonly [number, number]>> = {
  '*': [0.4, 2.5],
};

/** Shorter sources vary too much to judge: a two-word heading may double. */
const MIN_SOURCE = 20;

export function lengthRange(ranges: Readonly<Record<string, readonly [number, number]>> | undefined, source: string, target: string): readonly [number, number] {
  const pair = `${primary(source)}-${primary(target)}`;
  return ranges?.[pair] ?? DEFAULT_LENGTH[pair] ?? ranges?.['*'] ?? DEFAULT_LENGTH['*']!;
}

export const length: QaRule = {
  name: 'length',
  severity: 'warning',
  description: 'the target/source length ratio is outside the range for the language pair (qa.length)',
  check(source, target, languages, options) {
    const s = source.trim().length;
    if (s < MIN_SOURCE) return [];
    const ratio = target.trim().length / s;
    const [min, max] = lengthRange(options.length, languages.source, languages.target);
    if (ratio >= min && ratio <= max) return [];
    return [
      {
        severity: 'warning',
        rule: 'length',
        message: `the translation is ${ratio.toFixed(2)} times the source's length; ${languages.source}→${languages.target} expects ${min}–${max}`,
        expected: `${min}–${max}`,
        actual: ratio.toFixed(2),
      },
    ];
  },
};
