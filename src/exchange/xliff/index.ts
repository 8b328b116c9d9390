/** XLIFF 2.0 and 1.2: what translators' tools read and write. */
export { readXliff, XLIFF_MAX_BYTES } from './read-xliff.js';
export { writeXliff, XLIFF_NAMESPACES } from './write-xliff.js';
export { stateMeaning, targetState, type StateMeaning, type TargetState } from './states.js';
export type {
  CodeHint,
  Content,
  ReadXliffOptions,
  WriteXliffOptions,
  Xliff12Codes,
  XliffDocument,
  XliffFileOut,
  XliffFormat,
  XliffNote,
  XliffUnitIn,
  XliffUnitOut,
} from './types.js';
