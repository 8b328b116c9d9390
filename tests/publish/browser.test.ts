import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/config/index.js';
import { exportArticles } from '../../src/publish/index.js';
import { repoRoot } from '../helpers/project.js';
import { article, localize, publishProject, sample } from './helpers.js';
import { makeHostile } from './hostile.js';

/** Debian's Chromium (`apt-get install chromium`, see scripts/ensure-system.mjs): playwright-core drives it, nothing is downloaded. */
const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const output = join(repoRoot, 'test-output/publish');

describe('publish: a page as a reader sees it (headless Chromium)', () => {
  let profile: string;
  let browser: BrowserContext;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (npm test installs it when run as root)`);
    profile = mkdtempSync(join(tmpdir(), 'tolk-chromium-'));
    browser = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 900, height: 1200 } });
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it('browser: the demo page shows its title, credit line and language, and links to the source', async () => {
    const root = publishProject({ 'articles/nl/kazachstan-parijs-2024.md': sample.nl, 'articles/af/kazachstan-parijs-2024.md': sample.af }, {}, ['nl', 'af']);
    const site = join(output, 'site');
    rmSync(site, { recursive: true, force: true });
    await exportArticles({ project: await loadProject({ root }), out: site, languages: ['af'] });

    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(site, 'af/kazachstan-parijs-2024.html')).href);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['af', 'ltr']);
    expect(await page.title()).toBe('Kazakstan op die Olimpiese Spele van Parys 2024');
    const heading = page.locator('h1');
    expect(await heading.isVisible()).toBe(true);
    expect(await heading.innerText()).toBe('Kazakstan op die Olimpiese Spele van Parys 2024');
    const credit = page.locator('.photo-credit');
    expect(await credit.isVisible()).toBe(true);
    expect(await credit.innerText()).toBe('Foto deur Xavier Praillet op Unsplash');
    expect(await page.locator('.meta').innerText()).toMatch(/^Gepubliseer op 12 Augustus 2024 · \d+ minute leestyd$/);
    // The skip link is there for keyboard users: clipped until it has the focus.
    expect(await page.locator('.skip-link').boundingBox()).toMatchObject({ width: 1, height: 1 });
    await page.keyboard.press('Tab');
    expect((await page.locator('.skip-link').boundingBox())!.width).toBeGreaterThan(50);
    await page.keyboard.press('Escape');
    await page.locator('h1').click();
    mkdirSync(output, { recursive: true });
    await page.screenshot({ path: join(output, 'af-kazachstan-parijs-2024.png'), fullPage: true });
    expect(statSync(join(output, 'af-kazachstan-parijs-2024.png')).size).toBeGreaterThan(20_000);

    await page.getByRole('link', { name: 'Nederlands' }).click();
    await page.waitForURL(/\/nl\/kazachstan-parijs-2024\.html$/);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nl');
    expect(await page.locator('.photo-credit').innerText()).toBe('Foto door Xavier Praillet op Unsplash');
    await page.close();
  });

  it('browser: a right-to-left page mirrors, and source text kept in it reads left to right', async () => {
    const root = publishProject({ 'articles/nl/goud.md': article }, { targetLanguages: ['ar'], articleLanguages: ['ar'] }, ['nl']);
    const project = await localize(root, ['ar'], (s) => (/Kees/.test(s) ? undefined : `\u0630\u0647\u0628 ${s}`));
    const site = join(root, 'site');
    await exportArticles({ project, out: site, languages: ['ar'], formats: ['html'] });
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(site, 'ar/goud.html')).href);
    expect(await page.evaluate(() => getComputedStyle(document.body).direction)).toBe('rtl');
    // Nothing sticks out: the page is as wide as the window.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(900);
    const kept = page.locator('main p[lang="nl"]', { hasText: 'Kees' });
    expect(await kept.innerText()).toBe('Trainer Kees bleef er rustig onder.');
    expect(await kept.evaluate((el) => getComputedStyle(el).direction)).toBe('ltr');
    await page.screenshot({ path: join(output, 'ar-goud.png'), fullPage: true });
    await page.close();
  });

  it('browser: a hostile translation runs nothing: no script, no handler, no dialog', async () => {
    const root = publishProject({ 'articles/nl/goud.md': article });
    const project = await localize(root, ['af']);
    makeHostile(root, 'af', 'goud');
    const site = join(root, 'site');
    await exportArticles({ project, out: site, languages: ['af'], formats: ['html'] });
    const page = await browser.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(pathToFileURL(join(site, 'af/goud.html')).href);
    await page.mouse.move(100, 300);
    for (const link of await page.locator('main a').all()) await link.click({ timeout: 1000 }).catch(() => undefined);
    await page.waitForTimeout(200);
    expect(dialogs).toEqual([]);
    const active = await page.evaluate(() => ({
      scripts: document.scripts.length,
      handlers: [...document.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName}@${a.name}`)),
      urls: [...document.querySelectorAll('[href],[src]')].map((el) => el.getAttribute('href') ?? el.getAttribute('src')).filter((url) => /script:/i.test(url ?? '')),
      frames: document.querySelectorAll('iframe, object, embed').length,
    }));
    expect(active).toEqual({ scripts: 0, handlers: [], urls: [], frames: 0 });
    await page.close();
  });
});
