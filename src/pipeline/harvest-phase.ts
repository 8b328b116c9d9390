import type { Project } from '../config/index.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { harvestLocalized, withoutConflicts } from '../localized/index.js';
import type { MemoryStore, MemoryWrite } from '../memory/index.js';
import { displayPath } from '../project/index.js';
import type { ArticleWork } from './plan.js';
import type { WrittenFiles } from './written-files.js';

export interface HarvestPhaseInput {
  project: Project;
  store: MemoryStore;
  work: readonly ArticleWork[];
  /** Findings stored with a translation read back (QA), per language. */
  stored: (source: string, target: string, language: string, segment: string) => string[];
  /** Localized files unchanged since this tolk wrote them are not read back. */
  written?: WrittenFiles;
  dryRun?: boolean;
}

export interface Harvested {
  /** Translations stored (inserted or updated). */
  harvested: number;
  diagnostics: Diagnostic[];
}

/**
 * The harvest phase: translations already in localized articles go into the
 * memory first, so on a fresh clone (no memory) nothing already translated
 * is paid for again, and a translator's hand edits are stored as human
 * before the article is rebuilt. What cannot be read back is said.
 */
export async function harvestPhase(input: HarvestPhaseInput): Promise<Harvested> {
  const { project, store } = input;
  const writes: MemoryWrite[] = [];
  const edits: Array<MemoryWrite & { language: string; segmentId: string; file: string; line: number }> = [];
  const diagnostics: Diagnostic[] = [];
  for (const item of input.work) {
    for (const target of item.targets) {
      const provenance = target.existing?.provenance;
      if (!target.existing || !provenance) continue;
      if (input.written?.unchanged(target.file, target.existing.text)) continue;
      const file = displayPath(project, target.file);
      const found = harvestLocalized({
        source: item.article,
        localizedText: target.existing.text,
        localizedFile: file,
        provenance,
        targetLanguage: target.language,
        frontMatterFields: project.config.frontMatter.translate,
        article: item.display,
      });
      // A hand change that cannot be read back is said before the rebuild replaces it.
      for (const p of found.problems) diagnostics.push({ ...p, message: `${p.message}; the rebuild replaces it` });
      const known = await store.lookup(found.writes.map((w) => w.segmentId!), target.language);
      for (const { edited, line, ...write } of found.writes) {
        const stored = { ...write, violations: input.stored(write.source, write.target, target.language, write.segmentId!) };
        if (edited) edits.push({ ...stored, language: target.language, segmentId: write.segmentId!, file, line });
        else if (!known.has(write.segmentId!)) writes.push(stored);
      }
    }
  }
  // Hand edits under sync's rule: one segment edited two ways is stored neither way (and the rebuild replaces both).
  const { kept, conflicts } = withoutConflicts(edits);
  for (const { diagnostic } of conflicts) diagnostics.push({ ...diagnostic, message: `${diagnostic.message}; the rebuild replaces it` });
  for (const { language: _language, file: _file, line: _line, ...write } of kept) writes.push(write);
  if (writes.length === 0 || input.dryRun) return { harvested: 0, diagnostics };
  const result = await store.write(writes);
  return { harvested: result.inserted + result.updated, diagnostics };
}
