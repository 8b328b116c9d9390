import { writeFileAtomic } from '../core/atomic-write.js';
import { silentLogger } from '../core/logger.js';
import { displayPath } from '../project/index.js';
import { expectedKeys, listNamespaces, localeFile, readResource, setMissingKey, stringSegment, stringValue, type StringSegment } from '../strings/index.js';
import { runEnginePhase } from './engine-phase.js';
import { lookupTranslations } from './memory-phase.js';
import type { FailedSegment, RunOptions } from './translate.js';
import type { QueueCounts } from '../queue/index.js';

export type TranslateStringsOptions = RunOptions;

export interface StringsSummary {
  /** Keys written, per language and file: each is a machine translation stored as such in the memory for review. */
  filled: Array<{ language: string; file: string; key: string }>;
  failed: FailedSegment[];
  languages: Record<string, { engine: string; missing: number; tmExact: number; engineSegments: number; engineRequests: number; engineCharacters: number }>;
  /** With a remote queue (`queue.url`): its jobs, every producer's and worker's, when the run ended. */
  queue?: QueueCounts;
}

interface Missing extends StringSegment {
  namespace: string;
  key: string;
}

/**
 * Fills missing UI strings the way `tolk check` counts them (the same
 * `expectedKeys`, so the two never disagree), through the same memory, queue
 * and engines as articles. Existing values are never overwritten. A plural
 * form is translated with a number of its category in place of `{{count}}`
 * ("5 минут" for Russian `many`, "3 минуты" for `few`), so every form gets its
 * own grammar; the number is then turned back into `{{count}}` (see
 * `stringSegment`).
 */
export async function translateStrings(options: TranslateStringsOptions): Promise<StringsSummary> {
  const { project, store } = options;
  const logger = options.logger ?? silentLogger;
  const sourceLanguage = project.config.sourceLanguage;
  const summary: StringsSummary = { filled: [], failed: [], languages: {} };
  const namespaces = project.config.strings.namespaces ?? (await listNamespaces(project, sourceLanguage));
  const sources = new Map<string, Map<string, string | null>>();
  for (const namespace of namespaces) {
    const file = localeFile(project, sourceLanguage, namespace);
    const resource = await readResource(file, { language: sourceLanguage, namespace, file: displayPath(project, file) });
    if (resource) sources.set(namespace, resource.strings);
  }
  for (const language of options.languages) {
    const engine = options.engines.get(language)!;
    const stats = { engine: engine.name, missing: 0, tmExact: 0, engineSegments: 0, engineRequests: 0, engineCharacters: 0 };
    summary.languages[language] = stats;
    const missing: Missing[] = [];
    const texts = new Map<string, Record<string, unknown>>();
    for (const [namespace, strings] of sources) {
      const file = localeFile(project, language, namespace);
      const target = await readResource(file, { language, namespace, file: displayPath(project, file) });
      texts.set(namespace, target ? (JSON.parse(target.text) as Record<string, unknown>) : {});
      for (const expected of expectedKeys(strings.keys(), language).required) {
        const present = target?.strings.get(expected.key);
        const source = strings.get(expected.sourceKey);
        if ((present !== undefined && present !== null && present !== '') || !source) continue;
        missing.push({ namespace, key: expected.key, ...stringSegment(sourceLanguage, source, expected, language) });
      }
    }
    stats.missing = missing.length;
    const byId = new Map(missing.map((m) => [m.id, m]));
    const translations = new Map<string, string>();
    // The memory phase articles use: by id, then by text (a string already translated as an article segment is reused).
    const known = await lookupTranslations(store, sourceLanguage, language, new Map([...byId].map(([id, m]) => [id, m.value.tagged])));
    for (const [id, entry] of known) translations.set(id, entry.target);
    stats.tmExact = translations.size;
    const toSend = [...byId.values()].filter((m) => !translations.has(m.id)).map((m) => [m.id, m.value.tagged] as [string, string]);
    stats.engineSegments = toSend.length;
    stats.engineCharacters = toSend.reduce((n, [, s]) => n + s.length, 0);
    if (options.dryRun) continue;
    const engineOptions = options.engineOptions?.(engine.name);
    const place = (id: string) => `${project.config.locales}/${sourceLanguage}/${byId.get(id)!.namespace}.json#${byId.get(id)!.key}`;
    const answers = runEnginePhase(
      // A worker stores what this run stores: the string's place as its article, no findings (none are checked here).
      { engine, ...(engineOptions ? { engineOptions } : {}), sourceLanguage, targetLanguage: language, segments: toSend, article: place },
      options.queue,
      { logger, ...(options.signal ? { signal: options.signal } : {}) },
    );
    for await (const answer of answers) {
      const pairs = answer.translations;
      if (pairs.length) {
        await store.write(
          pairs.map(([id, target]) => ({
            segmentId: id,
            sourceLanguage,
            targetLanguage: language,
            source: byId.get(id)!.value.tagged,
            target,
            origin: `engine:${engine.name}`,
            status: 'machine' as const,
            article: place(id),
          })),
        );
      }
      for (const [id, target] of pairs) translations.set(id, target);
      for (const { id, reason } of answer.failed) summary.failed.push({ language, segment: id, source: byId.get(id)!.value.tagged, reason });
      stats.engineRequests += answer.requests;
    }
    const changed = new Set<string>();
    for (const item of missing) {
      const translation = translations.get(item.id);
      if (translation === undefined) continue;
      const value = stringValue(item, translation);
      if ('problem' in value) {
        summary.failed.push({ language, segment: item.id, source: item.value.tagged, reason: value.problem });
        continue;
      }
      if (setMissingKey(texts.get(item.namespace)!, item.key, value.value)) {
        changed.add(item.namespace);
        summary.filled.push({ language, file: displayPath(project, localeFile(project, language, item.namespace)), key: item.key });
      }
    }
    for (const namespace of changed) {
      await writeFileAtomic(localeFile(project, language, namespace), `${JSON.stringify(texts.get(namespace), null, 2)}\n`);
    }
  }
  return summary;
}
