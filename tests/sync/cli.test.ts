import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTolk } from '../helpers/project.js';
import { fill12, translatedProject } from './helpers.js';

/** The same flow through the built bin, exit codes included. */
describe('tolk sync through the bin', () => {
  it('sync: export, import and status exit 0; rejected units exit 1; a hostile file exits 2', async () => {
    const root = await translatedProject();
    expect(runTolk(['sync'], root)).toMatchObject({ code: 0, stdout: expect.stringMatching(/^af: \d+ segments: 0 open, \d+ machine, 0 human, 0 reviewed$/m) });
    const exported = runTolk(['sync', 'export', '--to', 'af', '--format', 'xliff12', '-o', 'af.xlf'], root);
    expect(exported.code, exported.stderr).toBe(0);
    const xml = readFileSync(join(root, 'af.xlf'), 'utf8');
    writeFileSync(join(root, 'af.xlf'), fill12(xml));
    expect(runTolk(['sync', 'import', 'af.xlf'], root).code).toBe(0);
    writeFileSync(join(root, 'broken.xlf'), fill12(xml, { target: () => '' }));
    expect(runTolk(['sync', 'import', 'broken.xlf'], root).code).toBe(1);
    writeFileSync(join(root, 'hostile.xlf'), xml.replace('<xliff', '<!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<xliff'));
    const hostile = runTolk(['sync', 'import', 'hostile.xlf'], root);
    expect(hostile.code).toBe(2);
    expect(hostile.stderr).toMatch(/^tolk: hostile\.xlf:2: DOCTYPE is not allowed/m);
    expect(runTolk(['sync', 'export', '--to', 'af', '--format', 'xliff3'], root).code).toBe(2);
    // Seven processes of the bin: past 30 s on a loaded two-core machine.
  }, 120_000);
});
