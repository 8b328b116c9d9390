import { writeStreamAtomic } from '../../core/write-stream-atomic.js';
import { checkTags, tagShape } from '../../tagged/index.js';
import { normalizeLanguageTag } from '../language-tag.js';
import { toolVersion } from '../../core/tool-version.js';
import { escapeXmlAttribute as attr, escapeXmlText as text } from '../xml/escape-xml.js';
import { targetState, type TargetState } from './states.js';
import type { WriteXliffOptions, XliffFileOut, XliffSuggestion, XliffUnitOut } from './types.js';
import { inlineXliff } from './write-inline.js';

export const XLIFF_NAMESPACES = {
  xliff2: 'urn:oasis:names:tc:xliff:document:2.0',
  xliff12: 'urn:oasis:names:tc:xliff:document:1.2',
} as const;

/** XLIFF 2.0 Translation Candidates module: machine translations and memory matches beside the target. */
export const XLIFF_MATCHES_NAMESPACE = 'urn:oasis:names:tc:xliff:matches:2.0';

/**
 * Writes units as XLIFF 2.0 (valid against the OASIS core schema) or 1.2
 * (valid against xliff-core-1.2-strict.xsd), one `<file>` per article,
 * streamed to a temp file that replaces `path` only when complete. Unit ids
 * are segment ids; whitespace is preserved. Files without units are left
 * out; there must be at least one unit (2.0 has no valid empty document).
 * Returns the number of units written.
 */
export async function writeXliff(path: string, files: readonly XliffFileOut[], options: WriteXliffOptions): Promise<number> {
  const nonEmpty = files.filter((f) => f.units.length > 0);
  if (nonEmpty.length === 0) throw new Error('writeXliff: no units to write (XLIFF 2.0 cannot be empty)');
  for (const unit of nonEmpty.flatMap((f) => f.units)) {
    const problem = unit.target && checkTags(tagShape(unit.source), unit.target.text);
    if (problem) throw new Error(`writeXliff: target of unit ${unit.id} has broken tags (${problem}); leave it out`);
  }
  const source = normalizeLanguageTag(options.sourceLanguage);
  const target = normalizeLanguageTag(options.targetLanguage);
  const write12 = options.format === 'xliff12';
  return writeStreamAtomic(path, async (write) => {
    await write('<?xml version="1.0" encoding="UTF-8"?>\n');
    await write(
      write12
        ? `<xliff xmlns="${XLIFF_NAMESPACES.xliff12}" version="1.2">\n`
        : `<xliff xmlns="${XLIFF_NAMESPACES.xliff2}" xmlns:mtc="${XLIFF_MATCHES_NAMESPACE}" version="2.0" srcLang="${attr(source)}" trgLang="${attr(target)}">\n`,
    );
    let count = 0;
    for (const [index, file] of nonEmpty.entries()) {
      await write(write12 ? fileStart12(file, source, target, options) : `  <file id="f${index + 1}" original="${attr(file.original)}" canResegment="no">\n`);
      for (const unit of file.units) {
        await write(write12 ? unit12(unit, options) : unit2(unit));
        count++;
      }
      await write(write12 ? '    </body>\n  </file>\n' : '  </file>\n');
    }
    await write('</xliff>\n');
    return count;
  });
}

function unit2(unit: XliffUnitOut): string {
  const notes = unit.notes.map(
    (n) => `        <note category="${attr(n.category)}"${n.priority && n.priority !== 1 ? ` priority="${n.priority}"` : ''}>${text(n.text)}</note>\n`,
  );
  const state = unit.target && contextState(targetState('xliff2', unit.target.status), unit.target.context);
  const stateAttributes = state ? ` state="${state.state}"${state.subState ? ` subState="${attr(state.subState)}"` : ''}` : '';
  const inline = (tagged: string) => inlineXliff(tagged, 'xliff2', 'g', unit.codes);
  const suggestions = unit.suggestions ?? [];
  // A candidate points at the content it is for; the unit's one segment gets an id to be pointed at.
  const segmentId = suggestions.length ? ' id="s1"' : '';
  return (
    `    <unit id="${attr(unit.id)}">\n` +
    (suggestions.length ? `      <mtc:matches>\n${suggestions.map((s) => match2(s, unit)).join('')}      </mtc:matches>\n` : '') +
    (notes.length ? `      <notes>\n${notes.join('')}      </notes>\n` : '') +
    `      <segment${segmentId}${stateAttributes}>\n` +
    `        <source xml:space="preserve">${inline(unit.source)}</source>\n` +
    (unit.target ? `        <target xml:space="preserve">${inline(unit.target.text)}</target>\n` : '') +
    `      </segment>\n` +
    `    </unit>\n`
  );
}

