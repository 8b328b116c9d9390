import type { Statement } from 'better-sqlite3';
import { sha256 } from '../core/hash.js';
import { toolVersion } from '../core/tool-version.js';
import { sameMeta, type StateDb } from './state-db.js';

/**
 * The hash of every localized article as tolk last wrote it, kept beside the
 * memory (`written` in `.tolk/state.sqlite`, not committed). A file that
 * still has that hash holds nothing the memory lacks, so it need not be
 * parsed and read back. Beside it, the hash of the reassembled text that
 * passed the structure check, so an identical rebuild is not parsed again.
 * Without this record (a fresh clone) every localized article is read back
 * and verified once; another tolk version verifies again. Writes are made
 * as they come (one small row per article), so the run holds none of it.
 */
export class WrittenFiles {
  readonly #get: Statement<[string], { hash: string | null; verified: string | null }>;
  readonly #putHash: Statement<[string, string]>;
  readonly #putVerified: Statement<[string, string]>;

  private constructor(db: StateDb) {
    this.#get = db.prepare('SELECT hash, verified FROM written WHERE path = ?');
    this.#putHash = db.prepare('INSERT INTO written (path, hash) VALUES (?, ?) ON CONFLICT (path) DO UPDATE SET hash = excluded.hash');
    this.#putVerified = db.prepare('INSERT INTO written (path, verified) VALUES (?, ?) ON CONFLICT (path) DO UPDATE SET verified = excluded.verified');
  }

  static open(db: StateDb): WrittenFiles {
    // What passed another tolk's structure check is checked again; the hashes of what was written stay true.
    if (!sameMeta(db, 'verified-by', toolVersion())) db.exec('UPDATE written SET verified = NULL');
    return new WrittenFiles(db);
  }

  /** True when `text` is exactly what tolk wrote to `path`. */
  unchanged(path: string, text: string): boolean {
    const hash = this.#get.get(path)?.hash;
    return hash != null && hash === sha256(text);
  }

  record(path: string, text: string): void {
    this.#putHash.run(path, sha256(text));
  }

  /**
   * The structure-check memory of one file, hashing each text once: `check`
   * says whether this reassembled text passed against this source shape
   * before; `record` keeps the text last checked as passed.
   */
  verifier(path: string): { check: (text: string, shape: string) => boolean; record: () => void } {
    let last: string | undefined;
    let known: string | null | undefined;
    return {
      check: (text, shape) => {
        known ??= this.#get.get(path)?.verified ?? null;
        return (last = sha256(`${shape}\u0000${text}`)) === known;
      },
      record: () => {
        if (last === undefined || last === known) return;
        this.#putVerified.run(path, last);
        known = last;
      },
    };
  }
}
