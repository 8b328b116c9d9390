/** Strings stage: i18next v4 resources — reading, plural rules, placeholders and the checks `tolk check` runs. */
export type { PluralCategory } from './plural-rules.js';
export { expectedKeys, type ExpectedKey, type ExpectedKeys } from './expected-keys.js';
export { flattenStrings, type FlatStrings } from './flatten.js';
export { readResource, type Resource } from './resource.js';
export { keyPosition } from './key-position.js';
export { placeholders, type Placeholders } from './placeholders.js';
export { localeFile, listNamespaces } from './locale-files.js';
export type { StringsReport } from './check-strings.js';
export { checkStringsInWorker } from './check-strings-in-worker.js';
export { setKey, setMissingKey } from './set-key.js';
export { stringSegment, stringValue, taggedLike, type StringSegment } from './string-segment.js';
