import { serialize, tokenize } from '../tagged/index.js';
import type { Engine, EngineTranslation, TranslateRequest } from './engine.js';

/** Accented look-alikes: text stays readable while untranslated strings stand out. */
const ACCENTS: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((c, i) => [
    c,
    [...'àƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ'][i]!,
  ]),
);

/** Share of extra length, like German or Finnish against English. */
const EXPANSION = 0.3;

/**
 * Pseudo-localization: accents every letter, pads by ~30 % and brackets the
 * text, keeping tags and escapes exactly. Exercises the whole pipeline
 * offline and shows truncation and hard-coded strings in layouts.
 */
export function pseudoLocalize(tagged: string): string {
  const tokens = tokenize(tagged);
  const letters = tokens.reduce((n, t) => n + (t.type === 'text' ? t.value.length : 0), 0);
  if (letters === 0) return tagged;
  const out = tokens.map((t) => (t.type === 'text' ? { ...t, value: [...t.value].map((c) => ACCENTS[c] ?? c).join('') } : t));
  const padding = '·'.repeat(Math.max(1, Math.round(letters * EXPANSION) - 2));
  return `⟦${serialize(out)} ${padding}⟧`;
}

export function createPseudoEngine(): Engine {
  return {
    name: 'pseudo',
    limits: { maxSegments: 1000, maxCharacters: 1_000_000 },
    async translate(request: TranslateRequest): Promise<EngineTranslation[]> {
      return request.segments.map((text) => ({ text: pseudoLocalize(text) }));
    },
  };
}
