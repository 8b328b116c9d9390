import { SaxesParser, type SaxesTagNS } from 'saxes';
import { InputError, LimitError } from '../../core/errors.js';
import { limitsWith } from '../../core/limits.js';
import { describeDoctype, parseDoctype, type Doctype } from './doctype.js';
import { predefinedEntities } from './entities.js';
import { explainSaxesError, type ReasonContext } from './saxes-reasons.js';
import type { XmlEvent } from './xml-event.js';

export interface SafeParserOptions {
  /** Name used in errors. */
  file: string;
  /** Accepts a DOCTYPE that has no internal subset; it is never read either way. */
  allowDoctype?: (doctype: Doctype) => boolean;
  /** Deepest element nesting accepted, checked as each element opens. @default limits.xmlDepth */
  maxDepth?: number;
}

export const DOCTYPE_REFUSED = 'DOCTYPE is not allowed (entity expansion and external DTDs are refused)';

/** saxes reports a DOCTYPE only once it is complete; a real one is a line, so one this long is refused early. */
const MAX_DOCTYPE_CHARS = 64 * 1024;

/**
 * saxes hardened for files from strangers: a DOCTYPE is refused (so no entity
 * can be declared, let alone expanded or fetched), only the predefined
 * entities resolve, and every error is an InputError with file, line and
 * column. Events queue up during `write` and are handed back by it.
 */
export class SafeParser {
  readonly #parser = new SaxesParser({ xmlns: true, position: true });
  readonly #file: string;
  readonly #allowDoctype: ((doctype: Doctype) => boolean) | undefined;
  readonly #maxDepth: number;
  readonly #context: ReasonContext = {};
  #events: XmlEvent[] = [];
  #depth = 0;
  #started = false;
  #rootSeen = false;
  /** A `<!DOCTYPE` seen but not yet reported: where it starts and how much has been read since. */
  #doctype: { line: number; chars: number } | undefined;
  /** Where the next start tag begins, as far as the last event tells. */
  #nextTag = { line: 1, column: 1 };

