import { InputError, LimitError } from '../core/errors.js';
import { DEFAULT_LIMITS, limitsWith, type Limits } from '../core/limits.js';
import { normalizeLanguageTag, readXmlEvents, type Doctype, type XmlEvent, type XmlOpen } from '../exchange/index.js';
import type { Concept, Glossary, Term, TermStatus } from './model.js';

export interface ReadGlossaryOptions {
  /** Name used in concepts and errors. @default the path */
  displayName?: string;
  /** Largest file accepted. @default limits.glossaryBytes */
  maxBytes?: number;
  /** Structural limits (core/limits.ts). @default the project's */
  limits?: Partial<Limits>;
}

/** A glossary is held in memory whole; 64 MiB of TBX is some 100,000 concepts, far past any newsroom's. */
export const GLOSSARY_MAX_BYTES = DEFAULT_LIMITS.glossaryBytes;

/**
 * A term or note as stored: NFC, trimmed, runs of line breaks and spaces made
 * one space (a term wrapped in the file is still one term). Only ASCII
 * whitespace is collapsed: a no-break space inside a term is meant.
 */
export const cleanText = (text: string): string => text.replace(/[ \t\r\n]+/g, ' ').trim().normalize('NFC');

/** Status order within a language's list: the model promises the preferred term first. */
const RANK: Readonly<Record<TermStatus, number>> = { preferred: 0, admitted: 1, deprecated: 2, superseded: 2 };

/** Sorts in place, stably: preferred, then admitted, then forbidden terms, each in file order. */
export const sortTerms = (terms: Term[]): Term[] => terms.sort((a, b) => RANK[a.status] - RANK[b.status]);

/**
 * Reads a TBX-Basic glossary: `<martif type="TBX-Basic">` (TBX v2) or
 * `<tbx type="TBX-Basic">` (TBX v3, DCA or DCT style) through the hardened
 * XML reader, so a DOCTYPE with entities is refused and nothing is expanded
 * or fetched. Anything that is not a usable glossary is an InputError with
 * file and line.
 */
export async function readTbx(path: string, options: ReadGlossaryOptions = {}): Promise<Glossary> {
  const file = options.displayName ?? path;
  const limits = limitsWith(options.limits);
  const structure = new TbxStructure(file, limits.inlineElements);
  const concepts: Concept[] = [];
  const events = readXmlEvents(path, {
    displayName: file,
    allowDoctype: isTbxDoctype,
    maxBytes: options.maxBytes ?? limits.glossaryBytes,
    bytesLimit: 'glossaryBytes',
    maxDepth: limits.xmlDepth,
  });
  for await (const batch of events) {
    for (const event of batch) {
      const concept = structure.feed(event);
      if (concept) concepts.push(concept);
    }
  }
  return { concepts };
}

/**
 * TBX v2 files often name their DTD, `<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">`:
 * a bare file name nobody fetches, let through (and ignored) as the TMX reader
 * does for tmx14.dtd. An internal subset, a path or a URL is refused.
 */
export function isTbxDoctype(doctype: Doctype): boolean {
  return doctype.root === 'martif' && (doctype.systemId === undefined || /^[\w.-]+\.dtd$/i.test(doctype.systemId));
}

/** TBX v2 element names and their TBX v3 equivalents. */
const ENTRY = new Set(['termEntry', 'conceptEntry']);
const LANG_SET = new Set(['langSet', 'langSec']);
/** `ntig` holds its `term` in a `termGrp`, which needs no handling of its own. */
const TERM_GROUP = new Set(['tig', 'ntig', 'termSec']);
/** Elements whose `type` names the data category; in TBX v3 DCT style the element name is the category itself. */
const TYPED = new Set(['termNote', 'descrip', 'admin']);

/** The data categories read; every other one (context, source...) is passed over. */
type Category = 'term' | 'note' | 'administrativeStatus' | 'partOfSpeech' | 'subjectField' | 'definition' | 'transferComment';
const CATEGORIES = new Set<string>(['administrativeStatus', 'partOfSpeech', 'subjectField', 'definition', 'transferComment']);

/** TBX-Basic's administrativeStatus picklist (TBX v3 keeps the values), by lowercase value. */
const STATUSES: Readonly<Record<string, TermStatus>> = {
  'preferredterm-admn-sts': 'preferred',
  'admittedterm-admn-sts': 'admitted',
  'deprecatedterm-admn-sts': 'deprecated',
  'supersededterm-admn-sts': 'superseded',
};

