import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot } from '../helpers/project.js';
import { tripwire } from '../exchange/helpers.js';
import { fill2, syncExport, syncImport, translatedProject } from './helpers.js';

let server: Awaited<ReturnType<typeof tripwire>>;
let root: string;
/** A valid, filled-in export: each hostile file is built from it. */
let good: string;

beforeAll(async () => {
  server = await tripwire();
  root = await translatedProject();
  await syncExport(root, { to: 'af', output: 'export.xlf' });
  good = fill2(readFileSync(join(root, 'export.xlf'), 'utf8'));
  writeFileSync(join(root, 'good.xlf'), good);
});
afterAll(() => server.close());

const body = () => good.replace(/^<\?xml[^>]*>\n/, '');
const withProlog = (prolog: string) => `<?xml version="1.0" encoding="UTF-8"?>\n${prolog}\n${body()}`;

/**
 * The hostile files for `tolk sync import` (XXE, billion laughs, external DTD,
 * undefined entities, size limit, truncation, namespace, root, version and
 * language pair, in XLIFF 2.0 and 1.2) are cases of the table in
 * tests/hostile/hostile.test.ts. What stays here needs a live server: an
 * external DTD that must never be fetched, after a good file that must not be
 * imported either.
 */
const CASES: Array<{ name: string; content: () => string; reason: RegExp }> = [
  {
    name: 'an external DTD on a server (never fetched)',
    content: () => withProlog(`<!DOCTYPE xliff SYSTEM "${server.url}/xliff.dtd">`),
    reason: /^bad\.xlf:2: DOCTYPE is not allowed .*found <!DOCTYPE xliff SYSTEM "http:\/\/127\.0\.0\.1:\d+\/xliff\.dtd">$/m,
  },
];

describe('sync import: hostile and wrong files change nothing', () => {
  it.each(CASES)('sync: $name → exit 2, clear error, nothing changed', async ({ content, reason }) => {
    const bad = join(root, 'bad.xlf');
    writeFileSync(bad, content());
    const before = snapshot(root);
    // The good file comes first: it must not be imported either.
    const result = await syncImport(root, { files: ['good.xlf', 'bad.xlf'] });
    expect(result.code, result.stdout).toBe(2);
    expect(result.stderr.replace(/^tolk: /gm, '')).toMatch(reason);
    expect(snapshot(root)).toEqual(before);
    expect(server.requests()).toBe(0);
  });
});
