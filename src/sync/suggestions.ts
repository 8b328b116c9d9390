import type { Prefill, XliffSuggestion, XliffUnitOut } from '../exchange/index.js';
import { checkTags, tagShape } from '../tagged/index.js';
import type { FuzzyMatch, Status } from '../memory/index.js';

/** What the memory holds for a segment, as the export sees it. */
export interface CurrentTranslation {
  target: string;
  status: Status;
  /** `engine:apertium`, `human`, …; unknown for a UI string read from its locale file. */
  origin?: string;
}

export interface UnitTargetOptions {
  prefill: Prefill;
  /**
   * Where a person's translation goes (`--all`): `target`, as the unit's
   * current translation; `suggestion`, beside a target filled per `prefill`
   * (an OmegaT project: OmegaT translates whatever `<target>` holds).
   */
  translated: 'target' | 'suggestion';
}

/**
 * A unit's target and suggestions. The machine translation and the memory's
 * matches are offered as suggestions (1.2 `<alt-trans>`, 2.0 `<mtc:match>`),
 * never as the text to translate: CAT tools show them as matches, and a
 * target left as it was offered is no translation on import. `<target>` holds
 * a person's translation, or else what `prefill` says: a copy of the source,
 * the best suggestion whose tags fit the source, or nothing.
 */
export function unitTarget(
  source: string,
  current: CurrentTranslation | undefined,
  similar: readonly FuzzyMatch[],
  options: UnitTargetOptions,
): Pick<XliffUnitOut, 'target' | 'suggestions'> {
  const suggestions: XliffSuggestion[] = [];
  const person = current && current.status !== 'machine' ? current : undefined;
  if (person && options.translated === 'target') {
    return { target: { text: person.target, status: person.status }, ...withSuggestions(similar.map(memoryMatch)) };
  }
  if (person) suggestions.push({ kind: 'tm', target: person.target, origin: person.origin ?? 'human', quality: 100 });
  if (current?.status === 'machine') suggestions.push({ kind: 'mt', target: current.target, origin: current.origin ?? 'machine translation' });
  suggestions.push(...similar.map(memoryMatch));
  const target = prefillTarget(source, suggestions, options.prefill);
  return { ...(target ? { target } : {}), ...withSuggestions(suggestions) };
}

function prefillTarget(source: string, suggestions: readonly XliffSuggestion[], prefill: Prefill): XliffUnitOut['target'] {
  if (prefill === 'none') return undefined;
  if (prefill === 'source') return { text: source, status: 'source-copy' };
  const shape = tagShape(source);
  const fits = suggestions.find((s) => !checkTags(shape, s.target));
  if (!fits) return undefined;
  return { text: fits.target, status: fits.kind === 'mt' ? 'machine' : fits.quality === 100 && fits.source === undefined ? 'translated' : 'fuzzy' };
}

const memoryMatch = (m: FuzzyMatch): XliffSuggestion => ({ kind: 'tm', source: m.source, target: m.target, origin: m.origin, quality: m.score });

const withSuggestions = (suggestions: XliffSuggestion[]) => (suggestions.length ? { suggestions } : {});

/**
 * A unit whose current translation is a context-exact match: the target, when
 * it holds that translation and a person wrote it, is marked as one; offered as a memory match, it
 * is offered at 101 %, as OmegaT and Phrase rank a match whose neighbours match too.
 */
export function markContextMatch(unit: Pick<XliffUnitOut, 'target' | 'suggestions'>, translation: string): Pick<XliffUnitOut, 'target' | 'suggestions'> {
  // A machine translation stays a draft to review whatever its neighbours; a person's is the one marked.
  const person = unit.target && !['source-copy', 'machine', 'fuzzy'].includes(unit.target.status);
  const target = person && unit.target!.text === translation ? { ...unit.target!, context: true } : unit.target;
  const suggestions = unit.suggestions?.map((s) => (s.kind === 'tm' && s.source === undefined && s.target === translation ? { ...s, quality: 101 } : s));
  return { ...(target ? { target } : {}), ...(suggestions ? { suggestions } : {}) };
}
