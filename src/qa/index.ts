/** QA stage: rules over a source and its translation (numbers, engine marks, untranslated text, capitals, punctuation, length). */
export type { QaFinding, QaLanguages, QaOptions, QaRule } from './rule.js';
export { RULES, RULE_NAMES } from './rules/index.js';
export { checkQa, isAccepted, qaText, storedFinding, type QaSettings } from './run-qa.js';
export { numberUnits, type NumberUnit } from './numbers.js';
export { unmatchedNumbers } from './rules/number-mismatch.js';
export { engineMarks } from './rules/engine-mark.js';
export { NUMBER_WORD_LANGUAGES } from './number-words.js';
