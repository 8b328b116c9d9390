import { join } from 'node:path';
import { loadProject, type Project } from '../../src/config/index.js';
import { SqliteMemoryStore } from '../../src/memory/index.js';
import { scriptedEngine, upper } from './scripted-engine.js';
import { translateWith } from './translate-run.js';

/**
 * Localizes every source article through the real pipeline, so localized
 * articles carry genuine `tolk:` records. `translate` returns the tagged
 * translation of a segment, or undefined to leave it in the source language
 * (the engine then answers with a damaged tag, which the pipeline refuses).
 * Default: uppercase.
 */
export async function localize(root: string, languages: string[], translate: (tagged: string, lang: string) => string | undefined = (s) => upper(s)): Promise<Project> {
  const project = await loadProject({ root });
  const store = new SqliteMemoryStore(join(root, '.tolk/tm.sqlite'));
  const engine = scriptedEngine('scripted', (request) =>
    request.segments.map((s) => ({ text: translate(s, request.targetLanguage) ?? `${s}<99/>` })),
  );
  try {
    await translateWith(root, { engines: Object.fromEntries(languages.map((l) => [l, engine])), store, concurrency: 2 });
  } finally {
    await store.close();
  }
  return project;
}
