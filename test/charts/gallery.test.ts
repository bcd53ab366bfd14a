/**
 * The gallery cases the regex reader got wrong, read now by the XML parser: no stray markup in
 * SVG, PNG or PDF. Interactive specs settle to one initial state; image marks without a size are
 * drawn at their natural size; `--tz` sets the time zone. Gallery cases are skipped one by one
 * when the shared gallery is missing ($DATAPRESS_SHARED, default ../shared).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { GALLERY_BASE, GALLERY_OPTIONS, galleryDir } from '../../src/charts/conformance.js';
import { convertChart } from '../../src/charts/convert.js';
import { renderChart } from '../../src/charts/render.js';
import { parseSvg, walk } from '../../src/charts/svgdom.js';
import { svgTextLines, textInfo } from '../../src/charts/svgtext.js';

const SPECS = galleryDir();
const spec = (name: string) => path.join(SPECS, `${name}.vl.json`);
const has = (name: string) => existsSync(spec(name));
const DEJAVU = path.join(GALLERY_BASE, '../dejavu-fonts-ttf/ttf');

/** The nine specs whose empty labels (`<text …/>`) the regex reader ran on into the next text. */
const NINE = [
  'point_log',
  'circle_bubble_health_income',
  'layer_line_window',
  'rect_heatmap',
  'layer_text_heatmap',
  'layer_text_heatmap_joinaggregate',
  'line_color_binned',
  'point_binned_color',
  'tick_strip_tick_band',
];

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'dp-gallery-'));
});

const MARKUP = /[<>]|="|opacity=|font-size=/;

/** The lines of the texts that are drawn (Vega hides overlapping axis labels with opacity 0). */
function drawnLines(svg: string): string[] {
  const out: string[] = [];
  walk(parseSvg(svg), (el) => {
    if (el.name !== 'text') return;
    if (el.attrs.opacity !== '0')
      out.push(
        ...textInfo(el)
          .lines.map((l) => l.text)
          .filter((t) => t.trim()),
      );
    return false;
  });
  return out;
}
const squash = (s: string) => s.replace(/\s+/g, '');

