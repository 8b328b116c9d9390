import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeProject, repoRoot } from '../helpers/project.js';

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


export { localize } from '../helpers/localize.js';

/** Everything the CLI command prints, for calling `runExport` in-process. */
export function bufferIO(cwd: string) {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    io: { stdout: (t: string) => void (out.stdout += t), stderr: (t: string) => void (out.stderr += t), isTTY: false, cwd, env: {} },
  };
}
