/**
 * The physical floor of a warm run, as its own process: read each source and
 * write it out atomically with fsync (the helper tolk writes with), nothing
 * else. `node io-floor.js <sourceDir> <outDir> <list.json>`.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { writeFileAtomic } from '../core/atomic-write.js';

const [sourceDir, outDir, list] = process.argv.slice(2);
const paths = JSON.parse(readFileSync(list!, 'utf8')) as string[];
// 25 at a time, as tolk's chunks are written.
for (let i = 0; i < paths.length; i += 25) {
  await Promise.all(paths.slice(i, i + 25).map(async (path) => writeFileAtomic(join(outDir!, path), await readFile(join(sourceDir!, path), 'utf8'))));
}