  constructor(options: SafeParserOptions) {
    this.#file = options.file;
    this.#allowDoctype = options.allowDoctype;
    this.#maxDepth = options.maxDepth ?? limitsWith().xmlDepth;
    const parser = this.#parser;
    parser.ENTITIES = predefinedEntities((name) => (this.#context.entity = name));
    parser.on('error', (error) => {
      throw this.errorHere(`not well-formed XML: ${explainSaxesError(error.message, this.#context)}`);
    });
    parser.on('doctype', (text) => this.#onDoctype(text));
    parser.on('opentag', (tag) => this.#onOpen(tag));
    parser.on('closetag', (tag) => this.#onClose(tag));
    parser.on('text', (text) => this.#onText(text, 0));
    parser.on('cdata', (text) => this.#onText(text, 1));
    // No more handlers: saxes stores each as a new property, and a seventh turns the parser into
    // a slow dictionary object (reading took four times as long). Hence no `opentagstart`, and
    // comments and processing instructions, which carry nothing a reader needs, go unhandled.
  }

  /** Parses more text; returns the events it completed. */
  write(text: string): XmlEvent[] {
    // saxes would say "disallowed character"; a NUL usually means a binary or BOM-less UTF-16 file, worth saying so.
    const nul = text.indexOf('\0');
    if (nul !== -1) {
      this.#parser.write(text.slice(0, nul));
      const early = this.#parser.line === 1 && this.#parser.column <= 1;
      throw this.errorHere(`NUL byte in XML file${early ? ' (a UTF-16 file needs a byte-order mark)' : ''}`, 1);
    }
    if (!this.#started) this.#checkStart(text);
    if (!this.#rootSeen) this.#watchDoctype(text);
    this.#parser.write(text);
    if (this.#doctype && !this.#rootSeen && this.#doctype.chars > MAX_DOCTYPE_CHARS) {
      throw new InputError(`${DOCTYPE_REFUSED}; found one over ${MAX_DOCTYPE_CHARS / 1024} KiB long`, {
        file: this.#file,
        line: this.#doctype.line,
      });
    }
    return this.#take();
  }

  /** Ends the document; throws if it is incomplete. */
  close(): XmlEvent[] {
    this.#parser.close();
    return this.#take();
  }

  /** An InputError at the parser's position; `ahead` 1 points at the next, not the last, character. */
  errorHere(message: string, ahead = 0): InputError {
    const { line, column } = this.#parser;
    return new InputError(message, { file: this.#file, line, column: Math.max(1, column + ahead) });
  }

  get file(): string {
    return this.#file;
  }

  get line(): number {
    return this.#parser.line;
  }

  #take(): XmlEvent[] {
    const events = this.#events;
    this.#events = [];
    return events;
  }

  /** saxes notices text before the root only where it ends; a CSV or HTML error page is better named at its first character. */
  #checkStart(text: string): void {
    const first = /\S/.exec(text);
    if (!first) return;
    this.#started = true;
    if (first[0] === '<') return;
    const before = text.slice(0, first.index);
    const line = this.#parser.line + (before.match(/\n/g)?.length ?? 0);
    const column = first.index - before.lastIndexOf('\n');
    throw new InputError(`not an XML file: expected "<" at the start, found "${first[0]}"`, { file: this.#file, line, column });
  }

  #watchDoctype(text: string): void {
    if (this.#doctype) {
      this.#doctype.chars += text.length;
      return;
    }
    const at = text.indexOf('<!DOCTYPE');
    if (at === -1) return;
    const line = this.#parser.line + (text.slice(0, at).match(/\n/g)?.length ?? 0);
    this.#doctype = { line, chars: text.length - at };
  }

  #onDoctype(text: string): void {
    this.#doctype = undefined;
    const doctype = parseDoctype(text);
    if (doctype && !doctype.internalSubset && this.#allowDoctype?.(doctype)) return;
    // saxes reports at the closing `>`; count back to the line the declaration starts on.
    const line = this.#parser.line - (text.match(/\n/g)?.length ?? 0);
    throw new InputError(`${DOCTYPE_REFUSED}; found ${describeDoctype(text)}`, { file: this.#file, line });
  }

  #onOpen(tag: SaxesTagNS): void {
    this.#rootSeen = true;
    // saxes slows with the square of the depth: stop at the first element too deep, long before that matters.
    if (++this.#depth > this.#maxDepth) {
      const { line, column } = this.#nextTag;
      throw new LimitError(`XML elements nested deeper than ${this.#maxDepth} levels`, 'xmlDepth', { file: this.#file, line, column });
    }
    const attributes = Object.create(null) as Record<string, string>;
    for (const name in tag.attributes) attributes[name] = tag.attributes[name]!.value;
    const { line, column } = this.#nextTag;
    this.#events.push({ type: 'open', name: tag.name, local: tag.local, uri: tag.uri, attributes, line, column });
    this.#markAfterMarkup();
  }

  #onClose(tag: SaxesTagNS): void {
    this.#depth--;
    this.#context.expectedClose = tag.name;
    this.#events.push({ type: 'close', name: tag.name, local: tag.local, uri: tag.uri });
    this.#markAfterMarkup();
  }

  /** `ahead` 0: saxes reports text having just read the `<` that ends it; 1: CDATA, after its `]]>`. */
  #onText(text: string, ahead: number): void {
    this.#nextTag = { line: this.#parser.line, column: this.#parser.column + ahead };
    // Whitespace around the root element is not content (saxes rejects anything else there).
    if (this.#depth > 0) this.#events.push({ type: 'text', text });
  }

  /** A tag right after another starts where that one ended (comments in between go unseen). */
  #markAfterMarkup(): void {
    this.#nextTag = { line: this.#parser.line, column: this.#parser.column + 1 };
  }
}
