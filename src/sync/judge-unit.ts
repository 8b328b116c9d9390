import { stateMeaning, type XliffFormat, type XliffUnitIn } from '../exchange/index.js';
import { checkTags, normalizeSource, plainText, segmentId, tagShape } from '../tagged/index.js';
import type { Status } from '../memory/index.js';
import { shortId } from '../localized/index.js';

const SEGMENT_ID = /^[0-9a-f]{64}$/;

export type Verdict =
  | { reject: [rule: string, message: string] }
  | { untranslated: true }
  | {
      segmentId: string;
      source: string;
      target: string;
      status: Status;
      draft: boolean;
      current: boolean;
      /** The target is one of the suggestions the file offered (1.2 `<alt-trans>`, 2.0 `<mtc:match>`), as it was offered. */
      offered: boolean;
    };

/**
 * One unit against the project. The segment is named by the unit id (or,
 * for tools that renumber units, the location context po2xliff keeps, or
 * the resname), and the source must be the text that id was made from; a
 * unit that names no id is found by its source text alone. `known` holds
 * the tagged source of every current segment and UI string of the unit's
 * language, by id.
 */
export function judgeUnit(unit: XliffUnitIn, format: XliffFormat, sourceLanguage: string, known: ReadonlyMap<string, string>): Verdict {
  if ('problem' in unit.source) return { reject: ['xliff-source', `the source cannot be read: ${unit.source.problem}`] };
  const source = unit.source.tagged;
  if (plainText(source).trim() === '') return { reject: ['xliff-source', 'the source is empty'] };
  const ownCheck = checkTags(tagShape(source), source);
  if (ownCheck) return { reject: ['xliff-codes', `the source's inline codes are broken (${describeTags(ownCheck, unit.codeIds)})`] };
  const id = segmentId(sourceLanguage, source);
  const named = [unit.id, ...unit.locations, unit.name].find((v): v is string => v !== undefined && SEGMENT_ID.test(v));
  if (named && named !== id) {
    const namedSource = known.get(named);
    if (namedSource !== undefined && sameWords(namedSource, source) && tagShape(namedSource).size > tagShape(source).size) {
      return {
        reject: [
          'xliff-codes',
          "the source's inline codes are gone (the tool that wrote this file dropped them; for Translate Toolkit, export with --format xliff12 --codes bpt)",
        ],
      };
    }
    return {
      reject: [
        'xliff-source-mismatch',
        namedSource !== undefined
          ? `the source differs from segment ${shortId(named)}'s ("${preview(namedSource)}"); was the source edited?`
          : 'the source is not the text the unit id was made from (edited source, or a unit from another project)',
      ],
    };
  }
  if (!unit.target) return { untranslated: true };
  if ('problem' in unit.target) return { reject: ['xliff-codes', `the target cannot be read: ${unit.target.problem}`] };
  const target = unit.target.tagged;
  const meaning = stateMeaning(format, unit.state);
  if ('unknown' in meaning) return { reject: ['xliff-state', `unknown state "${meaning.unknown}"`] };
  const draft = 'draft' in meaning;
  if (plainText(target).trim() === '') return draft ? { untranslated: true } : { reject: ['xliff-empty-target', 'the target is empty'] };
  // Tools that copy the source into a new target leave it in a draft state: no translation yet.
  if (draft && normalizeSource(target) === normalizeSource(source)) return { untranslated: true };
  const tags = checkTags(tagShape(source), target);
  if (tags) return { reject: ['xliff-codes', `the target's inline codes do not match the source's: ${describeTags(tags, unit.codeIds)}`] };
  const current = known.get(id);
  return {
    segmentId: id,
    source: current ?? source,
    target,
    status: draft ? 'machine' : (meaning as { status: Status }).status,
    draft,
    current: current !== undefined,
    offered: (unit.suggestions ?? []).some((s) => normalizeSource(s) === normalizeSource(target)),
  };
}

/** `missing tag <1>` → `missing tag <1> (code id "b1")`: translators' tools show codes by the id in the file. */
function describeTags(problem: string, codeIds?: ReadonlyMap<number, string>): string {
  const ids = [...new Set([...problem.matchAll(/<\/?(\d+)\/?>/g)].map((m) => codeIds?.get(Number(m[1])) ?? m[1]))];
  return ids.length ? `${problem} (code id${ids.length > 1 ? 's' : ''} ${ids.map((i) => `"${i}"`).join(', ')})` : problem;
}

export function unitLabel(unit: XliffUnitIn): string {
  if (unit.id === undefined) return `at line ${unit.line}`;
  return SEGMENT_ID.test(unit.id) ? `${shortId(unit.id)}…` : `"${unit.id}"`;
}

/** The same words, whatever the tags. */
const sameWords = (a: string, b: string) => normalizeSource(plainText(a)) === normalizeSource(plainText(b));

const preview = (tagged: string) => {
  const text = plainText(tagged).replace(/\s+/g, ' ').trim();
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};
