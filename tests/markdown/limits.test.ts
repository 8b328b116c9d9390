import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeArticleCorpus } from '../../src/bench/articles.js';
import { LimitError } from '../../src/core/errors.js';
import { DEFAULT_LIMITS } from '../../src/core/limits.js';
import { parseMarkdown, segmentArticle } from '../../src/markdown/index.js';
import { prescanMarkdown } from '../../src/markdown/prescan.js';

const limits = DEFAULT_LIMITS;
/** The error `run` throws, for its message and location. */
const refusal = (run: () => unknown): LimitError => {
  try {
    run();
  } catch (error) {
    if (error instanceof LimitError) return error;
    throw error;
  }
  throw new Error('not refused');
};
const list = (n: number, indent = '  ', marker = '-') => Array.from({ length: n }, (_, i) => `${indent.repeat(i)}${marker} x\n`).join('');

describe('Markdown limits: the pre-scan and the tree check', () => {
  it('limits: every article of the bench corpus and of the repository passes the pre-scan (no false refusal)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tolk-limits-'));
    try {
      const texts = writeArticleCorpus(dir, 200).map((path) => readFileSync(join(dir, path), 'utf8'));
      const repo = join(import.meta.dirname, '../../articles/nl');
      for (const name of readdirSync(repo, { recursive: true }) as string[]) if (name.endsWith('.md')) texts.push(readFileSync(join(repo, name), 'utf8'));
      for (const text of texts) expect(() => prescanMarkdown(text, 'a.md', limits)).not.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('limits: nesting up to the limit parses, one level more is refused at its line (lists, ordered lists, quotes, emphasis)', () => {
    const depth = limits.markdownDepth;
    const cases: Array<[string, (n: number) => string, (n: number) => number]> = [
      ['lists', (n) => list(n), (n) => n],
      ['ordered lists', (n) => list(n, '   ', '1.'), (n) => n],
      ['block quotes', (n) => `x\n\n${'>'.repeat(n)} y\n`, () => 3],
      ['emphasis', (n) => `${'*a '.repeat(n)}x${'*'.repeat(n)}\n`, () => 1],
      ['links', (n) => `${'['.repeat(n)}x${'](u)'.repeat(n)}\n`, () => 1],
    ];
    for (const [name, make, line] of cases) {
      expect(() => parseMarkdown(make(depth), { file: 'a.md' }), name).not.toThrow();
      const error = refusal(() => parseMarkdown(make(depth + 1), { file: 'a.md' }));
      expect(error.toString(), name).toBe(`a.md:${line(depth + 1)}: ${error.message}`);
      expect(error.message, name).toMatch(new RegExp(`^nesting deeper than ${depth} levels of .*\\(limits\\.markdownDepth in tolk\\.config\\.json\\)$`));
    }
  });

  it('limits: a raised limit lets the article through', () => {
    expect(() => parseMarkdown(list(80), { limits: { markdownDepth: 100 } })).not.toThrow();
    expect(() => parseMarkdown(list(80))).toThrow(LimitError);
  });

  it('limits: the exact tree depth catches what the pre-scan underestimates (flanking rules it reads roughly)', () => {
    // Found by fuzzing the pre-scan against the tree: three levels, which the pre-scan counts as two.
    const text = '__\\a_**a*a*aa*> a_**';
    const small = { markdownDepth: 2, markdownBlocks: 10, markdownQuotes: 10 };
    expect(() => prescanMarkdown(text, 'a.md', small)).not.toThrow();
    const error = refusal(() => parseMarkdown(text, { file: 'a.md', limits: small }));
    expect(error.toString()).toMatch(/^a\.md:1: nesting deeper than 2 levels/);
  });

  it('limits: code spans, fenced code and front matter do not count', () => {
    const fence = `\`\`\`\n${'> '.repeat(200)}\n${list(200)}\`\`\`\n`;
    const spans = Array.from({ length: 100 }, () => '`**kwargs` en `[`').join(' ');
    const frontMatter = `---\nitems:\n${Array.from({ length: 100 }, (_, i) => `${'  '.repeat(i)}- x`).join('\n')}\n---\n\n# T\n`;
    for (const text of [fence, spans, frontMatter]) expect(() => prescanMarkdown(text, 'a.md', limits)).not.toThrow();
  });

  it('limits: blocks and quotes are counted, table cells too; segments are checked after parsing', () => {
    expect(refusal(() => prescanMarkdown('x\n\n'.repeat(11), 'a.md', { ...limits, markdownBlocks: 10 })).toString()).toMatch(/^a\.md:21: more than 10 blocks/);
    expect(refusal(() => prescanMarkdown('> x\n\n'.repeat(11), 'a.md', { ...limits, markdownQuotes: 10 })).toString()).toMatch(/^a\.md:21: more than 10 block quotes/);
    expect(refusal(() => prescanMarkdown(`|${' a |'.repeat(11)}\n`, 'a.md', { ...limits, markdownBlocks: 10 })).toString()).toMatch(/^a\.md:1: more than 10 blocks/);
    // One paragraph of images: one block for the pre-scan, 11 segments (their alt texts) once parsed.
    const images = `${Array.from({ length: 11 }, (_, i) => `![alt ${i}](i.png)`).join(' ')}\n`;
    expect(() => prescanMarkdown(images, 'a.md', { ...limits, markdownBlocks: 10 })).not.toThrow();
    expect(() => segmentArticle(images, { sourceLanguage: 'nl', file: 'a.md', limits: { markdownBlocks: 10 } })).toThrow(/more than 10 segments in one article/);
  });

  it('limits: the size is checked in bytes, not characters', () => {
    const text = `${'é'.repeat(600)}\n`; // 601 characters, 1,201 bytes
    expect(() => parseMarkdown(text, { limits: { articleBytes: 1000 } })).toThrow(/file is 1\.1 KiB, over the 1000 bytes limit \(limits\.articleBytes/);
    expect(() => parseMarkdown(text, { limits: { articleBytes: 1201 } })).not.toThrow();
  });
});

describe('JSON limits', () => {
  it('limits: JSON nested to the limit parses, one level more is refused at its line and column; brackets in strings do not count', async () => {
    const { parseJson } = await import('../../src/core/json.js');
    const nested = (n: number) => `{"a":\n${'['.repeat(n - 1)}"[[[{{{"${']'.repeat(n - 1)}}`;
    expect(() => parseJson(nested(limits.jsonDepth), 'l.json')).not.toThrow();
    expect(refusal(() => parseJson(nested(limits.jsonDepth + 1), 'l.json')).toString()).toBe(
      `l.json:2:${limits.jsonDepth}: JSON nested deeper than ${limits.jsonDepth} levels (limits.jsonDepth in tolk.config.json)`,
    );
    expect(() => parseJson(nested(100), 'l.json', { jsonDepth: 100 })).not.toThrow();
  });
});
