import type { Status } from '../../memory/index.js';
import type { TargetStatus, XliffFormat } from './types.js';

/** How a memory status is written as an XLIFF target state. */
export interface TargetState {
  state: string;
  /** 2.0 `subState`. */
  subState?: string;
  /** 1.2 `state-qualifier`. */
  qualifier?: string;
  /** 1.2 `approved="yes"` on the trans-unit: only for reviewed and final translations, as the 1.2 spec defines it. */
  approved?: boolean;
}

/**
 * Memory status → XLIFF state. A machine translation is a suggestion for the
 * translator: 2.0 `initial` (the target is a draft), 1.2
 * `needs-review-translation` qualified as `mt-suggestion`; a memory match
 * likewise (`fuzzy-match`); a copy of the source is 1.2 `needs-translation`.
 */
const WRITE: Record<XliffFormat, Record<TargetStatus, TargetState>> = {
  xliff2: {
    'source-copy': { state: 'initial', subState: 'tolk:source-copy' },
    fuzzy: { state: 'initial', subState: 'tolk:fuzzy-match' },
    machine: { state: 'initial', subState: 'tolk:machine' },
    translated: { state: 'translated' },
    reviewed: { state: 'reviewed' },
    final: { state: 'final' },
  },
  xliff12: {
    // A copy of the source is no translation: 1.2's state for "needs to be translated".
    'source-copy': { state: 'needs-translation' },
    fuzzy: { state: 'needs-review-translation', qualifier: 'fuzzy-match' },
    machine: { state: 'needs-review-translation', qualifier: 'mt-suggestion' },
    translated: { state: 'translated' },
    reviewed: { state: 'signed-off', approved: true },
    final: { state: 'final', approved: true },
  },
};

export function targetState(format: XliffFormat, status: TargetStatus): TargetState {
  return WRITE[format][status];
}

/**
 * What a state read from a file means for the memory: a status, a `draft`
 * (the file's target is not a finished translation: 2.0 `initial`, 1.2 `new`,
 * `needs-…`, PO fuzzy entries through po2xliff), or unknown.
 */
export type StateMeaning = { status: Status } | { draft: true } | { unknown: string };

const READ_2: Record<string, StateMeaning> = {
  initial: { draft: true },
  translated: { status: 'translated' },
  reviewed: { status: 'reviewed' },
  final: { status: 'final' },
};

const READ_12: Record<string, StateMeaning> = {
  new: { draft: true },
  'needs-translation': { draft: true },
  'needs-adaptation': { draft: true },
  'needs-l10n': { draft: true },
  'needs-review-translation': { draft: true },
  'needs-review-adaptation': { draft: true },
  'needs-review-l10n': { draft: true },
  translated: { status: 'translated' },
  'signed-off': { status: 'reviewed' },
  final: { status: 'final' },
};

/**
 * A missing state is 2.0's default (`initial`); in 1.2 a target without a
 * state is taken as translated, as tools that do not track states write it.
 * 1.2 `x-…` extension states are drafts: tolk cannot know they are finished.
 */
export function stateMeaning(format: XliffFormat, state: string | undefined): StateMeaning {
  if (format === 'xliff2') {
    const name = state ?? 'initial';
    return Object.hasOwn(READ_2, name) ? READ_2[name]! : { unknown: name };
  }
  if (state === undefined) return { status: 'translated' };
  if (Object.hasOwn(READ_12, state)) return READ_12[state]!;
  return /^x-\S+$/.test(state) ? { draft: true } : { unknown: state };
}
