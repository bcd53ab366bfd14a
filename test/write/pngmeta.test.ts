import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { encode } from '../../src/render/raster/rasterize.js';
import { pngChunks } from '../../src/write/pngmeta.js';

const raw = () => sharp(Buffer.alloc(40 * 30 * 3, 200), { raw: { width: 40, height: 30, channels: 3 } });

describe('print PNG metadata', () => {
  it('records 300 dpi and the sRGB profile once each, readable by libvips', async () => {
    const png = await encode(raw(), { dpi: 300, icc: true });
    const meta = await sharp(png).metadata();
    expect(meta.density).toBe(300);
    expect(meta.hasProfile).toBe(true);
    const types = pngChunks(png).map(([t]) => t);
    expect(types).toEqual(['IHDR', 'iCCP', 'pHYs', 'IDAT', 'IEND']);
    // the pixels are untouched
    expect([...(await sharp(png).raw().toBuffer())]).toEqual([...Buffer.alloc(40 * 30 * 3, 200)]);
  });

  it('is deterministic and leaves screen PNGs alone', async () => {
    const a = await encode(raw(), { dpi: 300, icc: true });
    const b = await encode(raw(), { dpi: 300, icc: true });
    expect(a.equals(b)).toBe(true);
    const screen = await encode(raw(), {});
    expect(pngChunks(screen).map(([t]) => t)).not.toContain('iCCP');
  });
});

describe('chart PNG density', () => {
  it("is a pHYs chunk, without the EXIF block sharp's metadata path adds", async () => {
    const { renderChart } = await import('../../src/charts/render.js');
    const spec = {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      data: {
        values: [
          { a: 'x', b: 1 },
          { a: 'y', b: 2 },
        ],
      },
      mark: 'bar',
      encoding: { x: { field: 'a', type: 'nominal' }, y: { field: 'b', type: 'quantitative' } },
    };
    const { bytes } = await renderChart(spec, { format: 'png', ppi: 144, base: process.cwd() });
    expect((await sharp(bytes).metadata()).density).toBe(144);
    expect([...new Set(pngChunks(bytes).map(([t]) => t))]).toEqual(['IHDR', 'pHYs', 'IDAT', 'IEND']);
  });
});
