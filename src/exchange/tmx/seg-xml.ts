import { tokenize } from '../../tagged/index.js';
import { escapeXmlText } from '../xml/escape-xml.js';

/**
 * A tagged string as `<seg>` content. Tags become TMX codes whose content is
 * the tag itself, so readTmx (and other tools) give back the same tags:
 * `<1>…</1>` → `<bpt i="1">&lt;1&gt;</bpt>…<ept i="1">&lt;/1&gt;</ept>`,
 * `<2/>` → `<ph x="2">&lt;2/&gt;</ph>`. A half pair (a damaged
 * translation) is written as the isolated code TMX has for it, `<it>`.
 */
export function taggedToSeg(tagged: string): string {
  const tokens = tokenize(tagged);
  const opened = new Set<number>();
  const closed = new Set<number>();
  for (const t of tokens) {
    if (t.type === 'open') opened.add(t.id);
    else if (t.type === 'close') closed.add(t.id);
  }
  return tokens
    .map((t) => {
      switch (t.type) {
        case 'text':
          return escapeXmlText(t.value);
        case 'open':
          return closed.has(t.id) ? `<bpt i="${t.id}">&lt;${t.id}&gt;</bpt>` : `<it pos="begin" x="${t.id}">&lt;${t.id}&gt;</it>`;
        case 'close':
          return opened.has(t.id) ? `<ept i="${t.id}">&lt;/${t.id}&gt;</ept>` : `<it pos="end" x="${t.id}">&lt;/${t.id}&gt;</it>`;
        case 'void':
          return `<ph x="${t.id}">&lt;${t.id}/&gt;</ph>`;
      }
    })
    .join('');
}
