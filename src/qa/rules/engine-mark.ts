import type { QaRule } from '../rule.js';

/**
 * Apertium's marks: `*word` unknown, `#word` generation gap, `@word` transfer
 * gap; also after an apostrophe (`trainingsschema’*s`) and inside a word.
 * A mark followed by the same word in the source (`#1`, `@KNVB`) is the
 * author's, not the engine's.
 */
const MARK = /(?<!&)[*#@][\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

export function engineMarks(source: string, target: string): string[] {
  const own = new Set(source.match(MARK) ?? []);
  return (target.match(MARK) ?? []).filter((m) => !own.has(m));
}

export const engineMark: QaRule = {
  name: 'engine-mark',
  severity: 'error',
  description: "an engine's unknown-word or analysis mark (Apertium `*`, `#`, `@`) left in the text",
  check(source, target) {
    const marks = engineMarks(source, target);
    if (marks.length === 0) return [];
    return [{ severity: 'error', rule: 'engine-mark', message: `engine marks left in the translation: ${marks.map((m) => `"${m}"`).join(', ')}`, actual: marks.join(', ') }];
  },
};
