import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pseudoLocalize } from '../../src/engines/index.js';
import { segmentId } from '../../src/tagged/index.js';
import { makeProject } from '../helpers/project.js';
import { sync, syncExport, translate, validateXliff } from './helpers.js';

const ARTICLE = ['# Ajax wint', '', 'Een.', '', 'Twee.', '', 'Drie.', '', 'Vier.', ''].join('\n');

async function project(): Promise<string> {
  const root = makeProject({
    'tolk.config.json': JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['af'] }),
    'articles/nl/ajax.md': ARTICLE,
  });
  expect((await translate(root)).code).toBe(0);
  return root;
}

const insertBeforeDrie = (root: string, paragraph = 'Nieuw.') => {
  const file = join(root, 'articles/nl/ajax.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('Drie.', `${paragraph}\n\nDrie.`));
};

/** A 2.0 unit's segment attributes and tolk notes. */
function unit(xml: string, source: string) {
  const body = new RegExp(`<unit id="${segmentId('nl', source)}">([\\s\\S]*?)</unit>`).exec(xml)![1]!;
  return {
    subState: /<segment[^>]*? subState="([^"]+)"/.exec(body)?.[1],
    state: /<segment[^>]*? state="([^"]+)"/.exec(body)?.[1],
    context: body.includes('context match (101 %)'),
  };
}

describe('context-exact ("101 %") memory matches', () => {
  it('translate: the summary counts exact matches whose neighbours are those the translation was written between', async () => {
    const root = await project();
    insertBeforeDrie(root);
    const result = await translate(root, { json: true });
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    // 5 segments from memory; "Twee." and "Drie." now stand beside "Nieuw.": exact, not in context.
    expect(summary.languages.af).toMatchObject({ tmExact: 5, tmContext: 3, engineSegments: 1 });
    expect(summary.tmContext).toBe(3);
    // Against the record just written: "Nieuw." and "Drie." lose a neighbour to "Anders.".
    insertBeforeDrie(root, 'Anders.');
    const human = await translate(root);
    expect(human.stdout).toMatch(/af \(pseudo\): 7 unique segments, 6 from memory \(4 in context, 101 %\)/);
  });

  it('sync export: a person\'s context-exact translation is marked (2.0 subState, 1.2 id-match) and noted; a moved neighbour takes it away', async () => {
    const root = await project();
    // A translator's hand edit of "Vier." becomes a human translation, written back between the same neighbours.
    const localized = join(root, 'articles/af/ajax.md');
    writeFileSync(localized, readFileSync(localized, 'utf8').replace(`${pseudoLocalize('Vier.')}\n`, 'Vier, met die hand.\n'));
    expect((await sync(root)).code).toBe(0);

    expect((await syncExport(root, { to: 'af', output: 'af.xlf', all: true })).code).toBe(0);
    validateXliff(join(root, 'af.xlf'), 'xliff_core_2.0.xsd');
    const xml = readFileSync(join(root, 'af.xlf'), 'utf8');
    expect(unit(xml, 'Vier.')).toEqual({ state: 'translated', subState: 'tolk:context-match', context: true });
    // A machine translation in context is noted, and stays a draft to review.
    expect(unit(xml, 'Een.')).toMatchObject({ subState: 'tolk:source-copy', context: true });

    expect((await syncExport(root, { to: 'af', output: 'af12.xlf', all: true, format: 'xliff12' })).code).toBe(0);
    validateXliff(join(root, 'af12.xlf'), 'xliff-core-1.2-strict.xsd');
    expect(readFileSync(join(root, 'af12.xlf'), 'utf8')).toMatch(/<target state="translated" state-qualifier="id-match">Vier, met die hand\.<\/target>/);

    // "Nieuw." now stands before "Drie." and "Vier." follows it: "Vier." keeps its neighbours... until one of them moves.
    const file = join(root, 'articles/nl/ajax.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Vier.', 'Nieuw.\n\nVier.'));
    expect((await syncExport(root, { to: 'af', output: 'moved.xlf', all: true })).code).toBe(0);
    const moved = readFileSync(join(root, 'moved.xlf'), 'utf8');
    expect(unit(moved, 'Vier.')).toEqual({ state: 'translated', subState: undefined, context: false });
    expect(unit(moved, 'Een.').context).toBe(true);
  });
});
