import { InputError, LimitError } from '../../core/errors.js';
import { DEFAULT_LIMITS } from '../../core/limits.js';
import { normalizeLanguageTag } from '../language-tag.js';
import type { XmlEvent, XmlOpen } from '../xml/xml-event.js';
import { buildUnit, type CollectedTu, type CollectedTuv, type UnitContext } from './build-unit.js';
import { SegCollector } from './inline-codes.js';
import type { TmxHeader, TmxUnit } from './types.js';

/** Depth of each element TMX fixes in place (`<tmx>` is 1). */
const DEPTH = { header: 2, body: 2, tu: 3, tuv: 4, prop: 4, seg: 5 } as const;

/**
 * Walks TMX's fixed structure (tmx > header, body > tu > prop, tuv > seg)
 * one event at a time and hands back each finished unit. Elements it does
 * not know (`<note>`, `<ude>`, header props) are passed over.
 */
export class TmxStructure {
  header: TmxHeader = {};
  /** True once past the header: units may follow. */
  pastHeader = false;
  readonly #file: string;
  readonly #preferredSource: string | undefined;
  readonly #stack: string[] = [];
  #tu: CollectedTu | undefined;
  #tuv: CollectedTuv | undefined;
  #prop: { type: string; text: string } | undefined;
  #seg: SegCollector | undefined;
  /** Inline elements in the current `<seg>`, at most `#maxElements` (limits.inlineElements). */
  #segElements = 0;
  readonly #maxElements: number;

  constructor(file: string, preferredSource?: string, maxElements = DEFAULT_LIMITS.inlineElements) {
    this.#file = file;
    this.#preferredSource = preferredSource;
    this.#maxElements = maxElements;
  }

  feed(event: XmlEvent): TmxUnit | undefined {
    if (event.type === 'open') {
      this.#open(event);
      return undefined;
    }
    if (event.type === 'text') {
      if (this.#seg) this.#seg.text(event.text);
      else if (this.#prop) this.#prop.text += event.text;
      return undefined;
    }
    return this.#close();
  }

  #open(event: XmlOpen): void {
    const parent = this.#stack[this.#stack.length - 1];
    this.#stack.push(event.local);
    const depth = this.#stack.length;
    if (this.#seg) {
      if (++this.#segElements > this.#maxElements) {
        throw new LimitError(`a <seg> with more than ${this.#maxElements} inline elements`, 'inlineElements', { file: this.#file, line: event.line, column: event.column });
      }
      return this.#seg.open(event);
    }
    if (depth === 1) return this.#root(event);
    const name = event.local;
    const { attributes } = event;
    if (depth === DEPTH.header && name === 'header') {
      this.header = header(this.header, event);
      this.pastHeader = true;
    } else if (depth === DEPTH.body && name === 'body') {
      this.pastHeader = true;
    } else if (depth === DEPTH.tu && parent === 'body' && name === 'tu') {
      this.#tu = {
        line: event.line,
        ...(attributes.tuid !== undefined && { tuid: attributes.tuid }),
        ...(attributes.srclang !== undefined && { sourceLanguage: attributes.srclang }),
        variants: [],
        properties: Object.create(null) as Record<string, string>,
      };
    } else if (this.#tu && depth === DEPTH.tuv && name === 'tuv') {
      // TMX 1.1 (OmegaT's level 1 files) says `lang`; 1.4 says `xml:lang`.
      this.#tuv = { language: attributes['xml:lang'] ?? attributes.lang ?? '' };
    } else if (this.#tu && depth === DEPTH.prop && name === 'prop') {
      this.#prop = { type: attributes.type ?? '', text: '' };
    } else if (this.#tuv && depth === DEPTH.seg && name === 'seg' && !this.#tuv.seg) {
      this.#seg = new SegCollector();
      this.#segElements = 0;
    }
  }

  #close(): TmxUnit | undefined {
    const depth = this.#stack.length;
    this.#stack.pop();
    if (this.#seg) {
      if (depth > DEPTH.seg) {
        this.#seg.close();
        return undefined;
      }
      this.#tuv!.seg = this.#seg.parts;
      this.#seg = undefined;
    } else if (this.#prop && depth === DEPTH.prop) {
      this.#tu!.properties[this.#prop.type] ??= this.#prop.text;
      this.#prop = undefined;
    } else if (this.#tuv && depth === DEPTH.tuv) {
      this.#tu!.variants.push(this.#tuv);
      this.#tuv = undefined;
    } else if (this.#tu && depth === DEPTH.tu) {
      const tu = this.#tu;
      this.#tu = undefined;
      return buildUnit(tu, this.#context());
    }
    return undefined;
  }

  #root(event: XmlOpen): void {
    if (event.local !== 'tmx') {
      throw new InputError(`expected a TMX file (root element <tmx>), found <${event.name}>`, {
        file: this.#file,
        line: event.line,
        ...(event.column !== undefined && { column: event.column }),
      });
    }
    if (event.attributes.version !== undefined) this.header.version = event.attributes.version;
  }

  #context(): UnitContext {
    return {
      ...(this.header.sourceLanguage !== undefined && { sourceLanguage: this.header.sourceLanguage }),
      ...(this.#preferredSource !== undefined && { preferredSource: this.#preferredSource }),
    };
  }
}

function header(previous: TmxHeader, event: XmlOpen): TmxHeader {
  const a = event.attributes;
  const result: TmxHeader = { ...previous, line: event.line };
  if (a.srclang && a.srclang.toLowerCase() !== '*all*') result.sourceLanguage = normalizeLanguageTag(a.srclang);
  if (a.creationtool !== undefined) result.creationTool = a.creationtool;
  if (a.creationtoolversion !== undefined) result.creationToolVersion = a.creationtoolversion;
  if (a.datatype !== undefined) result.dataType = a.datatype;
  if (a.segtype !== undefined) result.segmentType = a.segtype;
  return result;
}
