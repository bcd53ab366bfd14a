/**
 * Charts in poster and card slots (src/render/raster/chart.ts): the art is the slot's size, its
 * text is never under the layout's minimum (14 per 1080 design units unless the layout says),
 * lifted for the glyph painter or outlined for the document; a highlight without a chart gets
 * empty art of the slot's size.
 */
import { describe, expect, it } from 'vitest';
import { parseSvg, svgSizeOf } from '../../src/charts/svgdom.js';
import { chartSvg, clearChartCache, SCREEN_MIN_FONT } from '../../src/render/raster/chart.js';
import { fixtureModel, loadTheme, ROOT } from './kinds/fixture.js';

const src = { model: fixtureModel(), theme: loadTheme(), root: ROOT };
const req = (highlight: string, width: number, height: number, extra: object = {}) => ({
  id: 'c0',
  highlight,
  lang: 'zh',
  width,
  height,
  compact: true,
  ...extra,
});

describe('chart slots', () => {
  it('fill the slot, with text at the screen minimum or larger', async () => {
    clearChartCache();
    for (const [w, h] of [
      [960, 380],
      [430, 260],
      [700, 700],
    ] as const) {
      for (const highlight of ['bars', 'before-after', 'progress', 'rank', 'series', 'part-to-whole']) {
        const art = await chartSvg(src, req(highlight, w, h));
        expect(svgSizeOf(parseSvg(art.svg)), `${highlight} ${w}x${h}`).toEqual({ width: w, height: h });
        expect(art.svg).not.toContain('<text');
        const sizes = (art.texts ?? []).flatMap((g) => g.lines.map((l) => l.size));
        expect(sizes.length, highlight).toBeGreaterThan(2);
        expect(Math.min(...sizes), `${highlight} ${w}x${h}`).toBeGreaterThanOrEqual(SCREEN_MIN_FONT);
      }
    }
  });

  it("take the layout's own minimum", async () => {
    const art = await chartSvg(src, req('bars', 960, 500, { minFontSize: 22 }));
    expect(Math.min(...(art.texts ?? []).flatMap((g) => g.lines.map((l) => l.size)))).toBeGreaterThanOrEqual(22);
  });

  it("take a print layout's smaller minimum (7 pt), set smaller than the screen's where the slot is tight", async () => {
    const art = await chartSvg(src, req('before-after', 430, 110, { minFontSize: 8.8 }));
    const sizes = (art.texts ?? []).flatMap((g) => g.lines.map((l) => l.size));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(8.8);
    expect(Math.min(...sizes)).toBeLessThan(SCREEN_MIN_FONT);
  });

  it("keep the screen's size where a print slot has room (7 pt only where it is tight)", async () => {
    const art = await chartSvg(src, req('before-after', 960, 700, { minFontSize: 8.8 }));
    expect(Math.min(...(art.texts ?? []).flatMap((g) => g.lines.map((l) => l.size)))).toBeGreaterThanOrEqual(
      SCREEN_MIN_FONT,
    );
  });

  it('give empty art for a highlight whose chart is none', async () => {
    const art = await chartSvg(src, req('auto-none', 600, 300));
    expect(svgSizeOf(parseSvg(art.svg))).toEqual({ width: 600, height: 300 });
    expect(art.texts).toEqual([]);
  });
});
