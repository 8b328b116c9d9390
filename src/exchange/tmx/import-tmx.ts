import { basename } from 'node:path';
import { readTmxInWorker } from './read-tmx-in-worker.js';
import { STATUSES, type MemoryStore, type MemoryWrite, type Status } from '../../memory/index.js';
import { segmentId } from '../../tagged/index.js';

export interface ImportReport {
  file: string;
  /** Translation variants read (one unit with three targets counts three). */
  read: number;
  imported: number;
  updated: number;
  unchanged: number;
  /** Variants not imported, by reason (file problems and status rules alike). */
  skipped: number;
  skippedReasons: Record<string, number>;
  /** Each unit or variant not imported: why, and where (the `<tu>`'s line for file problems, the segment for status rules). */
  rejects: TmxReject[];
  /** Variants the `check` option found something in (stored with them as violations). */
  flagged: number;
}

export interface TmxReject {
  reason: string;
  /** Variants the reject stands for (a unit without a usable source rejects all its targets). */
  count: number;
  line?: number;
  language?: string;
  segment?: string;
}

export interface ImportOptions {
  /** Status for imported units; our own exports carry theirs in `x-tolk-status`. @default "translated" */
  status?: Status;
  displayName?: string;
  /** Checks each variant before it is written (QA rules); what it returns is stored with the unit, as glossary violations are. */
  check?: (write: MemoryWrite) => string[];
}

/**
 * TMX into the memory as one transaction: a malformed file imports nothing.
 * Each variant becomes a write with origin `import:<file>`; the store's rules
 * decide (a machine import never overwrites a human translation).
 */
export async function importTmx(store: MemoryStore, path: string, options: ImportOptions = {}): Promise<ImportReport> {
  const file = options.displayName ?? path;
  const report: ImportReport = { file, read: 0, imported: 0, updated: 0, unchanged: 0, skipped: 0, skippedReasons: {}, rejects: [], flagged: 0 };
  const skip = (reason: string, where: Omit<TmxReject, 'reason' | 'count'>, count = 1) => {
    report.skipped += count;
    report.skippedReasons[reason] = (report.skippedReasons[reason] ?? 0) + count;
    report.rejects.push({ reason, count, ...where });
  };
  const { units } = await readTmxInWorker(path, { displayName: file });
  const origin = `import:${basename(path)}`;
  async function* writes(): AsyncGenerator<MemoryWrite> {
    for await (const unit of units) {
      if (unit.skip) {
        report.read += Math.max(1, unit.targets.length);
        skip(unit.skip, { line: unit.line, ...(unit.targets.length === 1 ? { language: unit.targets[0]!.language } : {}) }, Math.max(1, unit.targets.length));
        continue;
      }
      const ownStatus = unit.properties['x-tolk-status'] as Status | undefined;
      const status = options.status ?? (ownStatus && STATUSES.includes(ownStatus) ? ownStatus : 'translated');
      // Hashed once per unit: the store and the check use it as given.
      const id = segmentId(unit.sourceLanguage, unit.source);
      for (const target of unit.targets) {
        report.read++;
        if (target.skip) {
          skip(target.skip, { line: unit.line, language: target.language });
          continue;
        }
        const write: MemoryWrite = {
          segmentId: id,
          sourceLanguage: unit.sourceLanguage,
          targetLanguage: target.language,
          source: unit.source,
          target: target.text,
          origin: options.status ? origin : unit.properties['x-tolk-origin'] ?? origin,
          status,
        };
        const violations = options.check?.(write) ?? [];
        if (violations.length) report.flagged++;
        yield violations.length ? { ...write, violations } : write;
      }
    }
  }
  const result = await store.writeAll(writes());
  report.imported = result.inserted;
  report.updated = result.updated;
  report.unchanged = result.unchanged;
  for (const s of result.skipped) skip(s.reason, { language: s.targetLanguage, segment: s.segmentId });
  return report;
}
