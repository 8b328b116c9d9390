import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import { InputError } from '../../src/core/errors.js';
import { checkStrings } from '../../src/strings/check-strings.js';
import { defectTree, projectOf } from '../check/fixtures.js';
import { makeProject, repoRoot } from '../helpers/project.js';

// The worker thread exists only compiled, so this test drives the built module (the CLI's path; `npm test` builds first):
// a missing build fails here, it is never skipped.
const built = join(repoRoot, 'dist/strings/index.js');

describe('strings on a worker thread', () => {
  it('strings: the worker reports exactly what the in-process check does', async () => {
    const { checkStringsInWorker } = (await import(built)) as typeof import('../../src/strings/index.js');
    const { project } = await projectOf(defectTree());
    const languages = ['de', 'ru', 'fr', 'en'];
    expect(await checkStringsInWorker(project, languages)).toEqual(await checkStrings(project, languages));
  });

  it('strings: an invalid file in the worker is still an InputError with file, line and column (exit 2)', async () => {
    const strings = (await import(built)) as typeof import('../../src/strings/index.js');
    const { InputError: BuiltInputError } = (await import(join(repoRoot, 'dist/core/errors.js'))) as { InputError: typeof InputError };
    const root = makeProject({ ...defectTree(), 'locales/ru/common.json': '{ "photoCredit": "Фото" "byline": "" }' });
    const error = await strings.checkStringsInWorker(await loadProject({ root }), ['ru']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BuiltInputError);
    expect(String(error)).toBe('locales/ru/common.json:1:25: invalid JSON: comma expected');
    expect((error as InputError).exitCode).toBe(2);
  });
});
