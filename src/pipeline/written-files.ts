import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../core/atomic-write.js';
import { sha256 } from '../core/hash.js';
import { toolVersion } from '../core/tool-version.js';

/** `written.json`: what tolk wrote and verified, for the tolk version that did it. */
interface State {
  tool: string;
  /** Localized file → hash of its text as written. */
  files: Record<string, string>;
  /** Localized file → hash of the reassembled text and source shape that passed verification. */
  verified: Record<string, string>;
}

/**
 * The hash of every localized article as tolk last wrote it, kept beside the
 * memory (not committed). A file that still has that hash holds nothing the
 * memory lacks, so it need not be parsed and read back. Beside it, the hash
 * of the reassembled text that passed the structure check, so an identical
 * rebuild is not parsed again. Without this record (a fresh clone) every
 * localized article is read back and verified once; another tolk version
 * verifies again.
 */
export class WrittenFiles {
  readonly #file: string;
  #state: State = { tool: toolVersion(), files: {}, verified: {} };
  #changed = false;

  private constructor(file: string) {
    this.#file = file;
  }

  static async load(file: string): Promise<WrittenFiles> {
    const written = new WrittenFiles(file);
    try {
      const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<State> & Record<string, unknown>;
      if (parsed && typeof parsed === 'object') {
        if (typeof parsed.files === 'object' && parsed.files) written.#state.files = parsed.files;
        else written.#state.files = parsed as Record<string, string>; // the first format: files only
        if (parsed.tool === written.#state.tool && typeof parsed.verified === 'object' && parsed.verified) written.#state.verified = parsed.verified;
      }
    } catch {
      // Missing or unreadable: every article is simply read back.
    }
    return written;
  }

  /** True when `text` is exactly what tolk wrote to `path`. */
  unchanged(path: string, text: string): boolean {
    return this.#state.files[path] === sha256(text);
  }

  record(path: string, text: string): void {
    this.#state.files[path] = sha256(text);
    this.#changed = true;
  }

  /**
   * The structure-check memory of one file, hashing each text once: `check`
   * says whether this reassembled text passed against this source shape
   * before; `record` keeps the text last checked as passed.
   */
  verifier(path: string): { check: (text: string, shape: string) => boolean; record: () => void } {
    let last: string | undefined;
    return {
      check: (text, shape) => (last = sha256(`${shape}\u0000${text}`)) === this.#state.verified[path],
      record: () => {
        if (last === undefined || last === this.#state.verified[path]) return;
        this.#state.verified[path] = last;
        this.#changed = true;
      },
    };
  }

  async save(): Promise<void> {
    if (this.#changed) await writeFileAtomic(this.#file, `${JSON.stringify(this.#state, null, 1)}\n`);
    this.#changed = false;
  }
}
