import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject, translate } from '../../src/index.js';
import { makeProject, removeProject, repoRoot } from '../helpers/project.js';

const seed = readFileSync(join(repoRoot, 'articles/nl/kazachstan-parijs-2024.md'), 'utf8');

describe('library calls take the project lock', () => {
  it('library lock: two translate() calls on one project queue up; the second finds everything translated and sends nothing', async () => {
    const root = makeProject({
      'tolk.config.json': JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['af'], engines: { '*': 'pseudo' } }),
      'articles/nl/a.md': seed,
      'articles/nl/b.md': seed.replaceAll('Kazachstan', 'Kirgizië'),
    });
    try {
      const project = await loadProject({ root });
      const waited: string[] = [];
      const [one, two] = await Promise.all(
        ['first', 'second'].map((name) => translate(project, { lock: { onWait: (holder) => waited.push(`${name} waited for ${holder.command}`) } })),
      );
      // Exactly one of the two waited, and between them every unique segment went to the engine once.
      expect(waited).toHaveLength(1);
      expect(waited[0]).toMatch(/waited for tolk translate/);
      expect([one!.engineSegments, two!.engineSegments].sort((a, b) => a - b)[0]).toBe(0);
      expect(one!.engineSegments + two!.engineSegments).toBe(Math.max(one!.unique, two!.unique));
    } finally {
      removeProject(root);
    }
  });

  it('library lock: with wait false a second call fails at once with a ProjectLockedError (exit 2), nothing sent', async () => {
    const root = makeProject({ 'tolk.config.json': JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['af'], engines: { '*': 'pseudo' } }), 'articles/nl/a.md': seed });
    try {
      const project = await loadProject({ root });
      const first = translate(project);
      const second = translate(project, { lock: { wait: false } }).then(
        () => 'ran',
        (error: Error & { exitCode?: number }) => `${error.name}:${error.exitCode}`,
      );
      const [, outcome] = await Promise.all([first, second]);
      expect(outcome).toBe('ProjectLockedError:2');
    } finally {
      removeProject(root);
    }
  });
});
