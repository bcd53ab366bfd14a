/**
 * Chart renderer: a fast sample of the Vega-Lite gallery in all three formats, Chinese
 * labels measured with the real font, zh/en axis numbers, offline errors, determinism.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { GALLERY_BASE, galleryDir } from '../../src/charts/conformance.js';
import { convertChart } from '../../src/charts/convert.js';
import { MissingDataError, NetworkDataError } from '../../src/charts/errors.js';
import { formatUnits } from '../../src/charts/locale.js';
import { drawChartIntoPdf } from '../../src/charts/pdf.js';
import { renderChart } from '../../src/charts/render.js';
import { BUILTIN_THEMES } from '../../src/charts/theme.js';
import { getFace, measure, MissingGlyphError } from '../../src/charts/textengine.js';

const SPECS = galleryDir();
const BASE = GALLERY_BASE;
const HAS_GALLERY = existsSync(SPECS);
const NO_GALLERY = `needs the Vega-Lite example gallery at ${SPECS} (not found; set DATAPRESS_SHARED)`;
const SAMPLE = [
  'bar',
  'arc_pie',
  'area_density_facet',
  'geo_choropleth',
  'layer_line_window',
  'trellis_barley',
  'scatter_image',
  'text_scatterplot_colored',
  'rect_heatmap',
  'boxplot_2D_vertical',
  'concat_weather',
  'interactive_brush',
  'repeat_histogram',
  'stacked_area',
  'point_href',
  'layer_dual_axis',
];

let tmp: string;
beforeAll(() => {
  process.env.TZ = 'America/Los_Angeles';
  tmp = mkdtempSync(path.join(tmpdir(), 'dp-charts-'));
});

const pdfText = (file: string): string => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const svgTexts = (svg: string): string[] =>
  [...svg.matchAll(/<text[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]!.trim()).filter((t) => /^[\w ]{3,}$/.test(t));

/** A spec written to a file of its own (convertChart reads specs from files). */
const specFile = (name: string, spec: object): string => {
  const file = path.join(tmp, `${name}.vl.json`);
  writeFileSync(file, JSON.stringify(spec));
  return file;
};
const CARS = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  data: { url: 'data/cars.json' },
  mark: 'point',
  encoding: {
    x: { field: 'Horsepower', type: 'quantitative' },
    y: { field: 'Miles_per_Gallon', type: 'quantitative' },
  },
};

describe('gallery sample in SVG, PNG and PDF', () => {
  // each case needs its spec from the shared example gallery, and says so when it is not there
  it.for(SAMPLE)('%s', async (name, ctx) => {
    ctx.skip(!HAS_GALLERY, NO_GALLERY);
    const spec = path.join(SPECS, `${name}.vl.json`);
    const opts = { base: BASE, font: 'DejaVu Sans', seed: 123456789 };
    const svgOut = await convertChart(spec, path.join(tmp, `${name}.svg`), opts);
    const svg = readFileSync(path.join(tmp, `${name}.svg`), 'utf8');
    expect(svg).toMatch(/class="mark-(rect|arc|area|shape|line|symbol|text|image|rule|trail|tick)/);
    expect(svgOut.width).toBeGreaterThan(50);

    const png = await convertChart(spec, path.join(tmp, `${name}.png`), { ...opts, scale: 2 });
    const meta = await sharp(path.join(tmp, `${name}.png`)).metadata();
    expect([meta.width, meta.height]).toEqual([png.width * 2, png.height * 2]);
    expect([png.width, png.height]).toEqual([svgOut.width, svgOut.height]);

    await convertChart(spec, path.join(tmp, `${name}.pdf`), opts);
    const words = svgTexts(svg);
    if (words.length) {
      const text = pdfText(path.join(tmp, `${name}.pdf`)).replace(/\s+/g, ' ');
      expect(words.some((w) => text.includes(w))).toBe(true);
    }
  });

  it('is deterministic: same input, identical bytes', async () => {
    const spec = specFile('point_2d', CARS);
    for (const ext of ['svg', 'png', 'pdf']) {
      const a = await convertChart(spec, path.join(tmp, `det-a.${ext}`), { base: BASE, seed: 1 });
      const b = await convertChart(spec, path.join(tmp, `det-b.${ext}`), { base: BASE, seed: 1 });
      expect(Buffer.compare(a.bytes, b.bytes)).toBe(0);
    }
  });

  it('names the emoji it cannot draw instead of drawing tofu', async () => {
    const spec = specFile('emoji', {
      data: { values: [{ k: '🐄', v: 3 }] },
      mark: 'text',
      encoding: { text: { field: 'k' }, x: { field: 'v', type: 'quantitative' } },
    });
    await expect(convertChart(spec, path.join(tmp, 'emoji.png'), { base: BASE })).rejects.toThrow(MissingGlyphError);
    await expect(convertChart(spec, path.join(tmp, 'emoji.png'), { base: BASE })).rejects.toThrow(/U\+1F4/);
  });

  it('maps the jsDelivr vega-datasets URLs to the local package', async () => {
    const cdn = { ...CARS, data: { url: 'https://cdn.jsdelivr.net/npm/vega-datasets@v1.29.0/data/cars.json' } };
    const r = await convertChart(specFile('cdn', cdn), path.join(tmp, 'cdn.svg'), { base: BASE });
    expect(r.width).toBeGreaterThan(100);
  });
});

const barSpec = (values: { k: string; v: number }[], extra: object = {}) => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  data: { values },
  mark: 'bar',
  encoding: { y: { field: 'k', type: 'nominal', title: null }, x: { field: 'v', type: 'quantitative', title: null } },
  ...extra,
});

