import { InputError, LimitError } from '../../core/errors.js';
import { DEFAULT_LIMITS } from '../../core/limits.js';
import { normalizeLanguageTag } from '../language-tag.js';
import type { XmlEvent, XmlOpen } from '../xml/xml-event.js';
import { ContentCollector, type ContentPart } from './inline-codes.js';
import { literalTagsToCodes, numberSourceCodes, toTagged } from './number-codes.js';
import type { XliffDocument, XliffFormat, XliffUnitIn } from './types.js';

/** The namespaces read, and the format each is read as. 1.1 is what po2xliff writes; 2.1 and 2.2 keep 2.0's. */
const NAMESPACES: Readonly<Record<string, { format: XliffFormat; versions: RegExp }>> = {
  'urn:oasis:names:tc:xliff:document:2.0': { format: 'xliff2', versions: /^2\.\d$/ },
  'urn:oasis:names:tc:xliff:document:1.2': { format: 'xliff12', versions: /^1\.2$/ },
  'urn:oasis:names:tc:xliff:document:1.1': { format: 'xliff12', versions: /^1\.1$/ },
};

/** 2.0 Translation Candidates module: its `<mtc:match>` targets are read as the suggestions a file offered. */
const MATCHES_NAMESPACE = 'urn:oasis:names:tc:xliff:matches:2.0';

/** Order of 2.0 states: a unit split into segments is as far along as its least finished segment. */
const STATE_ORDER = ['initial', 'translated', 'reviewed', 'final'];

/** A unit as collected, before codes are numbered (that waits for the end: po2xliff output is only recognised by then). */
interface RawUnit {
  id?: string;
  name?: string;
  line: number;
  original?: string;
  locations: string[];
  source?: ContentPart[];
  target?: ContentPart[] | { problem: string };
  state?: string;
  /** Targets of 1.2 `<alt-trans>` / 2.0 `<mtc:match>`. */
  suggestions: ContentPart[][];
}

/** A 2.0 `<segment>` or `<ignorable>`. */
interface RawSegment {
  ignorable: boolean;
  state?: string;
  source?: ContentPart[];
  target?: ContentPart[];
}

/**
 * Walks an XLIFF 2.0 or 1.x document one event at a time, collecting each
 * unit's source, target and state. The root element, namespace, version and
 * languages are checked as they come; anything wrong there is an InputError
 * (the whole file is refused). Problems of a single unit (no source, codes
 * tagged strings cannot carry) stay with that unit, so one bad unit never
 * stops the others. Notes, alternatives, original data and elements of other
 * namespaces are passed over.
 */
export class XliffStructure {
  readonly #file: string;
  #namespace = '';
  #format: XliffFormat | undefined;
  #version = '';
  #languages: { source?: string; target?: string; line: number } | undefined;
  #gettext = false;
  readonly #units: RawUnit[] = [];
  /** Local names of the open XLIFF elements. */
  readonly #stack: string[] = [];
  /**
   * An element whose whole content is passed over, and how deep inside it the
   * reader is; `pushed` when it is one of ours (on the stack), not a foreign one.
   */
  #skipping: { depth: number; pushed: boolean } | undefined;
  #original: string | undefined;
  #unit: RawUnit | undefined;
  #segments: RawSegment[] = [];
  #segment: RawSegment | undefined;
  #content: { collector: ContentCollector; which: Which; depth: number; elements: number } | undefined;
  #context: { text: string } | undefined;
  readonly #maxElements: number;

  /** `maxElements`: inline elements accepted in one `<source>` or `<target>` (limits.inlineElements). */
  constructor(file: string, maxElements = DEFAULT_LIMITS.inlineElements) {
    this.#file = file;
    this.#maxElements = maxElements;
  }

