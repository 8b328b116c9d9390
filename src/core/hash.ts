import { createHash } from 'node:crypto';

/** Hex sha256 of a string; segment ids and file fingerprints use it. */
export function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}