describe('offline data', () => {
  it('a network URL is a clear error naming it', async () => {
    const spec = {
      data: { url: 'https://example.com/data/x.csv' },
      mark: 'point',
      encoding: { x: { field: 'a', type: 'quantitative' } },
    };
    const file = path.join(tmp, 'net.vl.json');
    writeFileSync(file, JSON.stringify(spec));
    await expect(convertChart(file, path.join(tmp, 'net.svg'))).rejects.toThrow(NetworkDataError);
    await expect(convertChart(file, path.join(tmp, 'net.svg'))).rejects.toThrow(
      'Chart data needs the network: https://example.com/data/x.csv',
    );
  });

  it('a missing local file is a clear error', async () => {
    const file = path.join(tmp, 'missing.vl.json');
    writeFileSync(file, JSON.stringify({ data: { url: 'nope.csv' }, mark: 'point' }));
    await expect(convertChart(file, path.join(tmp, 'missing.svg'))).rejects.toThrow(MissingDataError);
    await expect(convertChart(file, path.join(tmp, 'missing.svg'), { base: tmp })).rejects.toThrow(/nope\.csv/);
  });
});

describe('Chinese labels and locale numbers', () => {
  const labels = [
    { k: '城乡居民基本养老保险', v: 120_000_000 },
    { k: '失业保险', v: 15_000_000 },
    { k: '工伤保险', v: 8_000 },
  ];

  it('measures Chinese labels with the real font (axis offset = label width)', async () => {
    const theme = BUILTIN_THEMES.default!;
    const r = await renderChart(barSpec(labels), { format: 'svg', base: tmp, theme, locale: 'zh-CN' });
    const svg = r.bytes.toString();
    const w = measure('城乡居民基本养老保险', getFace('Noto Sans SC', 400), theme.fontSize);
    // root group offset: padding 5 + label width + label padding 2 + tick 5 (+0.5 stroke alignment)
    const tx = Number(/<g[^>]*transform="translate\(([\d.]+),/.exec(svg)![1]);
    expect(Math.abs(tx - (5 + Math.ceil(w) + 7))).toBeLessThanOrEqual(1.5);
    expect(w).toBeGreaterThan(10 * theme.fontSize * 0.95); // not Vega's 0.8em estimate
    const pdf = await renderChart(barSpec(labels), { format: 'pdf', base: tmp, theme, locale: 'zh-CN' });
    writeFileSync(path.join(tmp, 'zh.pdf'), pdf.bytes);
    expect(pdfText(path.join(tmp, 'zh.pdf'))).toContain('城乡居民基本养老保险');
    const png = await renderChart(barSpec(labels), { format: 'png', scale: 2, base: tmp, theme, locale: 'zh-CN' });
    expect((await sharp(png.bytes).metadata()).width).toBe(r.width * 2);
  });

  it('axis numbers in 万/亿 for zh and K/M/B for en', async () => {
    const zh = (await renderChart(barSpec(labels), { format: 'svg', base: tmp, locale: 'zh-CN' })).bytes.toString();
    const en = (await renderChart(barSpec(labels), { format: 'svg', base: tmp, locale: 'en-US' })).bytes.toString();
    expect(zh).toMatch(/>1\.2亿<|>1亿</);
    expect(zh).toMatch(/>\d+(\.\d+)?(万|亿)</);
    expect(en).toMatch(/>\d+(\.\d+)?M</);
    expect(en).not.toMatch(/[万亿]/);
  });

  it('formats units exactly as written in the issue', () => {
    expect(formatUnits(15_000_000, 'zh-CN')).toBe('1500万');
    expect(formatUnits(120_000_000, 'zh-CN')).toBe('1.2亿');
    expect(formatUnits(15_000_000, 'en-US')).toBe('15M');
    expect(formatUnits(15_000_000, 'en-US', 'long')).toBe('15 million');
    expect(formatUnits(1_500_000_000, 'en-US', 'currency')).toBe('CNY 1.5B');
    expect(formatUnits(120_000_000, 'zh-CN', 'currency')).toBe('1.2亿元');
    expect(formatUnits(999.5, 'en-US')).toBe('999.5');
    expect(formatUnits(1234.5, 'zh-CN')).toBe('1,234.5');
    expect(formatUnits(1234.5, 'en-US')).toBe('1.23K');
    expect(formatUnits(-25_000, 'zh-CN', '.1')).toBe('-2.5万');
  });
});

describe('PDF color hook', () => {
  it('passes every color through the hook (CMYK out)', async () => {
    const { default: PDFDocument } = await import('pdfkit');
    const r = await renderChart(
      barSpec([
        { k: 'a', v: 1 },
        { k: 'b', v: 2 },
      ]),
      { format: 'svg', base: tmp, theme: BUILTIN_THEMES.default },
    );
    const seen = new Set<string>();
    const doc = new PDFDocument({ size: 'A4', compress: false });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((res) => doc.on('end', res));
    const size = drawChartIntoPdf(doc, r.bytes.toString(), 50, 50, {
      width: 300,
      color: (c) => {
        seen.add(c);
        return [0, 0, 0, 100];
      },
    });
    doc.end();
    await ended;
    expect(size.width).toBe(300);
    expect(seen.has(BUILTIN_THEMES.default!.palette[0]!)).toBe(true);
    const body = Buffer.concat(chunks).toString('latin1');
    expect(body).toMatch(/\/DeviceCMYK cs\n0 0 0 1 scn/); // CMYK fill
    expect(body).not.toMatch(/\/DeviceRGB (cs|CS)/); // no RGB color left
  });
});
