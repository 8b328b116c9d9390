/** XLIFF 2.0 and 1.2: what translators' tools read and write. */
export { readXliff, XLIFF_MAX_BYTES } from './read-xliff.js';
export { writeXliff, XLIFF_NAMESPACES, XLIFF_MATCHES_NAMESPACE } from './write-xliff.js';
export { stateMeaning, targetState, type StateMeaning, type TargetState } from './states.js';
export type {
  CodeHint,
  Content,
  Prefill,
  ReadXliffOptions,
  TargetStatus,
  WriteXliffOptions,
  Xliff12Codes,
  XliffDocument,
  XliffFileOut,
  XliffFormat,
  XliffNote,
  XliffSuggestion,
  XliffUnitIn,
  XliffUnitOut,
} from './types.js';
