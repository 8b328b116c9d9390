import { lstat, mkdir, realpath, unlink } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { writeFileAtomic } from '../core/atomic-write.js';
import { InputError, UsageError } from '../core/errors.js';

/**
 * The output directory. Every write and removal goes through it, and each
 * checks its path: lexically inside the directory (slugs are checked already;
 * this is the second line), and no symbolic link on the way, since a link
 * inside the directory could point anywhere.
 */
export class OutDir {
  readonly root: string;
  /** Directories already checked: a site has many files per directory. */
  readonly #checked = new Set<string>();

  private constructor(root: string) {
    this.root = root;
  }

  /** Creates the directory (and parents) and resolves it once, links included: the place named on the command line is the place. */
  static async open(path: string): Promise<OutDir> {
    try {
      await mkdir(path, { recursive: true });
      return new OutDir(await realpath(path));
    } catch (error) {
      throw new UsageError(`--out ${path} cannot be used as a directory (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }

  /** Absolute path of `rel` (with `/`), or an input error when it would land outside the directory. */
  resolve(rel: string): string {
    const target = resolve(this.root, ...rel.split('/'));
    if (!target.startsWith(this.root + sep)) throw new InputError(`refusing to write outside the output directory: ${rel}`, { file: rel });
    return target;
  }

  async write(rel: string, data: string): Promise<void> {
    const target = this.resolve(rel);
    await this.#checkDirs(dirname(target), rel);
    await this.#refuseLink(target, rel);
    await writeFileAtomic(target, data);
  }

  /** Removes a file an earlier export wrote; true when there was one. */
  async remove(rel: string): Promise<boolean> {
    const target = this.resolve(rel);
    await this.#checkDirs(dirname(target), rel);
    try {
      await unlink(target);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return false;
      throw new InputError(`cannot remove ${rel} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, { file: target });
    }
  }

  /** Every directory from the root down to `dir`: an existing one must be a real directory, not a link (missing ones are created by the write). */
  async #checkDirs(dir: string, rel: string): Promise<void> {
    const steps = relative(this.root, dir).split(sep).filter(Boolean);
    let at = this.root;
    for (const step of steps) {
      at = resolve(at, step);
      if (this.#checked.has(at)) continue;
      await this.#refuseLink(at, rel);
      this.#checked.add(at);
    }
  }

  async #refuseLink(path: string, rel: string): Promise<void> {
    const stats = await lstat(path).catch(() => undefined);
    if (stats?.isSymbolicLink()) {
      throw new InputError(`${relative(this.root, path).split(sep).join('/')} in the output directory is a symbolic link; tolk writes nothing outside the output directory (writing ${rel})`, { file: path });
    }
  }
}
