/// <reference lib="dom" />
/**
 * The gallery in a real browser: Debian's chromium (`apt-get install -y chromium`, done by
 * .ci/run) driven by playwright-core. `npx playwright install` cannot download browsers here.
 * Skipped, with a message, only when /usr/bin/chromium is absent and DATAPRESS_REQUIRE_BROWSER
 * is not set.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeGallery } from '../../src/preview/gallery.js';
import { makeOutput } from './fixture.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
];
const present = existsSync(CHROMIUM);
if (!present) {
  const note = `browser.test.ts: ${CHROMIUM} not found; install it with "apt-get install -y chromium" (.ci/run does)`;
  if (process.env.DATAPRESS_REQUIRE_BROWSER) throw new Error(note);
  console.warn(`skipping the gallery browser test: ${note}`);
}
const SCREENSHOT = join(tmpdir(), 'datapress-preview', 'gallery.png');

describe.skipIf(!present)('gallery in chromium', () => {
  let out: string;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    out = await makeOutput();
    const index = await writeGallery(out);
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS, timeout: 60_000 });
    page = await browser.newPage({ viewport: { width: 1100, height: 800 } });
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(pathToFileURL(index).href, { waitUntil: 'load' });
  });
  afterAll(async () => {
    await browser?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('loads every image from disk, with no error and no request off file://', async () => {
    const images = await page.evaluate(() =>
      Array.from(document.images).map((i) => ({ src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0 })),
    );
    expect(images.length).toBeGreaterThanOrEqual(7); // poster, 4 cards, chart, 2 PDF pages (+1 for beta's report)
    expect(images.filter((i) => !i.ok)).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    expect(errors).toEqual([]); // a CSP violation (wrong inline hash) would show here
  });

  it('filters narrow the list and widen it again', async () => {
    const visible = () => page.locator('.item:visible').count();
    const all = await visible();
    expect(all).toBe(9);
    await expect.poll(() => page.textContent('#shown')).toBe('9 of 9 shown');

    await page.selectOption('#filter-preset', 'og');
    expect(await visible()).toBe(1);
    expect(await page.locator('.item:visible .name').textContent()).toBe('pension-og-en');
    await page.selectOption('#filter-preset', '');

    await page.locator('input[name=kind][value=card]').uncheck();
    expect(await visible()).toBe(all - 5);
    await page.locator('input[name=kind][value=card]').check();

    await page.selectOption('#filter-lang', 'has:zh');
    expect(await visible()).toBe(3); // alpha report, poster, zh card
    await page.selectOption('#filter-lang', 'is:zh-en');
    expect(await visible()).toBe(2);
    await page.selectOption('#filter-lang', '');

    await page.selectOption('#filter-dataset', 'beta');
    expect(await visible()).toBe(2);
    expect(await page.locator('section.dataset[data-dataset=alpha]').isHidden()).toBe(true);
    await page.selectOption('#filter-dataset', '');
    expect(await visible()).toBe(all);
  });

  it('takes a screenshot', async () => {
    mkdirSync(join(tmpdir(), 'datapress-preview'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    const meta = await sharp(SCREENSHOT).metadata();
    expect(meta.width).toBe(1100);
    expect(meta.height).toBeGreaterThan(400);
    console.info(`gallery screenshot: ${SCREENSHOT}`);
  });
});
