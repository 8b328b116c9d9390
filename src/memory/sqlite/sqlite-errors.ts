import { InputError, TolkError } from '../../core/errors.js';
import type { MemoryStore } from '../store.js';

/** The translation memory failed while the command ran (exit 1: run again once the cause is fixed). */
export class MemoryError extends TolkError {
  override readonly exitCode = 1;
}

/**
 * SQLite's result codes, turned into one line that says what to do. The
 * extended codes (`SQLITE_BUSY_SNAPSHOT`, `SQLITE_IOERR_WRITE` ...) fall under
 * their primary code.
 */
const ADVICE: Array<{ code: RegExp; input?: true; say: (file: string) => string }> = [
  {
    code: /^SQLITE_(BUSY|LOCKED)/,
    say: (f) => `translation memory ${f} stayed locked by another process; run again when the other program using it has finished`,
  },
  {
    code: /^SQLITE_(CORRUPT|NOTADB)/,
    input: true,
    say: (f) => `${f} is damaged or is not a tolk translation memory; restore it from a backup, or move it aside and run again to start a new one`,
  },
  {
    code: /^SQLITE_(READONLY|CANTOPEN|PERM|AUTH)/,
    input: true,
    say: (f) => `cannot write the translation memory ${f}; check that the file and its directory exist and are writable`,
  },
  { code: /^SQLITE_FULL/, say: (f) => `the disk holding ${f} is full; free some space and run again (the memory is unchanged since the last stored batch)` },
  { code: /^SQLITE_IOERR/, say: (f) => `input/output error on ${f}; check the disk and run again` },
];

/** A TolkError for any error from SQLite; other errors pass through unchanged. */
export function sqliteError(error: unknown, file: string): unknown {
  const code = (error as { code?: unknown })?.code;
  if (error instanceof TolkError || typeof code !== 'string' || !code.startsWith('SQLITE_')) return error;
  const advice = ADVICE.find((a) => a.code.test(code));
  if (!advice) return new MemoryError(`translation memory ${file}: ${(error as Error).message} (${code})`, {}, { cause: error });
  return advice.input ? new InputError(advice.say(file), {}, { cause: error }) : new MemoryError(advice.say(file), {}, { cause: error });
}

/** The store with every SQLite error turned into a one-line TolkError. */
export function guardSqliteErrors(store: MemoryStore, file: string): MemoryStore {
  const guard = <T>(promise: () => Promise<T>): Promise<T> =>
    promise().catch((error: unknown) => {
      throw sqliteError(error, file);
    });
  return {
    lookup: (ids, target) => guard(() => store.lookup(ids, target)),
    lookupText: (source, sourceLanguage, targetLanguage) => guard(() => store.lookupText(source, sourceLanguage, targetLanguage)),
    lookupTexts: (sources, sourceLanguage, targetLanguage) => guard(() => store.lookupTexts(sources, sourceLanguage, targetLanguage)),
    fuzzy: (source, options) => guard(() => store.fuzzy(source, options)),
    write: (writes) => guard(() => store.write(writes)),
    writeAll: (writes) => guard(() => store.writeAll(writes)),
    async *entries(filter) {
      try {
        yield* store.entries(filter);
      } catch (error) {
        throw sqliteError(error, file);
      }
    },
    stats: () => guard(() => store.stats()),
    close: () => guard(() => store.close()),
  };
}
