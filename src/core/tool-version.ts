import { createRequire } from 'node:module';

let cached: string | undefined;

/** tolk's version from package.json (two levels up from both src/core and dist/core): for `creationtoolversion`, XLIFF headers and the run state. */
export function toolVersion(): string {
  if (cached === undefined) {
    try {
      cached = String((createRequire(import.meta.url)('../../package.json') as { version?: unknown }).version ?? 'unknown');
    } catch {
      cached = 'unknown';
    }
  }
  return cached;
}
