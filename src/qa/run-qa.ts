import type { Diagnostic, Severity } from '../core/diagnostic.js';
import { plainText } from '../tagged/index.js';
import type { QaLanguages, QaOptions } from './rule.js';
import { RULES } from './rules/index.js';

/** The `qa` config section as the stage needs it (see src/config/schema.ts for the defaults). */
export interface QaSettings extends QaOptions {
  /** Severity per rule; `off` turns a rule off. Rules not named keep their own. */
  rules?: Readonly<Record<string, Severity | 'off'>>;
  /** Accepted findings, `<segment id or its first 8+ characters>:<rule>`: never reported again. */
  accept?: readonly string[];
}

/**
 * Tagged text (`<1>…</1>`) as the rules read it: tags become spaces, so words
 * either side stay apart; pseudo-localization's brackets and padding
 * (`⟦Ĝöàļ ···⟧`) are not part of the text.
 */
export function qaText(tagged: string): string {
  // Most segments have no tag and no entity: the tagged string is the text (the QA runs on every one, every run).
  const plain = !tagged.includes('<') && !tagged.includes('&');
  const text = plain ? tagged : plainText(tagged.replace(/<\/?\d+\/?>/g, (tag) => `${tag} `)).replace(/[ \t]+/g, ' ');
  const pseudo = /^⟦([\s\S]*?) ·+⟧$/.exec(text);
  return pseudo ? pseudo[1]! : text;
}

/** Whether a person accepted this rule's finding for this segment (`qa.accept`). */
export function isAccepted(accept: readonly string[] | undefined, segment: string | undefined, rule: string): boolean {
  if (!accept?.length || !segment) return false;
  return accept.some((entry) => {
    const at = entry.lastIndexOf(':');
    const id = entry.slice(0, at);
    return entry.slice(at + 1) === rule && id.length >= 8 && segment.startsWith(id);
  });
}

/**
 * Every QA rule over one translation: the findings, severities as `qa.rules`
 * sets them, accepted ones left out. Source and target are tagged strings.
 */
export function checkQa(source: string, target: string, languages: QaLanguages, settings: QaSettings = {}, segment?: string): Diagnostic[] {
  const s = qaText(source);
  const t = qaText(target);
  const findings: Diagnostic[] = [];
  for (const rule of RULES) {
    const severity = settings.rules?.[rule.name] ?? rule.severity;
    if (severity === 'off' || isAccepted(settings.accept, segment, rule.name)) continue;
    for (const finding of rule.check(s, t, languages, settings)) findings.push({ ...finding, severity });
  }
  return findings;
}

/** The compact form stored with a translation in the memory, beside glossary violations: `rule: message`. */
export function storedFinding(finding: Diagnostic): string {
  return `${finding.rule}: ${finding.message}`;
}
