import { numberUnits, type NumberUnit } from '../numbers.js';
import { numberWords } from '../number-words.js';
import type { QaRule } from '../rule.js';

const key = (u: NumberUnit) => u.parts.join('|');

/**
 * Pairs the units of one side with the other's: the same unit; else a joined
 * unit (`5-3`) with the same numbers written apart in the same order (`5 tegen
 * 3`); else a number one to twelve with its word. What is left differs.
 */
export function unmatchedNumbers(source: string, target: string, languages: { source: string; target: string }): { source: NumberUnit[]; target: NumberUnit[] } {
  // Most sentences have no digit at all; words alone never raise a finding.
  if (!/\d/.test(source) && !/\d/.test(target)) return { source: [], target: [] };
  const s = numberUnits(source, languages.source);
  const t = numberUnits(target, languages.target);
  const sFree = s.map(() => true);
  const tFree = t.map(() => true);
  for (let i = 0; i < s.length; i++) {
    const j = t.findIndex((u, k) => tFree[k] && key(u) === key(s[i]!));
    if (j >= 0) sFree[i] = tFree[j] = false;
  }
  // Written exactly alike on both sides (`4.40`, a time in Dutch, a decimal in English): the same.
  for (let i = 0; i < s.length; i++) {
    if (!sFree[i]) continue;
    const j = t.findIndex((u, k) => tFree[k] && u.text === s[i]!.text);
    if (j >= 0) sFree[i] = tFree[j] = false;
  }
  // An ambiguous writing read the other way (`1,127` in an Afrikaans text, `6:00` for 6).
  for (let i = 0; i < s.length; i++) {
    if (!sFree[i]) continue;
    const j = t.findIndex((u, k) => tFree[k] && (u.alt?.join('|') === key(s[i]!) || s[i]!.alt?.join('|') === key(u) || (u.alt && u.alt.join('|') === s[i]!.alt?.join('|'))));
    if (j >= 0) sFree[i] = tFree[j] = false;
  }
  // A joined unit against numbers written apart, in the same order (`5-3` = `5 tegen 3`); blocks read as one
  // grouped number on one side against numbers on the other (a phone number `116 123` = `116`, `123`).
  const inRun = (parts: string[], single: NumberUnit[], oFree: boolean[]): boolean => {
    for (let k = 0; k + parts.length <= single.length; k++) {
      const run = single.slice(k, k + parts.length);
      if (run.every((r, m) => oFree[k + m] && r.parts.length === 1 && r.parts[0] === parts[m])) {
        for (let m = 0; m < run.length; m++) oFree[k + m] = false;
        return true;
      }
    }
    return false;
  };
  const apart = (joined: NumberUnit[], jFree: boolean[], single: NumberUnit[], oFree: boolean[]) => {
    joined.forEach((u, i) => {
      if (!jFree[i]) return;
      const blocks = u.text.split(/[\s\u00a0\u202f\u2009]+/);
      const parts = u.parts.length >= 2 ? u.parts : blocks.length >= 2 && blocks.every((b) => /^\d+$/.test(b)) ? blocks.map((b) => String(Number(b))) : undefined;
      // A year range written short (`1950-53`) against the years written apart: its other reading.
      const whole = u.alt && u.alt.length >= 2 ? u.alt : undefined;
      if ((parts && inRun(parts, single, oFree)) || (whole && inRun(whole, single, oFree))) jFree[i] = false;
    });
  };
  apart(s, sFree, t, tFree);
  apart(t, tFree, s, sFree);
  // One to twelve may be written as words on the other side.
  const words = (units: NumberUnit[], free: boolean[], otherText: string, otherLanguage: string) => {
    // Reading every word is the costly part: only when a number is still unpaired.
    if (!units.some((u, i) => free[i] && u.parts.length === 1)) return;
    const counts = numberWords(otherText, otherLanguage);
    units.forEach((u, i) => {
      if (!free[i] || u.parts.length !== 1) return;
      // `1980` may be written `de jaren tachtig`: its short reading counts too.
      const n = [Number(u.parts[0]), ...(u.alt?.length === 1 ? [Number(u.alt[0])] : [])].find((v) => (counts.get(v) ?? 0) > 0) ?? Number(u.parts[0]);
      const left = counts.get(n) ?? 0;
      if (left > 0) {
        counts.set(n, left - 1);
        free[i] = false;
      }
    });
  };
  words(s, sFree, target, languages.target);
  words(t, tFree, source, languages.source);
  return { source: s.filter((_, i) => sFree[i]), target: t.filter((_, i) => tFree[i]) };
}

const list = (units: NumberUnit[]) => units.map((u) => `"${u.text}"`).join(', ');

export const numberMismatch: QaRule = {
  name: 'number-mismatch',
  severity: 'error',
  description: 'the numbers of source and translation differ (locale-aware; scores and times compared as ordered units)',
  check(source, target, languages) {
    const left = unmatchedNumbers(source, target, languages);
    if (left.source.length === 0 && left.target.length === 0) return [];
    const message =
      left.source.length && left.target.length
        ? `numbers differ: ${list(left.source)} in the source, ${list(left.target)} in the translation`
        : left.source.length
          ? `${list(left.source)} in the source is missing from the translation`
          : `${list(left.target)} in the translation is not in the source`;
    return [
      {
        severity: 'error',
        rule: 'number-mismatch',
        message,
        expected: left.source.map((u) => u.text).join(', '),
        actual: left.target.map((u) => u.text).join(', '),
      },
    ];
  },
};