/** The transferComment value that marks a name to keep; `doNotTranslate` and other casings are taken too. */
const DO_NOT_TRANSLATE = /^do\s*not\s*translate$/i;

interface EntryState {
  id: string | undefined;
  line: number;
  subject?: string;
  definition?: string;
  notes: string[];
  /** `<note>`s inside a langSet, such as "unverified: …", kept with their language. */
  languageNotes: string[];
  dnt: boolean;
  terms: Record<string, Term[]>;
}

interface LangSetState {
  language: string;
  terms: { text: string; status: TermStatus | undefined; partOfSpeech?: string }[];
}

interface GroupState {
  name: string;
  line: number;
  text?: string;
  status?: TermStatus;
  partOfSpeech?: string;
}

interface Capture {
  category: Category;
  /** Stack depth of the element whose text is collected; inline markup inside it (`<hi>`) adds its text. */
  depth: number;
  line: number;
  text: string;
}

/**
 * Walks termEntry > langSet > tig > term one event at a time and hands back
 * each finished concept.
 *
 * A term without administrativeStatus is `preferred` when its langSet marks
 * no term preferred and it is the first such term, else `admitted`: a plain
 * list of terms reads as "the first one, or these alternatives", and a langSet
 * never ends up with no preferred term or a second one by default.
 *
 * The concept's note is the entry's `<note>`s, or its definition when it has
 * none; langSet notes follow as `[lang: note]`.
 */
class TbxStructure {
  readonly #file: string;
  /** Open elements, the root being 1. */
  #depth = 0;
  /** Entry ids seen, with their lines. */
  readonly #ids = new Map<string, number>();
  #entry: EntryState | undefined;
  #langSet: LangSetState | undefined;
  #group: GroupState | undefined;
  #capture: Capture | undefined;
  /** Elements in the current entry, at most `#maxElements` (limits.inlineElements). */
  #entryElements = 0;
  readonly #maxElements: number;

  constructor(file: string, maxElements: number) {
    this.#file = file;
    this.#maxElements = maxElements;
  }

