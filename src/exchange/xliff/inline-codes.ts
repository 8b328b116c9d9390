import type { XmlOpen } from '../xml/xml-event.js';

/**
 * A `<source>`'s or `<target>`'s content reduced to text and inline codes.
 * `key` is what pairs a code across source and target (its id, or the id of
 * the code it starts); `problem` marks a code tagged strings cannot carry.
 */
export type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'open' | 'close' | 'void'; key: string; element: string }
  | { type: 'problem'; message: string };

/**
 * What each inline element of XLIFF 2.0 and 1.2 becomes. The two versions'
 * element names only meet in `<ph>` and `<mrk>`, which mean the same in both
 * (1.2's `<ph>` content is native code, dropped like all code content).
 */
type Role =
  | 'paired' // an element around the text it formats: 2.0 <pc>, 1.2 <g>
  | 'start' // 2.0 <sc>, 1.2 <bx/>; 1.2 <bpt> (its content is native code)
  | 'end' // 2.0 <ec>, 1.2 <ex/>; 1.2 <ept>
  | 'void' // 2.0 <ph/>, 1.2 <x/>, <ph>
  | 'isolated' // 1.2 <it>: half of a pair whose other half is in another segment
  | 'char' // 2.0 <cp hex>: a character XML cannot carry
  | 'transparent' // annotations (<mrk>) and anything unknown: the text inside counts
  | 'marker' // 2.0 <sm/>, <em/>: annotation boundaries, nothing to keep
  | 'drop'; // 1.2 <sub>: a sub-flow, not this segment's text

const ROLES: Readonly<Record<string, Role>> = {
  pc: 'paired',
  g: 'paired',
  sc: 'start',
  bx: 'start',
  bpt: 'start',
  ec: 'end',
  ex: 'end',
  ept: 'end',
  ph: 'void',
  x: 'void',
  it: 'isolated',
  cp: 'char',
  mrk: 'transparent',
  sm: 'marker',
  em: 'marker',
  sub: 'drop',
};

/** Elements whose content is native code (or a sub-flow), never text. */
const CODE_CONTENT = new Set(['bpt', 'ept', 'ph', 'it', 'sub']);

/** Collects the content between `<source>`/`<target>` and its end tag; feed it the events in between. */
export class ContentCollector {
  readonly parts: ContentPart[] = [];
  /** Open elements: for a paired code, the key and element it closes with. */
  readonly #stack: Array<{ key: string; element: string } | undefined> = [];
  /** Elements open inside one whose content is being dropped. */
  #dropDepth = 0;

  open(event: XmlOpen): void {
    if (this.#dropDepth > 0) {
      this.#dropDepth++;
      return;
    }
    const role = ROLES[event.local] ?? 'transparent';
    const a = event.attributes;
    let closes: { key: string; element: string } | undefined;
    switch (role) {
      case 'paired':
        if (a.id === undefined) this.#problem(`<${event.name}> has no id`);
        else {
          this.parts.push({ type: 'open', key: a.id, element: event.local });
          closes = { key: a.id, element: event.local };
        }
        break;
      case 'start':
        // 2.0 `isolated="yes"`: the other half is outside this segment.
        if (a.isolated === 'yes') this.#problem(`isolated <${event.name}> (the code's other half is in another segment)`);
        else this.#code('open', a.rid ?? a.id, event);
        break;
      case 'end':
        if (a.isolated === 'yes') this.#problem(`isolated <${event.name}> (the code's other half is in another segment)`);
        else this.#code('close', a.startRef ?? a.rid ?? a.id, event);
        break;
      case 'void':
        this.#code('void', a.id, event);
        break;
      case 'isolated':
        this.#problem(`<${event.name}> (a code whose other half is in another segment)`);
        break;
      case 'char': {
        const code = /^[0-9a-fA-F]{1,6}$/.test(a.hex ?? '') ? Number.parseInt(a.hex!, 16) : NaN;
        if (code >= 0 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)) this.text(String.fromCodePoint(code));
        else this.#problem(`<${event.name} hex="${a.hex ?? ''}"> is not a character`);
        break;
      }
      case 'transparent':
      case 'marker':
      case 'drop':
        break;
    }
    this.#stack.push(closes);
    if (CODE_CONTENT.has(event.local)) this.#dropDepth = 1;
  }

  close(): void {
    if (this.#dropDepth > 1) {
      this.#dropDepth--;
      return;
    }
    this.#dropDepth = 0;
    const closes = this.#stack.pop();
    if (closes) this.parts.push({ type: 'close', ...closes });
  }

  text(text: string): void {
    if (this.#dropDepth > 0) return;
    const last = this.parts[this.parts.length - 1];
    if (last?.type === 'text') last.text += text;
    else this.parts.push({ type: 'text', text });
  }

  #code(type: 'open' | 'close' | 'void', key: string | undefined, event: XmlOpen): void {
    if (key === undefined) this.#problem(`<${event.name}> has no id`);
    else this.parts.push({ type, key, element: event.local });
  }

  #problem(message: string): void {
    this.parts.push({ type: 'problem', message });
  }
}
