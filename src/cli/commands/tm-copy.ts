import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { InputError, UsageError } from '../../core/errors.js';
import { describeMemory, isPostgresUrl, openMemoryAt, type MemoryEntry, type MemoryStore, type MemoryWrite } from '../../memory/index.js';
import { printJson, type CommandIO } from '../io.js';

export interface TmCopyArgs {
  from: string;
  into: string;
  root?: string;
  json?: boolean;
}

export interface TmCopyReport {
  from: string;
  into: string;
  /** Entries read from `from`. */
  entries: number;
  /** New in `into`. */
  added: number;
  /** Replaced an entry of `into` the status rules let it replace (a machine one by a person's, a higher status). */
  updated: number;
  /** Already in `into` with the same text and status. */
  kept: number;
  /** Refused by the status rules (`into` has a person's or a higher-status translation). */
  refused: number;
  refusedReasons: Record<string, number>;
}

/**
 * `tolk tm copy <from> <into>`: every entry of one memory into another (SQLite
 * path or postgres:// URL, either way), with origin, status, history, glossary
 * violations and articles, streamed as one all-or-nothing write. Into a
 * non-empty memory it merges under the status rules; a re-run changes nothing.
 */
export async function runTmCopy(args: TmCopyArgs, io: CommandIO): Promise<number> {
  const cwd = args.root ? resolve(io.cwd, args.root) : io.cwd;
  const place = (location: string) => (isPostgresUrl(location) ? location : resolve(cwd, location));
  if (place(args.from) === place(args.into)) throw new UsageError(`tm copy: <from> and <into> are the same memory (${describeMemory(args.from)})`);
  if (!isPostgresUrl(args.from) && !existsSync(place(args.from))) throw new InputError(`no translation memory here`, { file: args.from });
  const intoFile = isPostgresUrl(args.into) ? undefined : place(args.into);
  const intoIsNew = intoFile !== undefined && !existsSync(intoFile);

  const source = openMemoryAt(args.from, cwd);
  const target = openMemoryAt(args.into, cwd);
  let entries = 0;
  try {
    const result = await target.writeAll(
      (async function* (): AsyncGenerator<MemoryWrite> {
        for await (const entry of source.entries()) {
          entries++;
          yield asWrite(entry);
        }
      })(),
    );
    const refusedReasons: Record<string, number> = {};
    for (const s of result.skipped) refusedReasons[s.reason] = (refusedReasons[s.reason] ?? 0) + 1;
    const report: TmCopyReport = {
      from: describeMemory(args.from),
      into: describeMemory(args.into),
      entries,
      added: result.inserted,
      updated: result.updated,
      kept: result.unchanged,
      refused: result.skipped.length,
      refusedReasons,
    };
    if (args.json) printJson(io, report);
    else {
      io.stdout(`${report.from} → ${report.into}: ${entries} entries, ${report.added} added, ${report.updated} updated, ${report.kept} kept, ${report.refused} refused\n`);
      for (const [reason, count] of Object.entries(refusedReasons)) io.stdout(`  refused ${count}: ${reason}\n`);
    }
    return 0;
  } catch (error) {
    // All or nothing: a SQLite file this copy created is removed again.
    if (intoIsNew) await closeQuietly(target).then(() => removeSqlite(intoFile));
    throw error;
  } finally {
    await closeQuietly(source);
    await closeQuietly(target);
  }
}

function asWrite(entry: MemoryEntry): MemoryWrite {
  return {
    segmentId: entry.segmentId,
    sourceLanguage: entry.sourceLanguage,
    targetLanguage: entry.targetLanguage,
    source: entry.source,
    target: entry.target,
    origin: entry.origin,
    status: entry.status,
    createdAt: entry.createdAt,
    updatedAt: entry.updatedAt,
    ...(entry.articles?.length ? { articles: entry.articles } : {}),
    ...(entry.violations?.length ? { violations: entry.violations } : {}),
    ...(entry.previousTarget !== undefined ? { previousTarget: entry.previousTarget } : {}),
    ...(entry.previousOrigin !== undefined ? { previousOrigin: entry.previousOrigin } : {}),
  };
}

async function closeQuietly(store: MemoryStore): Promise<void> {
  await store.close().catch(() => {});
}

function removeSqlite(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}
