/// <reference lib="dom" />
/**
 * The gallery in a real browser: Debian's chromium (`apt-get install -y chromium`, done by
 * .ci/run) driven by playwright-core. `npx playwright install` cannot download browsers here.
 * Chromium runs with a fontconfig whose only font is DejaVu Sans (from npm; Chromium needs one
 * to start): the machine's fonts are out of reach, as on a machine with no CJK fonts, so every
 * Chinese character on screen comes from the gallery's own subsets or is visibly missing. Skipped, with a message, only when
 * /usr/bin/chromium is absent and DATAPRESS_REQUIRE_BROWSER is not set.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
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
const NOTE = `needs ${CHROMIUM} (not found): apt-get install -y chromium (.ci/run does)`;
if (!present && process.env.DATAPRESS_REQUIRE_BROWSER) throw new Error(NOTE);
const SCREENSHOT = join(tmpdir(), 'datapress-preview', 'gallery.png');

describe('gallery in chromium', () => {
  let out: string;
  let browser: Browser;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    if (!present) return;
    out = await makeOutput();
    const index = await writeGallery(out);
    // no system fonts, no CJK font: a fontconfig with one Latin font folder
    const fc = mkdtempSync(join(tmpdir(), 'dp-nofonts-'));
    const dejavu = dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'));
    writeFileSync(
      join(fc, 'fonts.conf'),
      `<?xml version="1.0"?>\n<fontconfig><dir>${dejavu}</dir><cachedir>${join(fc, 'cache')}</cachedir></fontconfig>\n`,
    );
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      timeout: 60_000,
      env: { ...process.env, FONTCONFIG_FILE: join(fc, 'fonts.conf') },
    });
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

  it('loads every image from disk, with no error and no request off file://', async (ctx) => {
    ctx.skip(!present, NOTE);
    const images = await page.evaluate(() =>
      Array.from(document.images).map((i) => ({ src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0 })),
    );
    expect(images.length).toBeGreaterThanOrEqual(7); // poster, 4 cards, chart, 2 PDF pages (+1 for beta's report)
    expect(images.filter((i) => !i.ok)).toEqual([]);
    expect(requests.filter((u) => !u.startsWith('file://'))).toEqual([]);
    expect(errors).toEqual([]); // a CSP violation (wrong inline hash) would show here
  });

  it('draws every character on the page, Chinese included, with its own fonts (no system font is there)', async (ctx) => {
    ctx.skip(!present, NOTE);
    await page.evaluate(() => document.fonts.ready);
    const r = await page.evaluate(() => {
      const family = 'datapress gallery';
      const all: FontFace[] = [];
      document.fonts.forEach((f) => {
        all.push(f);
      });
      const faces = all.filter((f) => f.family.replace(/"/g, '') === family);
      const ranges = faces
        .filter((f) => f.status === 'loaded')
        .flatMap((f) =>
          f.unicodeRange.split(',').map((r: string) => {
            const [a, b] = r.trim().slice(2).split('-');
            return [Number.parseInt(a!, 16), Number.parseInt(b ?? a!, 16)] as const;
          }),
        );
      const text =
        document.body.textContent +
        Array.from(document.querySelectorAll('option'))
          .map((o) => o.text)
          .join('');
      const chars = [...new Set([...text].filter((c) => c.trim()))];
      const uncovered = chars.filter((c) => !ranges.some(([a, b]) => c.codePointAt(0)! >= a && c.codePointAt(0)! <= b));
      const chinese = chars.filter((c) => /\p{Script=Han}/u.test(c));
      return {
        faces: faces.length,
        failed: faces.filter((f) => f.status === 'error').length,
        uncovered,
        chinese: chinese.join(''),
        check: document.fonts.check(`14px "${family}"`, chinese.join('')),
        bodyFont: getComputedStyle(document.body).fontFamily,
      };
    });
    expect(r.bodyFont).toContain('datapress gallery');
    expect(r.failed).toBe(0);
    expect(r.faces).toBeGreaterThanOrEqual(2); // Latin and Chinese, regular and bold
    expect(r.chinese.length).toBeGreaterThan(5); // 报告：社会保障, 海报, 养老保险卡片, 中文
    expect(r.uncovered).toEqual([]);
    expect(r.check).toBe(true);
  });

  it('shows PDF pages drawn without poppler', async (ctx) => {
    ctx.skip(!present, NOTE);
    const pages = await page.evaluate(() =>
      Array.from(document.images)
        .filter((i) => i.getAttribute('src')?.includes('/.preview/'))
        .map((i) => ({ src: i.getAttribute('src'), w: i.naturalWidth })),
    );
    expect(pages.map((p) => p.src)).toContain('alpha/.preview/report/page-002.png');
    expect(pages.every((p) => p.w > 100)).toBe(true);
  });

  it('filters narrow the list and widen it again', async (ctx) => {
    ctx.skip(!present, NOTE);
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

  it('takes a screenshot', async (ctx) => {
    ctx.skip(!present, NOTE);
    mkdirSync(join(tmpdir(), 'datapress-preview'), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    const meta = await sharp(SCREENSHOT).metadata();
    expect(meta.width).toBe(1100);
    expect(meta.height).toBeGreaterThan(400);
    console.info(`gallery screenshot: ${SCREENSHOT}`);
  });
});
