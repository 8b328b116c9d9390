import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import { openMemory } from '../../src/memory/index.js';
import { indexSegments } from '../../src/sync/index.js';
import { rebuildArticles } from '../../src/pipeline/index.js';
import { projectFiles, translatedProject } from './helpers.js';

describe('rebuilding localized articles from the memory', () => {
  it('sync: a rebuild of articles tolk translate just wrote changes no byte (same text, same record)', async () => {
    const root = await translatedProject();
    const before = projectFiles(root);
    const project = await loadProject({ root });
    const store = openMemory(project);
    try {
      const index = await indexSegments(project, ['af']);
      const result = await rebuildArticles({ project, store, work: index.work });
      expect(result).toEqual({ written: [], unchanged: 2, diagnostics: [] });
    } finally {
      await store.close();
    }
    expect(projectFiles(root)).toEqual(before);
  });
});
