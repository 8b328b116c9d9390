/** Markdown stage: parse an article into segments and put translations back. */
export type { Segment, SegmentedArticle, Unit } from './article.js';
export { checkMarkdownLimits, parseMarkdown } from './parse.js';
export { segmentArticle, type SegmentOptions } from './segment.js';
export { reassemble, type ReassembleOptions, type ReassembleResult } from './reassemble.js';
export { segmentUnits, retagToSource } from './align.js';
export { setArticleFrontMatter } from './front-matter.js';
export { findFrontMatter, readFrontMatterBlock, type FrontMatterBlock, type FrontMatterLocation } from './front-matter-block.js';
export { articleFromJson, articleToJson, SEGMENTER_VERSION } from './article-json.js';
