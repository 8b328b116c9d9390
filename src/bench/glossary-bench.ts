import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadProject } from '../config/index.js';
import { createEngine } from '../engines/index.js';
import type { Glossary } from '../glossary/index.js';
import { SqliteMemoryStore } from '../memory/index.js';
import { translateArticles } from '../pipeline/index.js';
import { createLocalQueue } from '../queue/index.js';
import { figure, type Figure } from './report.js';

export interface GlossaryEffect {
  unknownWords: { before: number; after: number };
  violations: { before: number; after: number };
  /** Violations by rule after protection, to see what is left. */
  remaining: Record<string, number>;
}

/**
 * One article through Apertium twice, with fresh memories: first checked
 * against the glossary without protecting anything (the engine alone), then
 * with names and terms protected and injected.
 */
export async function glossaryEffect(article: string, glossary: Glossary, language = 'af'): Promise<GlossaryEffect> {
  const run = async (protect: boolean) => {
    const root = mkdtempSync(join(tmpdir(), 'tolk-glossary-'));
    try {
      mkdirSync(join(root, 'articles/nl'), { recursive: true });
      writeFileSync(join(root, 'articles/nl/article.md'), article);
      writeFileSync(join(root, 'tolk.config.json'), JSON.stringify({ sourceLanguage: 'nl', targetLanguages: [language] }));
      const project = await loadProject({ root });
      const store = new SqliteMemoryStore(join(root, 'tm.sqlite'));
      const engine = await createEngine('apertium');
      const queue = createLocalQueue({ engines: [engine], limits: () => ({ concurrency: 1 }), retry: { retries: 1, minDelayMs: 10, maxDelayMs: 10 } });
      const summary = await translateArticles({
        project,
        store,
        languages: [language],
        engines: new Map([[language, engine]]),
        queue,
        fuzzyThreshold: 75,
        glossary: { glossary, enforcement: 'warning', protect },
      });
      await store.close();
      const unknown = Object.values(summary.languages[language]!.unknownWords).reduce((n, words) => n + words.length, 0);
      return { unknown, violations: summary.violations };
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  };
  const before = await run(false);
  const after = await run(true);
  const remaining: Record<string, number> = {};
  for (const v of after.violations) remaining[v.rule] = (remaining[v.rule] ?? 0) + 1;
  return {
    unknownWords: { before: before.unknown, after: after.unknown },
    violations: { before: before.violations.length, after: after.violations.length },
    remaining,
  };
}

export async function benchGlossary(article: string, glossary: Glossary, log: (line: string) => void): Promise<Figure[]> {
  const effect = await glossaryEffect(article, glossary);
  log(`glossary on the seed article through Apertium nl→af: ${JSON.stringify(effect)}`);
  return [
    figure({
      name: 'seed article: Apertium unknown words',
      value: effect.unknownWords.after,
      unit: 'words',
      baseline: { name: 'without glossary', value: effect.unknownWords.before, unit: 'words' },
      goal: 'fewer with glossary',
      pass: effect.unknownWords.after < effect.unknownWords.before,
    }),
    figure({
      name: 'seed article: glossary violations',
      value: effect.violations.after,
      unit: 'violations',
      baseline: { name: 'without glossary', value: effect.violations.before, unit: 'violations' },
      goal: 'fewer with glossary',
      pass: effect.violations.after < effect.violations.before,
    }),
  ];
}
