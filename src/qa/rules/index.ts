import type { QaRule } from '../rule.js';
import { capitalization } from './capitalization.js';
import { engineMark } from './engine-mark.js';
import { length } from './length.js';
import { numberMismatch } from './number-mismatch.js';
import { punctuation } from './punctuation.js';
import { untranslated } from './untranslated.js';

/** Every QA rule, in the order findings are reported. */
export const RULES: readonly QaRule[] = [numberMismatch, engineMark, untranslated, capitalization, punctuation, length];

export const RULE_NAMES = RULES.map((r) => r.name);
