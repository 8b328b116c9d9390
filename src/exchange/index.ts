/** Exchange stage: reading and writing the interchange formats other tools use (TMX, XLIFF; TBX to come). */
export { readTmx } from './tmx/read-tmx.js';
export { writeTmx, type WriteTmxOptions } from './tmx/write-tmx.js';
export type { ReadTmxOptions, TmxDocument, TmxHeader, TmxTarget, TmxUnit } from './tmx/types.js';
export { readXmlEvents, type SafeXmlOptions } from './xml/safe-sax.js';
export type { XmlEvent, XmlOpen, XmlClose, XmlText } from './xml/xml-event.js';
export type { Doctype } from './xml/doctype.js';
export { normalizeLanguageTag } from './language-tag.js';
export {
  readXliff,
  writeXliff,
  stateMeaning,
  XLIFF_MAX_BYTES,
  type CodeHint,
  type Content,
  type Prefill,
  type ReadXliffOptions,
  type StateMeaning,
  type WriteXliffOptions,
  type Xliff12Codes,
  type XliffDocument,
  type XliffFileOut,
  type XliffFormat,
  type XliffNote,
  type XliffSuggestion,
  type XliffUnitIn,
  type XliffUnitOut,
} from './xliff/index.js';
export { importTmx, type ImportOptions, type ImportReport, type TmxReject } from './tmx/import-tmx.js';
