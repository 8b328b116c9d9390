import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, runTolk } from '../helpers/project.js';

const article = '# Tijdrit\n\nEvenepoel won goud, zie de [uitslag](https://www.uci.org/tijdrit) en `code`.\n\nTweede alinea.\n';

describe('tolk check: tag damage in localized articles', () => {
  it('check: a link removed by hand from a localized segment is tag damage, with file and line', () => {
    const root = makeProject({
      'tolk.config.json': JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['af'] }),
      'articles/nl/rich.md': article,
    });
    expect(runTolk(['translate', '--engine', 'pseudo'], root).code).toBe(0);
    expect(runTolk(['check', '--format', 'json'], root).code).toBe(0);
    const file = join(root, 'articles/af/rich.md');
    const text = readFileSync(file, 'utf8');
    // Unlink the first inline link: keep its text, drop the markup.
    const link = /\[([^\]]+)\]\((https?:[^)\s]+)\)/.exec(text.slice(text.indexOf('\n---\n')))!;
    const at = text.indexOf(link[0], text.indexOf('\n---\n'));
    writeFileSync(file, text.slice(0, at) + link[1] + text.slice(at + link[0].length));
    const { code, stdout } = runTolk(['check', '--format', 'json'], root);
    expect(code).toBe(1);
    const findings = JSON.parse(stdout).findings as Array<{ rule: string; file: string; line: number }>;
    const damage = findings.filter((f) => f.rule === 'tag-damage');
    expect(damage).toHaveLength(1);
    expect(damage[0]).toMatchObject({ file: 'articles/af/rich.md', line: text.slice(0, at).split('\n').length });
  });
});
