import { primary, type QaRule } from '../rule.js';

/**
 * Target/source length ratios allowed per pair: one wide default (a
 * translation under 40 % or over 250 % of its source is almost always cut
 * off or doubled); `qa.length` sets the range per pair.
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
