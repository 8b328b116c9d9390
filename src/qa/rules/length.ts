import { primary, type QaRule } from '../rule.js';

/**
 * Target/source length ratios allowed per pair. Measured on NTREX-128's
 * professional translations (sources of 20+ characters, 1,969–1,980 pairs
 * each): the 0.5th percentile less 0.1 and the 99.5th plus 0.2, rounded
 * outward to 0.05 — nl→af 0.56–1.36 became 0.45–1.60. Other pairs keep one
 * wide default (under 40 % or over 250 % of its source a translation is almost
 * always cut off or doubled). `qa.length` sets a range per pair or for `"*"`.
 */
export const DEFAULT_LENGTH: Readonly<Record<string, readonly [number, number]>> = {
  '*': [0.4, 2.5],
  'nl-af': [0.45, 1.6],
  'nl-en': [0.4, 1.5],
  'nl-de': [0.45, 1.8],
  'nl-fr': [0.45, 1.9],
  'nl-es': [0.5, 1.85],
  'nl-ru': [0.45, 1.95],
  'en-es': [0.65, 1.95],
  'en-nl': [0.65, 2.1],
  'en-af': [0.65, 1.75],
  'en-de': [0.7, 2.1],
  'en-fr': [0.6, 2.1],
  'en-ru': [0.55, 2.15],
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
