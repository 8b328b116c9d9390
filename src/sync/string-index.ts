import type { Project } from '../config/index.js';
import type { CodeHint } from '../exchange/index.js';
import type { MemoryStore, Status } from '../memory/index.js';
import { displayPath } from '../project/index.js';
import type { EditScan } from './markdown-edits.js';
import {
  expectedKeys,
  keyPosition,
  listNamespaces,
  localeFile,
  readResource,
  stringSegment,
  stringValue,
  taggedLike,
  type Resource,
  type StringSegment,
} from '../strings/index.js';

/** One key of a target language that a UI string is the source of. */
export interface StringKey {
  namespace: string;
  key: string;
  /** The source file and the line of the source key (`locales/nl/common.json`). */
  sourceFile: string;
  line: number;
  /** The target file (absolute) and as shown to people, and the key's line there (1 when it is missing). */
  file: string;
  display: string;
  targetLine: number;
  /** The plural category this key is the form of. */
  category?: string;
  /** The value in the target file now; undefined when missing or empty. */
  value?: string;
}

/** One unique UI string (by segment id) of one target language and every key it is the source of. */
export interface IndexedString extends StringSegment {
  codes: Map<number, CodeHint>;
  keys: StringKey[];
}

/** The translation a UI string has now, and how good it is. */
export interface StringTranslation {
  /** Tagged like the source; undefined when the file's value carries markup the source has not. */
  target?: string;
  status: Status;
  /** The value is in the locale file (not only in the memory). */
  inFile: boolean;
  /** The file's value is not the memory's: typed into the JSON by a person. */
  typed: boolean;
  /** The memory has a translation (the file's, or another when `typed`). */
  inMemory: boolean;
}

/**
 * The UI strings one target language needs, as `tolk check` and `tolk
 * translate --strings` count them (the same `expectedKeys` and segment ids,
 * so the memory entries line up), with the values its locale files have now.
 * Invalid JSON is an InputError naming the file (exit 2).
 */
export async function indexStrings(project: Project, language: string): Promise<Map<string, IndexedString>> {
  const sourceLanguage = project.config.sourceLanguage;
  const strings = new Map<string, IndexedString>();
  const namespaces = project.config.strings.namespaces ?? (await listNamespaces(project, sourceLanguage));
  for (const namespace of namespaces) {
    const sourceFile = localeFile(project, sourceLanguage, namespace);
    const source = await readResource(sourceFile, { language: sourceLanguage, namespace, file: displayPath(project, sourceFile) });
    if (!source) continue;
    const file = localeFile(project, language, namespace);
    const target = await readResource(file, { language, namespace, file: displayPath(project, file) });
    for (const expected of expectedKeys(source.strings.keys(), language).required) {
      const text = source.strings.get(expected.sourceKey);
      if (!text) continue;
      const segment = stringSegment(sourceLanguage, text, expected, language);
      let entry = strings.get(segment.id);
      if (!entry) {
        entry = { ...segment, codes: codeHints(segment), keys: [] };
        strings.set(segment.id, entry);
      }
      const value = target?.strings.get(expected.key);
      entry.keys.push({
        namespace,
        key: expected.key,
        sourceFile: source.file,
        line: line(source, expected.sourceKey),
        file,
        display: displayPath(project, file),
        targetLine: target ? line(target, expected.key) : 1,
        ...(expected.plural ? { category: expected.plural.category } : {}),
        ...(typeof value === 'string' && value !== '' ? { value } : {}),
      });
    }
  }
  return strings;
}

/**
 * What each UI string has now. The locale file is what the product shows,
 * so it decides: a value the memory also holds has the memory's status; a
 * value the memory does not know was written by a person straight into the
 * JSON (`translated`). Without a value in the file, the memory's translation
 * (if any) is offered, marked as not in the file.
 */
export async function stringTranslations(store: MemoryStore, language: string, strings: ReadonlyMap<string, IndexedString>): Promise<Map<string, StringTranslation>> {
  const known = await store.lookup([...strings.keys()], language);
  const result = new Map<string, StringTranslation>();
  for (const [id, entry] of strings) {
    const memory = known.get(id);
    const value = entry.keys.find((k) => k.value !== undefined)?.value;
    if (value === undefined) {
      if (memory) result.set(id, { target: memory.target, status: memory.status, inFile: false, typed: false, inMemory: true });
      continue;
    }
    const fromMemory = memory ? stringValue(entry, memory.target) : undefined;
    if (memory && fromMemory && 'value' in fromMemory && fromMemory.value === value) {
      result.set(id, { target: memory.target, status: memory.status, inFile: true, typed: false, inMemory: true });
      continue;
    }
    const target = taggedLike(entry, value);
    result.set(id, { ...(target !== undefined ? { target } : {}), status: 'translated', inFile: true, typed: true, inMemory: memory !== undefined });
  }
  return result;
}

/** What each tag of a UI string stands for: i18next markup, shown to translators as written. */
function codeHints(segment: StringSegment): Map<number, CodeHint> {
  return new Map(
    [...segment.value.markup].map(([id, m]) => [id, { nodeType: m.open.startsWith('{{') ? 'i18nextInterpolation' : m.open.startsWith('$t(') ? 'i18nextNesting' : 'i18nextTag', ...m }]),
  );
}

const line = (resource: Resource, key: string) => keyPosition(resource, key)?.line ?? 1;

/**
 * Values typed straight into a language's locale files that the memory does
 * not hold: hand edits, shaped like the ones found in localized Markdown so
 * they are stored the same way. A value carrying markup its source has not
 * cannot be lined up with the source's tags: reported, never guessed.
 */
export async function stringEdits(store: MemoryStore, language: string, strings: ReadonlyMap<string, IndexedString>): Promise<EditScan> {
  const scan: EditScan = { edits: [], problems: [] };
  for (const [id, now] of await stringTranslations(store, language, strings)) {
    if (!now.typed) continue;
    const entry = strings.get(id)!;
    const key = entry.keys.find((k) => k.value !== undefined)!;
    if (now.target === undefined) {
      scan.problems.push({
        severity: 'warning',
        rule: 'string-markup',
        message: `"${key.key}" has placeholders or tags its source ("${key.sourceFile}") has not; not stored in the memory`,
        file: key.display,
        line: key.targetLine,
        language,
        key: key.key,
      });
      continue;
    }
    scan.edits.push({
      language,
      file: key.display,
      line: key.targetLine,
      article: `${key.sourceFile}#${key.key}`,
      segmentId: id,
      source: entry.value.tagged,
      target: now.target,
      kind: now.inMemory ? 'edited' : 'translated',
    });
  }
  return scan;
}
