import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Appends text to the file being written. */
export type WriteText = (text: string) => Promise<void>;

const FLUSH_AT = 64 * 1024;

/**
 * core/atomic-write for files too large to hold as one string (a TMX of a
 * million units): `produce` writes pieces to a temp file in the same
 * directory, which is fsynced and renamed over `path` only when it finishes.
 * An error removes the temp file and leaves `path` as it was.
 */
export async function writeStreamAtomic<T>(path: string, produce: (write: WriteText) => Promise<T>): Promise<T> {
  await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx');
  let isOpen = true;
  let pending = '';
  const flush = async () => {
    const bytes = Buffer.from(pending, 'utf8');
    pending = '';
    // A write may take fewer bytes than offered; loop until all are down.
    for (let offset = 0; offset < bytes.length; ) offset += (await handle.write(bytes, offset)).bytesWritten;
  };
  try {
    const result = await produce(async (text) => {
      pending += text;
      if (pending.length >= FLUSH_AT) await flush();
    });
    await flush();
    await handle.sync();
    isOpen = false;
    await handle.close();
    await rename(temp, path);
    return result;
  } catch (error) {
    if (isOpen) await handle.close().catch(() => undefined);
    await rm(temp, { force: true });
    throw error;
  }
}
