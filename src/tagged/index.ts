/**
 * Tagged strings: the grammar every stage shares (text with `<n>`/`</n>`/`<n/>`
 * placeholders for inline markup) and the segment id made from one. Below
 * every stage: Markdown, memory, engines, exchange and strings all use it.
 */
export { checkTags, tagShape, tokenize, serialize, plainText, escapeText, type Token, type TagShape } from './tagged.js';
export { segmentId, normalizeSource } from './segment-id.js';
