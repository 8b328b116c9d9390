import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadProject, type Project } from '../../src/config/index.js';
import type { Engine } from '../../src/engines/index.js';
import { SqliteMemoryStore } from '../../src/memory/index.js';
import { createJobQueue, translateArticles, type JobQueue } from '../../src/pipeline/index.js';
import { makeProject, repoRoot } from '../helpers/project.js';
import { scriptedEngine, upper } from '../helpers/scripted-engine.js';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** A short article with what the page chrome reads: title, description, date, photo credit and medals. */
export const article = `---
title: "Goud voor Kazachstan in Parijs"
description: Een historische dag voor het Kazachse gewichtheffen.
date: 2024-08-12
photo:
  photographer: Xavier Praillet
  site: Unsplash
medals:
  gold: 1
  silver: 2
  bronze: 0
---

# Goud voor Kazachstan in Parijs

De gewichtheffers van Kazachstan wonnen goud in Parijs.[^1]

Trainer Kees bleef er rustig onder.

- Eerste poging geslaagd.
- Tweede poging ook.

| Atleet | Gewicht |
| --- | --- |
| Nazym | 120 kg |

[^1]: Volgens de officiële uitslag.
`;

/** The sample article of the repository, as the demo exports it. */
export const sample = {
  nl: readFileSync(join(repoRoot, 'articles/nl/kazachstan-parijs-2024.md'), 'utf8'),
  af: readFileSync(join(repoRoot, 'articles/af/kazachstan-parijs-2024.md'), 'utf8'),
};

export const localeFile = (lang: string) => readFileSync(join(repoRoot, 'locales', lang, 'common.json'), 'utf8');

/** A project with the repository's UI strings for these languages and the given files. */
export function publishProject(files: Record<string, string>, config: Record<string, unknown> = {}, locales = ['nl', 'af', 'ru']): string {
  return makeProject({
    'tolk.config.json': json({ sourceLanguage: 'nl', targetLanguages: ['af', 'ru', 'ar'], articleLanguages: ['af', 'ru', 'ar'], ...config }),
    ...Object.fromEntries(locales.map((l) => [`locales/${l}/common.json`, localeFile(l)])),
    ...files,
  });
}

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
  const queues = new Map<Engine, JobQueue>();
  try {
    await translateArticles({
      project,
      store,
      languages,
      engines: new Map(languages.map((l) => [l, engine])),
      queueFor: (e) => queues.get(e) ?? queues.set(e, createJobQueue({ concurrency: 2 })).get(e)!,
      retry: { retries: 0, minDelayMs: 1, maxDelayMs: 1 },
      fuzzyThreshold: 75,
    });
  } finally {
    await store.close();
  }
  return project;
}

/** Everything the CLI command prints, for calling `runExport` in-process. */
export function bufferIO(cwd: string) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), isTTY: false, cwd, env: {} },
  };
}
