import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkArticles } from '../../src/check/article-findings.js';
import { loadProject } from '../../src/config/index.js';
import { segmentArticle } from '../../src/markdown/index.js';
import { makeProject } from '../helpers/project.js';
import { localize } from '../helpers/localize.js';

const article = (paragraph: string, url = 'https://example.com/verslag') =>
  `---\ntitle: Goud voor Kazachstan\n---\n\n# Goud voor Kazachstan\n\n${paragraph}\n\nLees het [verslag](${url}).\n`;
const idOf = (text: string, source: string) =>
  segmentArticle(text, { sourceLanguage: 'nl', frontMatterFields: ['title'] }).segments.find((s) => s.source.startsWith(source))!.id.slice(0, 12);
const config = JSON.stringify({ sourceLanguage: 'nl', targetLanguages: ['de', 'fr'], frontMatter: { translate: ['title'] } });
const pick = ({ severity, rule, key, file, message }: Record<string, unknown>) =>
  Object.fromEntries(Object.entries({ severity, rule, key, file, message }).filter(([, v]) => v !== undefined));

async function translated(files: Record<string, string>) {
  const root = makeProject({ 'tolk.config.json': config, ...files });
  await localize(root, ['de', 'fr']);
  return root;
}

async function check(root: string, languages = ['de', 'fr']) {
  return checkArticles(await loadProject({ root }), languages);
}

describe('article checks', () => {
  it('articles: freshly translated articles are complete with no findings', async () => {
    const root = await translated({ 'articles/nl/a.md': article('Het land won goud in het boksen.') });
    const reports = await check(root);
    expect(reports.get('de')).toEqual({ findings: [], done: 4, total: 4, files: ['articles/de/a.md'] });
    expect(reports.get('fr')!.findings).toEqual([]);
  });

  it('articles: an edited paragraph is stale (old segment) and incomplete (new segment), per segment', async () => {
    const before = article('Het land won goud in het boksen.');
    const root = await translated({ 'articles/nl/a.md': before });
    const after = article('Het land won twee keer goud in het boksen.');
    writeFileSync(join(root, 'articles/nl/a.md'), after);
    const de = (await check(root)).get('de')!;
    const oldId = idOf(before, 'Het land won goud');
    const newId = idOf(after, 'Het land won twee');
    expect(de.findings.map(pick)).toEqual([
      { severity: 'error', rule: 'article-incomplete', key: newId, file: 'articles/de/a.md', message: `segment ${newId} is not translated: "Het land won twee keer goud in het boksen." (articles/nl/a.md:7)` },
      { severity: 'error', rule: 'article-stale', key: oldId, file: 'articles/de/a.md', message: `segment ${oldId} was translated from text articles/nl/a.md no longer has` },
    ]);
    expect(de).toMatchObject({ done: 3, total: 4 });
  });

  it('articles: a segment recorded untranslated is incomplete without parsing the source', async () => {
    const text = article('Het land won goud in het boksen.');
    const root = await translated({ 'articles/nl/a.md': text });
    const id = idOf(text, 'Het land won goud');
    const file = join(root, 'articles/de/a.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(new RegExp(`${id}:[0-9a-f]{8}`), `${id}:-`));
    const de = (await check(root)).get('de')!;
    expect(de.findings.map(pick)).toEqual([
      { severity: 'error', rule: 'article-incomplete', key: id, file: 'articles/de/a.md', message: `segment ${id} is not translated: (the source text was kept)` },
    ]);
    expect(de).toMatchObject({ done: 3, total: 4 });
  });

  it('articles: a record laid out differently by hand is read through YAML', async () => {
    const root = await translated({ 'articles/nl/a.md': article('Het land won goud in het boksen.') });
    const file = join(root, 'articles/de/a.md');
    const text = readFileSync(file, 'utf8');
    const block = /\ntolk:\n((?: {2}.*\n)+)/.exec(text)![1]!;
    writeFileSync(file, text.replace(block, block.replace(/^ {2}/gm, '    ')));
    expect(readFileSync(file, 'utf8')).toMatch(/\n {4}sourceHash: /);
    expect((await check(root, ['de'])).get('de')).toEqual({ findings: [], done: 4, total: 4, files: ['articles/de/a.md'] });
  });

  it('articles: a missing localized article counts all its segments as missing', async () => {
    const root = await translated({ 'articles/nl/a.md': article('Het land won goud in het boksen.') });
    writeFileSync(join(root, 'articles/nl/b.md'), '# Zilver\n\nEen zilveren medaille.\n');
    const reports = await check(root);
    expect(reports.get('de')!.findings.map(pick)).toEqual([
      { severity: 'error', rule: 'article-missing', file: 'articles/de/b.md', message: 'not translated yet: articles/nl/b.md (2 segments) has no de article' },
    ]);
    expect(reports.get('de')).toMatchObject({ done: 4, total: 6, files: ['articles/de/a.md', 'articles/de/b.md'] });
  });

  it('articles: hand-made, orphaned and link-only-changed articles are warnings', async () => {
    const root = await translated({ 'articles/nl/a.md': article('Het land won goud in het boksen.') });
    writeFileSync(join(root, 'articles/nl/a.md'), article('Het land won goud in het boksen.', 'https://example.com/nieuw'));
    writeFileSync(join(root, 'articles/nl/c.md'), '# Brons\n');
    mkdirSync(join(root, 'articles/de/archief'), { recursive: true });
    writeFileSync(join(root, 'articles/de/c.md'), '# Bronze\n');
    writeFileSync(join(root, 'articles/de/archief/oud.md'), '# Alt\n');
    const de = (await check(root, ['de'])).get('de')!;
    expect(de.findings.map(pick)).toEqual([
      { severity: 'warning', rule: 'article-rebuild', file: 'articles/de/a.md', message: 'built from an older articles/nl/a.md: every segment is translated, but untranslated parts (links, code, other front matter) changed; tolk translate rebuilds it' },
      { severity: 'warning', rule: 'article-extra', file: 'articles/de/archief/oud.md', message: 'no source article articles/nl/archief/oud.md' },
      { severity: 'warning', rule: 'article-untracked', file: 'articles/de/c.md', message: 'has no tolk record, so it cannot be compared with articles/nl/c.md; counted as complete' },
    ]);
    expect(de).toMatchObject({ done: 5, total: 5, files: ['articles/de/a.md', 'articles/de/archief/oud.md', 'articles/de/c.md'] });
  });
});
