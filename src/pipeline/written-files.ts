import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../core/atomic-write.js';
import { sha256 } from '../core/hash.js';

/**
 * The hash of every localized article as tolk last wrote it, kept beside the
 * memory (not committed). A file that still has that hash holds nothing the
 * memory lacks, so it need not be parsed and read back. Without this record
 * (a fresh clone) every localized article is read back once.
 */
export class WrittenFiles {
  readonly #file: string;
  #hashes: Record<string, string> = {};
  #changed = false;

  private constructor(file: string) {
    this.#file = file;
  }

  static async load(file: string): Promise<WrittenFiles> {
    const state = new WrittenFiles(file);
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
      if (parsed && typeof parsed === 'object') state.#hashes = parsed as Record<string, string>;
    } catch {
      // Missing or unreadable: every article is simply read back.
    }
    return state;
  }

  /** True when `text` is exactly what tolk wrote to `path`. */
  unchanged(path: string, text: string): boolean {
    return this.#hashes[path] === sha256(text);
  }

  record(path: string, text: string): void {
    this.#hashes[path] = sha256(text);
    this.#changed = true;
  }

  async save(): Promise<void> {
    if (this.#changed) await writeFileAtomic(this.#file, `${JSON.stringify(this.#hashes, null, 1)}\n`);
    this.#changed = false;
  }
}
