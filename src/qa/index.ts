/** QA stage: rules over a source and its translation (numbers, engine marks, untranslated text, capitals, punctuation, length). */
export type { QaFinding, QaLanguages, QaOptions, QaRule } from './rule.js';
export { RULE_NAMES } from './rules/index.js';
export { checkQa, storedFinding, type QaSettings } from './run-qa.js';
export { numberUnits, type NumberUnit } from './numbers.js';
