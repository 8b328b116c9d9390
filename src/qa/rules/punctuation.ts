import type { QaRule } from '../rule.js';

/** Closing quotes and brackets that may follow a sentence's final mark. */
const TRAILING = new Set([...' \t\n\u00a0"\'“”„«»‘’›‹)]}*_']);
/** Sentence-final marks, full-width forms folded in. */
const FINAL: Record<string, string> = { '.': '.', '?': '?', '!': '!', '。': '.', '？': '?', '！': '!', '…': '…' };

function finalMark(text: string): string | undefined {
  let end = text.length - 1;
  while (end >= 0 && TRAILING.has(text[end]!)) end--;
  return end < 0 ? undefined : FINAL[text[end]!];
}

/** Double quotes of any language's style; single quotes double as apostrophes and are not counted. */
const QUOTES = [...'"“”„«»'];
/** Counted with indexOf, one quote character at a time: native scans, the rule runs on every segment. */
const quotes = (text: string) => {
  let n = 0;
  for (const q of QUOTES) for (let at = text.indexOf(q); at !== -1; at = text.indexOf(q, at + 1)) n++;
  return n;
};

function bracketsBalanced(text: string): boolean {
  if (!/[()[\]]/.test(text)) return true;
  let depth = 0;
  for (const c of text) {
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    if (depth < 0) return false;
  }
  return depth === 0;
}

export const punctuation: QaRule = {
  name: 'punctuation',
  severity: 'warning',
  description: 'sentence-final ?, ! or . differs, or quotes and brackets are unpaired where the source pairs them',
  check(source, target) {
    const findings: ReturnType<QaRule['check']> = [];
    const s = finalMark(source);
    const t = finalMark(target);
    if ((s === '?' || s === '!' || s === '.') && s !== t && !(s === '.' && t === '…')) {
      findings.push({ severity: 'warning', rule: 'punctuation', message: `the source ends with "${s}", the translation ${t ? `with "${t}"` : 'without one'}`, expected: s, actual: t ?? '' });
    }
    const sq = quotes(source);
    const tq = quotes(target);
    if (sq % 2 === 0 && (tq % 2 === 1 || (sq > 0 && tq === 0))) {
      findings.push({ severity: 'warning', rule: 'punctuation', message: `the source has ${sq} quotation marks, the translation ${tq}`, expected: String(sq), actual: String(tq) });
    }
    if (bracketsBalanced(source) && !bracketsBalanced(target)) {
      findings.push({ severity: 'warning', rule: 'punctuation', message: 'the brackets of the translation are not paired' });
    }
    return findings;
  },
};
