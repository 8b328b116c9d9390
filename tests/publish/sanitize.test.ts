import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportArticles } from '../../src/publish/index.js';
import { article, localize, publishProject } from './helpers.js';
import { activeContent, hostileBody, hostileStrings, makeHostile } from './hostile.js';

describe('publish: sanitizing', () => {
  it('sanitize: <script>, onerror= and javascript: URLs in a translated article or its front matter never reach the page or the JSON', async () => {
    const root = publishProject({ 'articles/nl/goud.md': article });
    const project = await localize(root, ['af']);
    makeHostile(root, 'af', 'goud');
    // The test itself must see the attack in its input, or it proves nothing.
    expect(activeContent(readFileSync(join(root, 'articles/af/goud.md'), 'utf8')).length).toBeGreaterThan(8);

    const result = await exportArticles({ project, out: join(root, 'site'), languages: ['af'] });
    expect(result.exported.map((e) => e.lang)).toContain('af');
    const html = readFileSync(join(root, 'site/af/goud.html'), 'utf8');
    expect(activeContent(html)).toEqual([]);
    // What is left is the text, shown as text.
    expect(html).toContain('<title>&#x3C;/title>&#x3C;script>alert(10)&#x3C;/script></title>');
    expect(html).toContain('<p class="photo-credit">Foto deur &#x3C;script>alert(12)&#x3C;/script> op Unsplash</p>');
    expect(html).toMatch(/<a>KLIK<\/a>/);
    expect(html).toMatch(/<img alt="FOTO">/);
    const json = JSON.parse(readFileSync(join(root, 'site/af/goud.json'), 'utf8'));
    expect(activeContent(json.html)).toEqual([]);
    expect(activeContent(readFileSync(join(root, 'site/af/index.html'), 'utf8'))).toEqual([]);
    // The Markdown is the article as it is (for a publisher's own renderer): documented as not sanitized.
    expect(json.markdown).toBe(hostileBody.replace(/^\n/, ''));
  });

  it('sanitize: markup in UI strings shows as text', async () => {
    const root = publishProject({ 'articles/nl/goud.md': article }, {}, ['nl', 'ru']);
    const project = await localize(root, ['af']);
    mkdirSync(join(root, 'locales/af'), { recursive: true });
    writeFileSync(join(root, 'locales/af/common.json'), hostileStrings('af'));
    await exportArticles({ project, out: join(root, 'site'), languages: ['af'], formats: ['html'] });
    const html = readFileSync(join(root, 'site/af/goud.html'), 'utf8');
    expect(activeContent(html)).toEqual([]);
    expect(html).toContain('&#x3C;img src=x onerror=alert(13)> Xavier Praillet op Unsplash');
    expect(html).toContain('<a href="index.html">&#x3C;script>alert(14)&#x3C;/script></a>');
  });

  it('sanitize: markup an engine returns as text stays text', async () => {
    const root = publishProject({ 'articles/nl/goud.md': article });
    const project = await localize(root, ['af'], (s) => `&lt;script&gt;alert(15)&lt;/script&gt;&lt;img src=x onerror=alert(20)&gt;${s}`);
    await exportArticles({ project, out: join(root, 'site'), languages: ['af'], formats: ['html'] });
    const html = readFileSync(join(root, 'site/af/goud.html'), 'utf8');
    expect(activeContent(html)).toEqual([]);
    expect(html).toContain('&#x3C;script>alert(15)&#x3C;/script>');
  });
});