/**
 * A context-exact match keeps its state and says how it matched: 1.2's `id-match` ("a match based on matching IDs
 * in addition to matching text": the neighbours' segment ids), 2.0 a tolk subState.
 */
function contextState(state: TargetState, context: boolean | undefined): TargetState {
  if (!context) return state;
  return { ...state, qualifier: 'id-match', subState: 'tolk:context-match' };
}

/** A 2.0 `<mtc:match>`: `type` mt or tm, a memory match's `similarity`, and where it comes from. */
function match2(suggestion: XliffSuggestion, unit: XliffUnitOut): string {
  // A machine translation's source is the unit's; its tags are the unit's, so the code hints apply.
  const hints = suggestion.kind === 'mt' ? unit.codes : undefined;
  const inline = (tagged: string) => inlineXliff(tagged, 'xliff2', 'g', hints);
  // 2.0 bounds `similarity` at 100: a context-exact (101 %) match says so in its unit's subState instead.
  const similarity = suggestion.quality !== undefined ? ` similarity="${Math.min(100, suggestion.quality)}"` : '';
  return (
    `        <mtc:match ref="#s1" type="${suggestion.kind}"${similarity} origin="${attr(suggestion.origin)}">\n` +
    `          <source xml:space="preserve">${inline(suggestion.source ?? unit.source)}</source>\n` +
    `          <target xml:space="preserve">${inline(suggestion.target)}</target>\n` +
    `        </mtc:match>\n`
  );
}

/** A 1.2 `<alt-trans>`: a memory match with its source and `match-quality`, a machine translation with its target only. */
function altTrans12(suggestion: XliffSuggestion, unit: XliffUnitOut, codes: 'g' | 'bpt'): string {
  const hints = suggestion.kind === 'mt' ? unit.codes : undefined;
  const inline = (tagged: string) => inlineXliff(tagged, 'xliff12', codes, hints);
  const quality = suggestion.quality !== undefined ? ` match-quality="${suggestion.quality}"` : '';
  return (
    `        <alt-trans${quality} origin="${attr(suggestion.origin)}" alttranstype="proposal">\n` +
    (suggestion.source !== undefined ? `          <source>${inline(suggestion.source)}</source>\n` : '') +
    `          <target>${inline(suggestion.target)}</target>\n` +
    `        </alt-trans>\n`
  );
}

function fileStart12(file: XliffFileOut, source: string, target: string, options: WriteXliffOptions): string {
  return (
    `  <file original="${attr(file.original)}" source-language="${attr(source)}" target-language="${attr(target)}" datatype="${attr(file.datatype ?? 'x-markdown')}" tool-id="tolk">\n` +
    `    <header>\n      <tool tool-id="tolk" tool-name="tolk" tool-version="${attr(options.toolVersion ?? toolVersion())}"/>\n    </header>\n` +
    `    <body>\n`
  );
}

function unit12(unit: XliffUnitOut, options: WriteXliffOptions): string {
  const codes = options.codes ?? 'g';
  const inline = (tagged: string) => inlineXliff(tagged, 'xliff12', codes, unit.codes);
  const state = unit.target && contextState(targetState('xliff12', unit.target.status), unit.target.context);
  const targetAttributes = state ? ` state="${state.state}"${state.qualifier ? ` state-qualifier="${state.qualifier}"` : ''}` : '';
  const contexts = unit.locations.map(
    (l) =>
      `        <context-group purpose="location"><context context-type="sourcefile">${text(l.file)}</context>` +
      `<context context-type="linenumber">${l.line}</context></context-group>\n`,
  );
  const notes = unit.notes.map(
    (n) => `        <note from="tolk"${n.priority && n.priority !== 1 ? ` priority="${n.priority}"` : ''}>${text(`${n.category}: ${n.text}`)}</note>\n`,
  );
  return (
    `      <trans-unit id="${attr(unit.id)}" xml:space="preserve"${state?.approved ? ' approved="yes"' : ''}>\n` +
    `        <source>${inline(unit.source)}</source>\n` +
    (unit.target ? `        <target${targetAttributes}>${inline(unit.target.text)}</target>\n` : '') +
    contexts.join('') +
    notes.join('') +
    (unit.suggestions ?? []).map((s) => altTrans12(s, unit, codes)).join('') +
    `      </trans-unit>\n`
  );
}
