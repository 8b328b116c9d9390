import { describe, expect, it } from 'vitest';
import { makeProject, runTolk } from '../helpers/project.js';
import { defectTree } from './fixtures.js';

describe('tolk check (built bin)', () => {
  it('cli: check exits 1 on errors, 0 for a clean --lang, 2 on invalid JSON', () => {
    const root = makeProject(defectTree());
    expect(runTolk(['check'], root).code).toBe(1);
    const fr = runTolk(['check', '--lang', 'fr', '--format', 'json'], root);
    expect(fr.code).toBe(0);
    expect(JSON.parse(fr.stdout).summary).toEqual({ errors: 0, warnings: 0, languages: { fr: { complete: 100 } } });
    const broken = makeProject({ ...defectTree(), 'locales/de/common.json': '{ "a": }' });
    const bad = runTolk(['check'], broken);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('tolk: locales/de/common.json:1:8: invalid JSON: value expected\n');
  });

  it('cli: an unknown --format is a usage error', () => {
    expect(runTolk(['check', '--format', 'xml'], makeProject(defectTree())).code).toBe(2);
  });
});
