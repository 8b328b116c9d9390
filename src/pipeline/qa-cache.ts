import type { Statement } from 'better-sqlite3';
import type { Diagnostic } from '../core/diagnostic.js';
import { sha256 } from '../core/hash.js';
import { toolVersion } from '../core/tool-version.js';
import { checkQa, type QaSettings } from '../qa/index.js';
import { sameMeta, type StateDb } from './state-db.js';

/** Enough of sha256 to tell many millions of pairs apart (16 bytes). */
const KEY_DIGITS = 32;
/** New keys are written in transactions of this many. */
const BATCH = 2_000;

/**
 * The QA stage's findings per (segment, source, target, pair), kept beside the
 * memory (`qa_checked` in `.tolk/state.sqlite`): a warm run checks a
 * translation it has seen checked by looking up one hash instead of reading
 * its numbers, marks and punctuation again. The rules are pure functions of
 * these inputs and the settings, so a hit is exactly what `checkQa` would
 * return. Another tolk version or `qa` section starts from nothing. The run
 * holds only the keys not yet written (at most one batch).
 */
export class QaCache {
  readonly #db: StateDb;
  readonly #settings: QaSettings;
  readonly #get: Statement<[Buffer], { findings: string | null }>;
  readonly #put: Statement<[Buffer, string | null]>;
  #pending = new Map<string, Diagnostic[]>();

  private constructor(db: StateDb, settings: QaSettings) {
    this.#db = db;
    this.#settings = settings;
    this.#get = db.prepare('SELECT findings FROM qa_checked WHERE key = ?');
    this.#put = db.prepare('INSERT OR REPLACE INTO qa_checked (key, findings) VALUES (?, ?)');
  }

  static open(db: StateDb, settings: QaSettings): QaCache {
    const fingerprint = sha256(JSON.stringify([toolVersion(), settings.rules ?? {}, settings.length ?? {}, settings.accept ?? []]));
    if (!sameMeta(db, 'qa', fingerprint)) db.exec('DELETE FROM qa_checked');
    return new QaCache(db, settings);
  }

  /** `checkQa` for one translation, from the cache when this pair was checked before. */
  check(source: string, target: string, languages: { source: string; target: string }, segment: string): Diagnostic[] {
    const key = sha256(`${languages.source}\u0000${languages.target}\u0000${segment}\u0000${source}\u0000${target}`).slice(0, KEY_DIGITS);
    const pending = this.#pending.get(key);
    if (pending) return pending.map((f) => ({ ...f }));
    const row = this.#get.get(Buffer.from(key, 'hex'));
    if (row) return row.findings === null ? [] : (JSON.parse(row.findings) as Diagnostic[]);
    const findings = checkQa(source, target, languages, this.#settings, segment);
    this.#pending.set(key, findings.map((f) => ({ ...f })));
    if (this.#pending.size >= BATCH) this.save();
    return findings;
  }

  /** Writes the keys checked since the last save. */
  save(): void {
    if (!this.#pending.size) return;
    const pending = this.#pending;
    this.#pending = new Map();
    this.#db.transaction(() => {
      for (const [key, findings] of pending) this.#put.run(Buffer.from(key, 'hex'), findings.length ? JSON.stringify(findings) : null);
    })();
  }
}
