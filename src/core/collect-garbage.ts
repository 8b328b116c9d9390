import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

let collector: (() => void) | null | undefined;

/**
 * A full garbage collection now, when the heap holds more than `aboveMB`.
 * The pipeline calls it between chunks: what a run keeps is small and flat
 * (about 25 MB whatever the corpus and the number of languages), but V8,
 * left alone on a machine with much memory, lets the garbage of a run into
 * twenty languages pile up to several hundred MB before collecting it. One
 * collection per chunk costs a few tens of ms and keeps peak memory near what
 * is live. Where `gc` cannot be had (a host that forbids the flag), nothing
 * happens.
 */
export function collectGarbage(aboveMB = 48): void {
  if (collector === undefined) {
    try {
      v8.setFlagsFromString('--expose_gc');
      collector = runInNewContext('gc') as () => void;
    } catch {
      collector = null;
    }
  }
  if (collector && process.memoryUsage().heapUsed > aboveMB * 1024 * 1024) collector();
}
