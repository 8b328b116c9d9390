import type { XmlOpen } from '../xml/xml-event.js';

/** A `<seg>`'s content reduced to text and inline codes, in document order. */
export type SegPart =
  | { type: 'text'; text: string }
  | { type: 'open' | 'close' | 'void'; element: string; i?: string; x?: string };

type Role = 'open' | 'close' | 'void' | 'transparent' | 'drop';

/**
 * What each TMX inline element becomes. A code element's content is the
 * original markup (`&lt;b&gt;`), not text, so it is dropped along with any
 * `<sub>` inside it. Unknown elements are treated like `<hi>`.
 */
const ROLES: Record<string, Role> = {
  bpt: 'open', // begins a paired code; `i` pairs it with its <ept>
  ept: 'close',
  ph: 'void', // a standalone code
  it: 'void', // half of a pair whose other half is in another segment
  ut: 'void', // deprecated "unknown tag"
  hi: 'transparent', // highlighting: the text inside is translatable, the element is no code
  sub: 'drop', // sub-flow (a footnote, alt text) of a code: not part of this segment's text
};

/** Collects a `<seg>`'s events into parts; feed it what lies between `<seg>` and `</seg>`. */
export class SegCollector {
  readonly parts: SegPart[] = [];
  /** Elements open inside a code whose content is being dropped. */
  #dropDepth = 0;

  open(event: XmlOpen): void {
    if (this.#dropDepth > 0) {
      this.#dropDepth++;
      return;
    }
    const role = ROLES[event.local] ?? 'transparent';
    if (role === 'transparent') return;
    this.#dropDepth = 1;
    if (role === 'drop') return;
    const { i, x } = event.attributes;
    this.parts.push({
      type: role,
      element: event.local,
      ...(i !== undefined && { i }),
      ...(x !== undefined && { x }),
    });
  }

  close(): void {
    if (this.#dropDepth > 0) this.#dropDepth--;
  }

  text(text: string): void {
    if (this.#dropDepth > 0) return;
    const last = this.parts[this.parts.length - 1];
    if (last?.type === 'text') last.text += text;
    else this.parts.push({ type: 'text', text });
  }
}