/** Mean channel difference between our PNG and resvg drawing the SVG's real text in DejaVu Sans, and pixels off by over half. */
async function againstResvg(svg: string, png: Buffer): Promise<{ mean: number; off: number }> {
  const img = new Resvg(svg, {
    font: {
      loadSystemFonts: false,
      fontFiles: [path.join(DEJAVU, 'DejaVuSans.ttf'), path.join(DEJAVU, 'DejaVuSans-Bold.ttf')],
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
    background: '#ffffff',
  }).render();
  const ref = await sharp(img.asPng()).removeAlpha().raw().toBuffer();
  const ours = await sharp(png).flatten({ background: '#ffffff' }).removeAlpha().raw().toBuffer();
  expect(ours.length).toBe(ref.length);
  let sum = 0,
    off = 0;
  for (let i = 0; i < ref.length; i++) {
    const d = Math.abs(ref[i]! - ours[i]!);
    sum += d;
    if (d > 128) off++;
  }
  return { mean: sum / ref.length, off };
}

describe('gallery specs with empty labels render without stray markup', () => {
  for (const name of NINE) {
    it.skipIf(!has(name))(`${name}: SVG, PNG and PDF`, async () => {
      const opts = { base: GALLERY_BASE, ...GALLERY_OPTIONS };
      await convertChart(spec(name), path.join(tmp, `${name}.svg`), opts);
      const svg = readFileSync(path.join(tmp, `${name}.svg`), 'utf8');
      const lines = svgTextLines(svg).filter((l) => l.trim());
      expect(lines.length).toBeGreaterThan(3);
      for (const l of lines) expect(l, `${name}: "${l}"`).not.toMatch(MARKUP);

      // PNG: the same picture as an independent renderer draws from the SVG's own text
      const png = await convertChart(spec(name), path.join(tmp, `${name}.png`), opts);
      const d = await againstResvg(svg, png.bytes);
      expect(d.mean, `${name}: mean difference`).toBeLessThan(1);
      expect(d.off, `${name}: pixels off`).toBeLessThan(40);

      // PDF: every label is in the text layer, and nothing else
      await convertChart(spec(name), path.join(tmp, `${name}.pdf`), opts);
      const text = execFileSync('pdftotext', ['-raw', path.join(tmp, `${name}.pdf`), '-'], { encoding: 'utf8' });
      expect(text).not.toMatch(MARKUP);
      const all = squash(text);
      for (const l of drawnLines(svg)) expect(all, `${name}: "${l}" in the PDF`).toContain(squash(l));
    });
  }

  it.skipIf(!has('point_log'))('point_log: the PDF draws every point and the y-axis labels', async () => {
    const file = path.join(tmp, 'point_log-marks.pdf');
    await convertChart(spec('point_log'), file, { base: GALLERY_BASE, ...GALLERY_OPTIONS });
    const qdf = path.join(tmp, 'point_log-qdf.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, qdf]);
    const body = readFileSync(qdf, 'latin1');
    // the points' stroke colour, #4c78a8, set once per point
    expect(body.match(/0\.298\d* 0\.470\d* 0\.658\d* SCN/g)).toHaveLength(8);
    const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
    for (const label of ['1', '10', '100', '1,000', '10,000', '100,000', '1,000,000', '10,000,000'])
      expect(text.split(/\s+/)).toContain(label);
  });

  it.skipIf(!has('rect_heatmap'))('rect_heatmap: the PDF keeps its axis labels', async () => {
    const file = path.join(tmp, 'rect_heatmap-labels.pdf');
    await convertChart(spec('rect_heatmap'), file, { base: GALLERY_BASE, ...GALLERY_OPTIONS });
    const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
    for (const label of ['Cylinders', 'Europe', 'Japan', 'USA', 'Origin']) expect(text).toContain(label);
  });
});

describe('interactive specs settle to one initial state', () => {
  for (const name of ['interactive_1d_geo_brush', 'interactive_airport_crossfilter']) {
    it.skipIf(!has(name))(`${name}: the initial brush, the same bytes every run`, async () => {
      const runs: string[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await convertChart(spec(name), path.join(tmp, `${name}-${i}.svg`), {
          base: GALLERY_BASE,
          ...GALLERY_OPTIONS,
        });
        runs.push(r.bytes.toString());
      }
      expect(new Set(runs).size).toBe(1);
      // the brush's rectangle is drawn with a size (not the empty 0×0 of an unset brush)
      expect(runs[0]).toMatch(/brush_brush"[^>]*><path d="M[\d.e-]+,[\d.e-]+h[1-9]/);
    });
  }
});

describe('images and time zones', () => {
  it('draws an image mark without width and height at the image natural size', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'dp-img-'));
    copyFileSync(path.join(GALLERY_BASE, 'data/ffox.png'), path.join(dir, 'ffox.png'));
    const spec = {
      $schema: 'https://vega.github.io/schema/vega/v6.json',
      width: 300,
      height: 200,
      marks: [
        { type: 'image', encode: { enter: { url: { value: 'ffox.png' }, x: { value: 50 }, y: { value: 20 } } } },
        {
          type: 'image',
          encode: { enter: { url: { value: 'ffox.png' }, x: { value: 200 }, y: { value: 20 }, width: { value: 40 } } },
        },
      ],
    };
    const r = await renderChart(spec, { format: 'svg', base: dir });
    const svg = r.bytes.toString();
    expect(svg).toMatch(/<image[^>]*translate\(50,20\)[^>]*width="100" height="100"/); // ffox.png is 100×100
    expect(svg).toMatch(/<image[^>]*translate\(200,20\)[^>]*width="40" height="40"/); // its aspect kept
    expect(svg).toContain('xlink:href="data:image/png;base64,');
    const png = await renderChart(spec, { format: 'png', base: dir });
    const { data } = await sharp(png.bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...data.subarray((y * 300 + x) * 3, (y * 300 + x) * 3 + 3)];
    expect(at(100, 70)).not.toEqual([255, 255, 255]); // the picture, not the background
  });

  it('gives now() a frozen clock: the build date (SOURCE_DATE_EPOCH), never the moment of drawing', async () => {
    const spec = {
      data: { values: [{}] },
      transform: [{ calculate: 'now()', as: 't' }],
      mark: 'text',
      encoding: { text: { field: 't', type: 'quantitative', format: 'd' } },
    };
    const before = process.env.SOURCE_DATE_EPOCH;
    try {
      delete process.env.SOURCE_DATE_EPOCH;
      expect(svgTextLines((await renderChart(spec, { format: 'svg', base: tmp })).bytes.toString())).toEqual(['0']);
      process.env.SOURCE_DATE_EPOCH = '1609459200';
      expect(svgTextLines((await renderChart(spec, { format: 'svg', base: tmp })).bytes.toString())).toEqual([
        '1609459200000',
      ]);
    } finally {
      if (before === undefined) delete process.env.SOURCE_DATE_EPOCH;
      else process.env.SOURCE_DATE_EPOCH = before;
    }
  });

  it('reads and writes dates in the time zone it is given, and restores the process zone', async () => {
    const before = process.env.TZ;
    const dir = mkdtempSync(path.join(tmpdir(), 'dp-tz-'));
    const file = path.join(dir, 'tz.vl.json');
    writeFileSync(
      file,
      JSON.stringify({
        data: { values: [{ t: '2021-01-01T00:00:00Z', v: 1 }] },
        mark: 'text',
        encoding: { text: { field: 't', type: 'temporal', timeUnit: 'yearmonthdatehours' } },
      }),
    );
    const texts = async (timeZone: string) =>
      svgTextLines(
        (await convertChart(file, path.join(dir, `${timeZone.replace('/', '-')}.svg`), { timeZone })).bytes.toString(),
      );
    const utc = await texts('UTC');
    const shanghai = await texts('Asia/Shanghai');
    const la = await texts('America/Los_Angeles');
    expect(utc.join()).toMatch(/\b00\b|12 ?AM|00:00/);
    expect(shanghai.join()).toMatch(/\b08\b|08 ?AM|8 ?AM/);
    expect(la.join()).toMatch(/Dec 31|2020/);
    expect(process.env.TZ).toBe(before);
    await expect(convertChart(file, path.join(dir, 'x.svg'), { timeZone: 'Mars/Olympus' })).rejects.toThrow(
      /Unknown time zone "Mars\/Olympus"/,
    );
  });
});
