import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unicodeRange } from '../../src/preview/fonts.js';
import { humanSize, writeGallery } from '../../src/preview/gallery.js';
import { EVIL_ALT, makeOutput } from './fixture.js';

let out: string;
let html: string;
beforeAll(async () => {
  out = await makeOutput();
  expect(await writeGallery(out)).toBe(join(out, 'index.html'));
  html = readFileSync(join(out, 'index.html'), 'utf8');
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const hrefs = (s: string) => [...s.matchAll(/\b(?:href|src)="([^"]*)"/g)].map((m) => m[1]);

describe('writeGallery', () => {
  it('links every output with a path relative to the output folder', () => {
    const links = hrefs(html);
    for (const p of [
      'alpha/report.pdf',
      'alpha/posters/a2-zh-en.png',
      'alpha/cards/pension-square-zh.png',
      'alpha/cards/pension-og-en.png',
      'alpha/cards/medical%20square-en.png',
      'alpha/charts/pension-en.svg',
      'alpha/charts/pension-en.png',
      'alpha/charts/pension-en.pdf',
      'alpha/cards/pension-square-en.txt',
      'beta/report.pdf',
      'alpha/manifest.json',
    ]) {
      expect(links).toContain(p);
    }
    for (const l of links) expect(l).toMatch(/^(alpha|beta)\//);
    expect(html).not.toMatch(/(?:href|src)="\//); // nothing absolute
  });

  it('makes no network reference at all', () => {
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/(?:src|href)="\/\//);
    expect(html).toContain('default-src &#x27;none&#x27;'); // CSP, quotes escaped in the attribute
  });

  it('shows alt text in every language, escaped', () => {
    expect(html).toContain('养老保险卡片');
    expect(html).toContain('Bar chart of pensions');
    expect(html).toContain('Poster, Chinese first');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('Card &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;');
    expect(EVIL_ALT).toContain('<script>');
  });

  it('shows size, languages, preset and file size', () => {
    expect(html).toMatch(/40 × 56 px/);
    expect(html).toMatch(/zh \+ en/);
    expect(html).toMatch(/data-preset="og"/);
    expect(html).toMatch(/data-langs="zh en"/);
    expect(humanSize(999)).toBe('999 B');
    expect(humanSize(74145)).toBe('74 kB');
    expect(humanSize(4_020_000)).toBe('4.0 MB');
    expect(html).toMatch(/<span class="bytes">\d+(\.\d)? (B|kB)<\/span>/);
  });

  it('has kind, language, preset and dataset filters with a script', () => {
    for (const k of ['pdf', 'poster', 'card', 'chart']) expect(html).toContain(`name="kind" value="${k}"`);
    expect(html).toContain('id="filter-lang"');
    expect(html).toContain('value="has:zh"');
    expect(html).toContain('value="is:zh-en"');
    expect(html).toContain('id="filter-preset"');
    for (const p of ['a2', 'a4', 'og', 'square']) expect(html).toContain(`<option value="${p}">`);
    expect(html).toContain('id="filter-dataset"');
    expect(html).toMatch(/<script>[\s\S]+addEventListener\('change'/);
  });

  it('groups cards by highlight and charts formats into one item', () => {
    const cards = html.slice(html.indexOf('data-group="card"'), html.indexOf('data-group="chart"'));
    expect(cards.indexOf('highlight medical')).toBeGreaterThan(-1);
    expect(cards.indexOf('highlight medical')).toBeLessThan(cards.indexOf('highlight pension'));
    const chartItems = html.match(/data-kind="chart"/g) ?? [];
    expect(chartItems).toHaveLength(1);
  });

  it('marks a listed file that is missing on disk and does not embed it', () => {
    expect(html).toContain('file missing');
    expect(new Set(hrefs(html).filter((h) => h.includes('gone-square')))).toEqual(
      new Set(['beta/cards/gone-square-en.png']),
    );
    expect(html).not.toMatch(/<img src="beta\/cards\/gone/);
  });

  it('ignores folders without a manifest and is deterministic', async () => {
    expect(html).not.toContain('not-a-dataset');
    await writeGallery(out);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe(html);
    expect(readdirSync(out).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('renders PDF pages to PNG thumbnails in <id>/.preview/ (pdf.js, no system tool)', () => {
    expect(readdirSync(join(out, 'alpha', '.preview', 'report')).sort()).toEqual([
      'page-001.png',
      'page-002.png',
      'source.sha256',
    ]);
    expect(hrefs(html)).toContain('alpha/.preview/report/page-001.png');
    expect(hrefs(html)).toContain('alpha/.preview/report/page-002.png');
    expect(hrefs(html)).toContain('alpha/report.pdf#page=2');
    // the chart has a PNG and an SVG: no thumbnail for its PDF
    expect(existsSync(join(out, 'alpha', '.preview', 'charts'))).toBe(false);
    expect(readFileSync(join(out, 'alpha', 'manifest.json'), 'utf8')).not.toContain('.preview');
  });

  it('carries its fonts: WOFF2 subsets of the npm Noto fonts beside it, for exactly the characters it shows', () => {
    const fonts = readdirSync(join(out, '.gallery', 'fonts')).sort();
    expect(fonts).toEqual(
      expect.arrayContaining(['NotoSans-400.woff2', 'NotoSansSC-400.woff2', 'NotoSansSC-700.woff2']),
    );
    // 报 (U+62A5, in 报告) is Chinese: Noto Sans SC holds it; A (U+41) is Latin: Noto Sans does
    const faces = [...html.matchAll(/@font-face \{([^}]*)\}/g)].map((m) => m[1]!);
    const sc = faces.find((f) => f.includes('NotoSansSC-400.woff2'))!;
    const latin = faces.find((f) => f.includes('NotoSans-400.woff2'))!;
    expect(sc).toMatch(/unicode-range: [^;]*U\+62A5/);
    expect(latin).toMatch(/unicode-range: [^;]*U\+41-/);
    expect(sc).not.toMatch(/U\+41[-,;]/);
    expect(html).toContain('font-src &#x27;self&#x27; file:'); // the CSP, escaped in its attribute
    expect(unicodeRange([...'abcx报'])).toBe('U+61-63, U+78, U+62A5');
  });

  it('without page previews a PDF is a link card, and stale thumbnails go', async () => {
    const dir = await makeOutput();
    try {
      await writeGallery(dir, { pdfPages: false });
      const plain = readFileSync(join(dir, 'index.html'), 'utf8');
      expect(plain).not.toContain('.preview');
      expect(plain).toContain('<a class="placeholder" href="alpha/report.pdf">PDF · open</a>');
      expect(plain).toContain('PDF pages are not previewed.');
      expect(existsSync(join(dir, 'alpha', '.preview'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an empty output folder gets a page that says so', async () => {
    const dir = await makeOutput();
    try {
      rmSync(join(dir, 'alpha'), { recursive: true });
      rmSync(join(dir, 'beta'), { recursive: true });
      await writeGallery(dir);
      expect(readFileSync(join(dir, 'index.html'), 'utf8')).toContain('No outputs yet');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
