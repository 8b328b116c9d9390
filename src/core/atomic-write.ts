import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomicLib from 'write-file-atomic';

/**
 * Every file tolk writes goes through here: temp file in the same directory,
 * fsync, rename. A crash or Ctrl-C leaves either the old file or the new one.
 */
export async function writeFileAtomic(path: string, data: string | Buffer): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFileAtomicLib(path, data, { fsync: true });
}
