import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../core/atomic-write.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { sha256 } from '../core/hash.js';
import { toolVersion } from '../core/tool-version.js';
import { checkQa, type QaSettings } from '../qa/index.js';

/** `qa.json`: the QA findings of every (segment, translation) checked, for one tool version and one `qa` config. */
interface State {
  /** Tool version and `qa` settings: another of either checks everything again. */
  fingerprint: string;
  /** Keys of pairs with no finding. */
  clean: string[];
  /** Key → findings. */
  found: Record<string, Diagnostic[]>;
}

/** Enough of sha256 to tell a few million pairs apart. */
const KEY_DIGITS = 24;
/** A run over a huge corpus keeps at most this many pairs (about 30 bytes each). */
const MAX_KEYS = 1_000_000;

/**
 * The QA stage's findings per (segment, source, target, pair), kept beside the
 * memory like the segment cache: a warm run checks a translation it has seen
 * checked by looking up one hash instead of reading its numbers, marks and
 * punctuation again (QA cost 1.14× of a warm run without this; see README).
 * The rules are pure functions of these inputs and the settings, so a hit is
 * exactly what `checkQa` would return. Another tolk version or `qa` section
 * starts from nothing.
 */
export class QaCache {
  readonly #file: string;
  readonly #settings: QaSettings;
  readonly #fingerprint: string;
  #clean = new Set<string>();
  #found = new Map<string, Diagnostic[]>();
  #changed = false;

  private constructor(file: string, settings: QaSettings) {
    this.#file = file;
    this.#settings = settings;
    this.#fingerprint = sha256(JSON.stringify([toolVersion(), settings.rules ?? {}, settings.length ?? {}, settings.accept ?? []]));
  }

  static async load(file: string, settings: QaSettings): Promise<QaCache> {
    const cache = new QaCache(file, settings);
    try {
      const state = JSON.parse(await readFile(file, 'utf8')) as Partial<State>;
      if (state.fingerprint === cache.#fingerprint && Array.isArray(state.clean) && state.found && typeof state.found === 'object') {
        cache.#clean = new Set(state.clean);
        cache.#found = new Map(Object.entries(state.found));
      }
    } catch {
      // Missing or unreadable: everything is checked.
    }
    return cache;
  }

  /** `checkQa` for one translation, from the cache when this pair was checked before. */
  check(source: string, target: string, languages: { source: string; target: string }, segment: string): Diagnostic[] {
    const key = sha256(`${languages.source}\u0000${languages.target}\u0000${segment}\u0000${source}\u0000${target}`).slice(0, KEY_DIGITS);
    if (this.#clean.has(key)) return [];
    const known = this.#found.get(key);
    if (known) return known.map((f) => ({ ...f }));
    const findings = checkQa(source, target, languages, this.#settings, segment);
    if (this.#clean.size + this.#found.size < MAX_KEYS) {
      if (findings.length) this.#found.set(key, findings.map((f) => ({ ...f })));
      else this.#clean.add(key);
      this.#changed = true;
    }
    return findings;
  }

  async save(): Promise<void> {
    if (!this.#changed) return;
    const state: State = { fingerprint: this.#fingerprint, clean: [...this.#clean], found: Object.fromEntries(this.#found) };
    await writeFileAtomic(this.#file, `${JSON.stringify(state)}\n`);
    this.#changed = false;
  }
}
