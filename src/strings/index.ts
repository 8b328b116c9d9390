/** Strings stage: i18next v4 resources — reading, plural rules, placeholders and the checks `tolk check` runs. */
export { PLURAL_CATEGORIES, pluralForms, requiredPluralForms, splitPluralKey, pluralKey } from './plural-rules.js';
export type { PluralCategory, PluralForms, PluralKey, PluralType } from './plural-rules.js';
export { expectedKeys, groupSourceKeys, type ExpectedKey, type ExpectedKeys, type SourceKeys } from './expected-keys.js';
export { flattenStrings, type FlatStrings } from './flatten.js';
export { readResource, type Resource } from './resource.js';
export { keyPosition } from './key-position.js';
export { placeholders, placeholderSequence, comparePlaceholders, describePlaceholders, type Placeholders, type PlaceholderDiff } from './placeholders.js';
export { identicalAllowed, hasOwnText, type IdenticalAllowed, type IdenticalAllowList } from './identical.js';
export { localeDir, localeFile, listNamespaces } from './locale-files.js';
export { checkResource, type CheckResourceOptions, type ResourceReport } from './check-resource.js';
export { checkStrings, type StringsReport } from './check-strings.js';
export { checkStringsInWorker } from './check-strings-in-worker.js';
export { toTagged, fromTagged, type TaggedValue } from './i18next-markup.js';
export { setKey, setMissingKey } from './set-key.js';
export { stringSegment, stringValue, taggedLike, type StringSegment } from './string-segment.js';
