import type { TermMatcher } from './match.js';
import { isAllowed } from './model.js';
import { matchText } from './check-translation.js';

export interface GlossaryHint {
  source: string;
  target: string;
}

/** The entries that occur in a batch, for engines that take a glossary (DeepL glossaries, an LLM prompt section). */
export function glossaryHints(segments: readonly string[], matcher: TermMatcher, targetLanguage: string): GlossaryHint[] {
  const hints = new Map<string, GlossaryHint>();
  for (const segment of segments) {
    for (const occurrence of matcher.find(matchText(segment))) {
      const target = (occurrence.concept.terms[targetLanguage] ?? []).find(isAllowed)?.text ?? (occurrence.concept.dnt ? occurrence.text : undefined);
      if (target) hints.set(occurrence.text.toLowerCase(), { source: occurrence.text, target });
    }
  }
  return [...hints.values()];
}