  feed(event: XmlEvent): void {
    if (event.type === 'text') {
      if (this.#skipping) return;
      if (this.#content) this.#content.collector.text(event.text);
      else if (this.#context) this.#context.text += event.text;
      return;
    }
    if (event.type === 'open') this.#open(event);
    else this.#close();
  }

  /** The document, once every event has been fed. */
  finish(): XliffDocument {
    if (!this.#format) throw new InputError('no root element (the file is empty or not XML)', { file: this.#file, line: 1 });
    const gettext = this.#gettext;
    return {
      format: this.#format,
      version: this.#version,
      ...(this.#languages?.source !== undefined && { sourceLanguage: this.#languages.source }),
      ...(this.#languages?.target !== undefined && { targetLanguage: this.#languages.target }),
      languageLine: this.#languages?.line ?? 1,
      gettext,
      units: this.#units.map((raw) => finishUnit(raw, gettext)),
    };
  }

  #open(event: XmlOpen): void {
    if (this.#skipping) {
      this.#skipping.depth++;
      return;
    }
    if (this.#content) {
      if (++this.#content.elements > this.#maxElements) {
        const where = { file: this.#file, line: event.line, column: event.column };
        throw new LimitError(`a <${this.#content.which}> with more than ${this.#maxElements} inline elements`, 'inlineElements', where);
      }
      this.#stack.push(event.local);
      this.#content.collector.open(event);
      return;
    }
    if (this.#stack.length === 0) return this.#root(event);
    if (event.uri !== this.#namespace) {
      if (event.uri === MATCHES_NAMESPACE && this.#format === 'xliff2' && this.#openMatches(event)) return;
      this.#skipping = { depth: 1, pushed: false }; // an extension (another namespace): nothing tolk reads
      return;
    }
    const parent = this.#stack[this.#stack.length - 1];
    this.#stack.push(event.local);
    if (this.#format === 'xliff2') this.#open2(event, parent);
    else this.#open12(event, parent);
  }

  /** `<mtc:matches>` in a unit and its `<mtc:match>` elements are entered (their targets are suggestions); true when entered. */
  #openMatches(event: XmlOpen): boolean {
    const parent = this.#stack[this.#stack.length - 1];
    const entered = (event.local === 'matches' && parent === 'unit' && this.#unit !== undefined) || (event.local === 'match' && parent === 'mtc:matches');
    if (entered) this.#stack.push(`mtc:${event.local}`);
    return entered;
  }

  #open2(event: XmlOpen, parent: string | undefined): void {
    const a = event.attributes;
    switch (event.local) {
      case 'file':
        this.#original = a.original;
        return;
      case 'unit':
        this.#unit = this.#newUnit(event, a.id, a.name);
        this.#segments = [];
        return;
      case 'segment':
      case 'ignorable':
        if (!this.#unit || parent !== 'unit') return;
        this.#segment = { ignorable: event.local === 'ignorable', ...(a.state !== undefined && { state: a.state }) };
        return;
      case 'source':
      case 'target':
        if (this.#segment && (parent === 'segment' || parent === 'ignorable')) this.#startContent(event.local);
        else if (parent === 'mtc:match') {
          if (event.local === 'target') this.#startContent('suggestion');
          else this.#skip();
        }
        return;
      case 'notes':
      case 'originalData':
        this.#skip();
        return;
    }
  }

  #open12(event: XmlOpen, parent: string | undefined): void {
    const a = event.attributes;
    switch (event.local) {
      case 'file':
        this.#original = a.original;
        if (a.original !== undefined && /\.pot?$/i.test(a.original)) this.#gettext = true;
        this.#fileLanguages(a['source-language'], a['target-language'], event.line);
        return;
      case 'header':
      case 'bin-unit':
        this.#skip();
        return;
      case 'trans-unit':
        // po2xliff's PO header: a gettext file, and no unit to translate.
        if (a.restype === 'x-gettext-domain-header') {
          this.#gettext = true;
          this.#skip();
          return;
        }
        this.#unit = this.#newUnit(event, a.id, a.resname);
        return;
      case 'source':
      case 'target':
        if (this.#unit && parent === 'alt-trans') {
          if (event.local === 'target') this.#startContent('suggestion');
          else this.#skip();
          return;
        }
        if (!this.#unit || parent !== 'trans-unit') return;
        if (event.local === 'target' && a.state !== undefined) this.#unit.state = a.state;
        this.#startContent(event.local);
        return;
      case 'context-group':
        if (!this.#unit || parent !== 'trans-unit' || !(a.purpose ?? '').split(/\s+/).includes('location')) this.#skip();
        return;
      case 'context':
        if (a['context-type'] === 'sourcefile') this.#context = { text: '' };
        else this.#skip();
        return;
      case 'alt-trans':
        // A suggestion offered with the unit: its target is read, to know a target left as it was offered.
        if (!this.#unit || parent !== 'trans-unit') this.#skip();
        return;
      case 'seg-source':
      case 'note':
      case 'count-group':
        this.#skip();
        return;
    }
  }

  #close(): void {
    if (this.#skipping) {
      if (--this.#skipping.depth > 0) return;
      if (this.#skipping.pushed) this.#stack.pop();
      this.#skipping = undefined;
      return;
    }
    const depth = this.#stack.length;
    const local = this.#stack.pop();
    const content = this.#content;
    if (content) {
      if (depth > content.depth) {
        content.collector.close();
        return;
      }
      this.#content = undefined;
      this.#endContent(content.which, content.collector.parts);
      return;
    }
    if (local === 'context' && this.#context) {
      const text = this.#context.text.trim();
      if (text) this.#unit?.locations.push(text);
      this.#context = undefined;
    } else if ((local === 'segment' || local === 'ignorable') && this.#segment) {
      this.#segments.push(this.#segment);
      this.#segment = undefined;
    } else if ((local === 'unit' || local === 'trans-unit') && this.#unit) {
      if (this.#format === 'xliff2') joinSegments(this.#unit, this.#segments);
      this.#units.push(this.#unit);
      this.#unit = undefined;
    } else if (local === 'file') {
      this.#original = undefined;
    }
  }

  /** Passes over the content of the element just opened (and pushed). */
  #skip(): void {
    this.#skipping = { depth: 1, pushed: true };
  }

  #root(event: XmlOpen): void {
    const where = { file: this.#file, line: event.line, column: event.column };
    if (event.local !== 'xliff') throw new InputError(`expected an XLIFF file (root element <xliff>), found <${event.name}>`, where);
    const known = NAMESPACES[event.uri];
    if (!known) {
      const found = event.uri ? `"${event.uri}"` : 'no namespace';
      throw new InputError(
        `expected the XLIFF 2.0 namespace "urn:oasis:names:tc:xliff:document:2.0" or the 1.2 namespace "urn:oasis:names:tc:xliff:document:1.2", found ${found}`,
        where,
      );
    }
    const version = event.attributes.version ?? '';
    if (!known.versions.test(version)) {
      throw new InputError(`version="${version}" does not match the namespace ${event.uri}`, where);
    }
    this.#namespace = event.uri;
    this.#format = known.format;
    this.#version = version;
    this.#stack.push('xliff');
    if (known.format === 'xliff2') {
      if (!event.attributes.srcLang) throw new InputError('<xliff> has no srcLang (required in XLIFF 2)', where);
      this.#fileLanguages(event.attributes.srcLang, event.attributes.trgLang, event.line);
    }
  }

  /** 1.2 names languages per `<file>`: every file of a document must name the same pair. */
  #fileLanguages(source: string | undefined, target: string | undefined, line: number): void {
    const pair = {
      ...(source ? { source: normalizeLanguageTag(source) } : {}),
      ...(target ? { target: normalizeLanguageTag(target) } : {}),
      line,
    };
    const first = this.#languages;
    if (!first) {
      this.#languages = pair;
      return;
    }
    if (first.source !== pair.source || first.target !== pair.target) {
      const show = (p: { source?: string; target?: string }) => `${p.source ?? '?'} → ${p.target ?? '?'}`;
      throw new InputError(`<file> for ${show(pair)}, but an earlier <file> (line ${first.line}) is for ${show(first)}: one language pair per XLIFF file`, {
        file: this.#file,
        line,
      });
    }
  }

  #newUnit(event: XmlOpen, id: string | undefined, name: string | undefined): RawUnit {
    return {
      ...(id !== undefined && { id }),
      ...(name !== undefined && { name }),
      line: event.line,
      ...(this.#original !== undefined && { original: this.#original }),
      locations: [],
      suggestions: [],
    };
  }

  #startContent(which: Which): void {
    this.#content = { collector: new ContentCollector(), which, depth: this.#stack.length, elements: 0 };
  }

  #endContent(which: Which, parts: ContentPart[]): void {
    if (which === 'suggestion') {
      this.#unit?.suggestions.push(parts);
      return;
    }
    const holder = this.#format === 'xliff2' ? this.#segment : this.#unit;
    if (!holder) return;
    // A second <source> or <target> is not valid XLIFF; the first one counts.
    if (holder[which] === undefined) holder[which] = parts;
  }
}

/** 2.0: a unit's content is its segments and ignorables in order; a tool may have split our one segment. */
function joinSegments(unit: RawUnit, segments: readonly RawSegment[]): void {
  if (segments.length === 0 || segments.some((s) => !s.source)) return; // reported as "no <source>"
  unit.source = segments.flatMap((s) => s.source!);
  const real = segments.filter((s) => !s.ignorable);
  const withTarget = real.filter((s) => s.target);
  if (withTarget.length > 0) {
    unit.target =
      withTarget.length === real.length
        ? segments.flatMap((s) => s.target ?? s.source!)
        : { problem: `only ${withTarget.length} of the unit's ${real.length} segments have a target` };
  }
  const states = real.map((s) => s.state ?? 'initial');
  unit.state = states.find((s) => !STATE_ORDER.includes(s)) ?? states.sort((a, b) => STATE_ORDER.indexOf(a) - STATE_ORDER.indexOf(b))[0];
}

function finishUnit(raw: RawUnit, gettext: boolean): XliffUnitIn {
  const base = {
    ...(raw.id !== undefined && { id: raw.id }),
    ...(raw.name !== undefined && { name: raw.name }),
    line: raw.line,
    ...(raw.original !== undefined && { original: raw.original }),
    locations: raw.locations,
    ...(raw.state !== undefined && { state: raw.state }),
  };
  if (!raw.source) return { ...base, source: { problem: 'the unit has no <source>' } };
  const codes = (parts: ContentPart[]) => (gettext ? literalTagsToCodes(parts) : parts);
  const sourceParts = codes(raw.source);
  const ids = numberSourceCodes(sourceParts);
  const codeIds = new Map<number, string>();
  const source = toTagged(sourceParts, ids, codeIds);
  const target = raw.target === undefined ? undefined : 'problem' in raw.target ? raw.target : toTagged(codes(raw.target), ids, codeIds);
  // A suggestion with a code tagged strings cannot carry is passed over: only its text matters here.
  const suggestions = raw.suggestions.map((parts) => toTagged(codes(parts), ids)).flatMap((c) => ('tagged' in c ? [c.tagged] : []));
  return { ...base, source, ...(target && { target }), ...(suggestions.length > 0 && { suggestions }), codeIds };
}

/** What a content element being collected is: the unit's source or target, or a suggestion's target. */
type Which = 'source' | 'target' | 'suggestion';