  feed(event: XmlEvent): Concept | undefined {
    if (event.type === 'text') {
      if (this.#capture) this.#capture.text += event.text;
      return undefined;
    }
    if (event.type === 'open') {
      this.#depth++;
      if (this.#entry && ++this.#entryElements > this.#maxElements) {
        throw new LimitError(`a <${event.name}> in an entry of more than ${this.#maxElements} elements`, 'inlineElements', { file: this.#file, line: event.line, column: event.column });
      }
      if (!this.#capture) this.#open(event);
      return undefined;
    }
    const depth = this.#depth--;
    if (this.#capture) {
      if (depth === this.#capture.depth) this.#finishCapture();
      return undefined;
    }
    const { local } = event;
    if (this.#group && TERM_GROUP.has(local)) this.#closeGroup();
    else if (this.#langSet && LANG_SET.has(local)) this.#closeLangSet();
    else if (this.#entry && ENTRY.has(local)) return this.#closeEntry();
    return undefined;
  }

  #open(event: XmlOpen): void {
    const { local, attributes } = event;
    if (this.#depth === 1) return this.#root(event);
    if (ENTRY.has(local) && !this.#entry) {
      this.#checkId(event);
      this.#entry = { id: attributes.id, line: event.line, notes: [], languageNotes: [], dnt: false, terms: {} };
      this.#entryElements = 0;
    } else if (LANG_SET.has(local)) {
      this.#openLangSet(event);
    } else if (TERM_GROUP.has(local)) {
      if (!this.#langSet) throw this.#misplaced(event, 'a <langSet>');
      this.#group = { name: event.name, line: event.line };
    } else if (local === 'term') {
      if (!this.#group) throw this.#misplaced(event, 'a <tig> or <ntig>');
      this.#capture = { category: 'term', depth: this.#depth, line: event.line, text: '' };
    } else if (this.#entry) {
      const category = local === 'note' ? local : TYPED.has(local) ? attributes.type : local;
      if (category !== undefined && (category === 'note' || CATEGORIES.has(category))) {
        this.#capture = { category: category as Category, depth: this.#depth, line: event.line, text: '' };
      }
    }
  }

  #root(event: XmlOpen): void {
    if (event.local !== 'martif' && event.local !== 'tbx') {
      throw this.#error(`expected a TBX-Basic file (root element <martif type="TBX-Basic"> or <tbx type="TBX-Basic">), found <${event.name}>`, event);
    }
    const type = event.attributes.type;
    if (type?.toLowerCase() !== 'tbx-basic') {
      const found = type === undefined ? 'no type' : `type="${type}"`;
      throw this.#error(`expected a TBX-Basic file (<${event.name} type="TBX-Basic">), found ${found}`, event);
    }
  }

  /** Concepts are told apart by id (TBX makes it an XML ID), so two entries may not share one. */
  #checkId(event: XmlOpen): void {
    const id = event.attributes.id;
    if (id === undefined) return;
    const first = this.#ids.get(id);
    if (first !== undefined) throw this.#error(`duplicate <${event.name}> id "${id}" (first used on line ${first})`, event);
    this.#ids.set(id, event.line);
  }

  #openLangSet(event: XmlOpen): void {
    if (!this.#entry) throw this.#misplaced(event, 'a <termEntry>');
    const tag = event.attributes['xml:lang'];
    if (!tag?.trim()) throw this.#error(`<${event.name}> without xml:lang: expected the language of its terms, e.g. xml:lang="nl"`, event);
    this.#langSet = { language: normalizeLanguageTag(tag), terms: [] };
  }

  #finishCapture(): void {
    const { category, line } = this.#capture!;
    const text = cleanText(this.#capture!.text);
    this.#capture = undefined;
    const entry = this.#entry!;
    switch (category) {
      case 'term':
        if (!text) throw new InputError('empty <term>: expected the term\'s text', { file: this.#file, line });
        this.#group!.text = text;
        break;
      case 'administrativeStatus':
        if (this.#group) this.#group.status = status(text, this.#file, line);
        break;
      case 'partOfSpeech':
        if (this.#group && text) this.#group.partOfSpeech = text;
        break;
      case 'subjectField':
        if (text) entry.subject ??= text;
        break;
      case 'definition':
        if (text) entry.definition ??= text;
        break;
      case 'transferComment':
        if (DO_NOT_TRANSLATE.test(text)) entry.dnt = true;
        break;
      case 'note':
        if (!text) break;
        if (this.#langSet) entry.languageNotes.push(`[${this.#langSet.language}: ${text}]`);
        else entry.notes.push(text);
        break;
    }
  }

  #closeGroup(): void {
    const group = this.#group!;
    this.#group = undefined;
    if (group.text === undefined) throw new InputError(`<${group.name}> without a <term>`, { file: this.#file, line: group.line });
    this.#langSet!.terms.push({ text: group.text, status: group.status, ...(group.partOfSpeech ? { partOfSpeech: group.partOfSpeech } : {}) });
  }

  #closeLangSet(): void {
    const { language, terms } = this.#langSet!;
    this.#langSet = undefined;
    if (terms.length === 0) return;
    let preferredGiven = terms.some((term) => term.status === 'preferred');
    const list = (this.#entry!.terms[language] ??= []);
    for (const { text, status, partOfSpeech } of terms) {
      const defaulted = status ?? (preferredGiven ? 'admitted' : 'preferred');
      if (defaulted === 'preferred') preferredGiven = true;
      list.push({ text, status: defaulted, ...(partOfSpeech ? { partOfSpeech } : {}) });
    }
  }

  #closeEntry(): Concept {
    const entry = this.#entry!;
    this.#entry = undefined;
    const lists = Object.values(entry.terms);
    if (lists.length === 0) {
      throw new InputError('<termEntry> without any <term>: expected at least one langSet with a term', { file: this.#file, line: entry.line });
    }
    for (const list of lists) sortTerms(list);
    const note = [entry.notes.length ? entry.notes.join(' ') : entry.definition, ...entry.languageNotes].filter(Boolean).join(' ');
    return {
      id: entry.id ?? `${this.#file}:${entry.line}`,
      file: this.#file,
      line: entry.line,
      ...(entry.subject !== undefined && { subject: entry.subject }),
      ...(note && { note }),
      dnt: entry.dnt,
      terms: entry.terms,
    };
  }

  #misplaced(event: XmlOpen, parent: string): InputError {
    return this.#error(`<${event.name}> outside ${parent}`, event);
  }

  #error(message: string, event: XmlOpen): InputError {
    return new InputError(message, { file: this.#file, line: event.line, column: event.column });
  }
}

function status(value: string, file: string, line: number): TermStatus {
  const found = STATUSES[value.toLowerCase()];
  if (found) return found;
  throw new InputError(
    `unknown administrativeStatus "${value}": expected preferredTerm-admn-sts, admittedTerm-admn-sts, deprecatedTerm-admn-sts or supersededTerm-admn-sts`,
    { file, line },
  );
}
