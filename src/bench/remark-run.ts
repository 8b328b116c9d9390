/**
 * Bare unified + remark parse and stringify of the given files, as its own
 * process (the baseline a warm run is compared with, process to process).
 * `node remark-run.js <sourceDir> <list.json>`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';

const [sourceDir, list] = process.argv.slice(2);
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).use(remarkStringify);
let characters = 0;
for (const path of JSON.parse(readFileSync(list!, 'utf8')) as string[]) {
  characters += String(processor.processSync(readFileSync(join(sourceDir!, path), 'utf8'))).length;
}
process.stdout.write(`${characters}\n`);
