import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { RgbCanvas } from '../../../src/render/raster/canvas.js';
import { paintShapes, parseChart, parseShapes } from '../../../src/render/raster/svgpaint.js';
import { rasterize } from '../../../src/render/raster/rasterize.js';

const W = 240,
  H = 160;

/** The fragment painted by svgpaint and by librsvg at k px per unit: mean and worst channel difference. */
async function compare(fragment: string, k = 1.7, inJs = true): Promise<{ mean: number; over64: number }> {
  if (inJs) expect(parseShapes(fragment, k), 'painted in JS').toBeDefined();
  const shapes = parseChart(fragment, k);
  expect(shapes).toBeDefined();
  const canvas = new RgbCanvas(W, H, { r: 255, g: 255, b: 255 });
  paintShapes(canvas, shapes!);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${W}" height="${H}" viewBox="0 0 ${W / k} ${H / k}">${fragment}</svg>`;
  const ref = await sharp(await rasterize(svg, { background: '#ffffff' }))
    .raw()
    .toBuffer();
  let sum = 0,
    over64 = 0;
  for (let i = 0; i < ref.length; i++) {
    const d = Math.abs(ref[i]! - canvas.data[i]!);
    sum += d;
    if (d > 64) over64++;
  }
  canvas.release();
  return { mean: sum / ref.length, over64 };
}

describe('charts painted in JS (svgpaint)', () => {
  it('fills paths with lines, curves, arcs and relative commands, through nested translate/scale groups', async () => {
    const d = await compare(`<g fill="none" transform="translate(10.3 7.7) scale(0.9)"><g transform="translate(5,5)">
      <path d="M0,0h60.5v20.25h-60.5Z" fill="#c8a04a"/>
      <path d="M70,0L120,0C125,0,128,3,128,8L128,22C128,27,125,30,120,30L70,30Z" fill="#b3191f" opacity="0.6"/>
      <path d="M30,60A12,12,0,1,1,54,60A12,12,0,1,1,30,60Z" fill="#1f5f8b"/>
      <path d="m80,50 q20,-30 40,0 l-40,0z" fill="#3a9d5d"/>
    </g></g>`);
    expect(d.mean).toBeLessThan(0.5);
    expect(d.over64).toBe(0);
  });

  it('strokes rules with butt, square and round caps', async () => {
    const d =
      await compare(`<g fill="none"><line x1="10" y1="10.5" x2="120" y2="10.5" stroke="#1d1d1b" stroke-width="1"/>
      <line transform="translate(0,30)" x1="10" x2="120" stroke="#c8a04a" stroke-width="6" stroke-linecap="round" opacity="0.35"/>
      <line x1="20" y1="60" x2="110" y2="85" stroke="#b3191f" stroke-width="3" stroke-linecap="square"/></g>`);
    expect(d.mean).toBeLessThan(0.5);
    expect(d.over64).toBe(0);
  });

  it('clips through a rounded clip path, and hides display="none"', async () => {
    const d =
      await compare(`<defs><clipPath id="clip1"><path d="M0,0L50,0C54,0,56,2,56,6L56,18C56,22,54,24,50,24L0,24Z"/></clipPath></defs>
      <g transform="translate(12,12)"><g clip-path="url(#clip1)"><path d="M0,0h90v24h-90Z" fill="#b3191f"/></g>
      <path d="M0,40h90v24h-90Z" fill="#000" display="none"/></g>`);
    expect(d.mean).toBeLessThan(0.5);
    expect(d.over64).toBe(0);
  });

  it('leaves to resvg what it does not draw exactly', async () => {
    for (const fragment of [
      '<circle cx="5" cy="5" r="4" fill="#000"/>',
      '<text x="0" y="10">x</text>',
      '<g>stray text</g>',
      '<path d="M0,0h10v10Z" fill="red"/>',
      '<path d="M0,0h10v10Z" fill="#000" fill-opacity="0.5"/>',
      '<path d="M0,0h10v10Z" fill="#000" stroke="#000"/>',
      '<path d="M0,0S5,5,10,0Z" fill="#000"/>',
      '<g opacity="0.5"><path d="M0,0h10v10Z" fill="#000"/></g>',
      '<g transform="rotate(5)"><path d="M0,0h10v10Z" fill="#000"/></g>',
      '<g clip-path="url(#nowhere)"><path d="M0,0h10v10Z" fill="#000"/></g>',
      '<line x2="10" stroke="#000" stroke-dasharray="2 2"/>',
      '<rect width="10" height="10" rx="2" fill="#000"/>',
    ]) {
      expect(parseShapes(fragment, 1), fragment).toBeUndefined();
      // handed whole to resvg: one block of pixels
      expect(
        parseChart(fragment, 1)!.every((s) => 'pixels' in s),
        fragment,
      ).toBe(true);
    }
  });

  it('resvg paints what librsvg paints: strokes, dashes, rounded rects, group opacity, images', async () => {
    const png = (
      await sharp({ create: { width: 8, height: 8, channels: 4, background: '#1f5f8b80' } })
        .png()
        .toBuffer()
    ).toString('base64');
    const d = await compare(
      `<g transform="translate(10,10)"><circle cx="30" cy="30" r="20" fill="#c00000" stroke="#1d1d1b" stroke-width="3"/>
      <g opacity="0.5"><rect x="60" y="5" width="40" height="30" rx="6" fill="#3a9d5d"/></g>
      <line x1="0" y1="70" x2="120" y2="70" stroke="#000" stroke-width="2" stroke-dasharray="6 3"/>
      <image x="100" y="40" width="24" height="24" xlink:href="data:image/png;base64,${png}"/></g>`,
      1.7,
      false,
    );
    expect(d.mean).toBeLessThan(0.6);
    expect(d.over64).toBeLessThan(40);
  });
});

describe('a chart the JS painter refuses', () => {
  it('still paints, through resvg, in its place', async () => {
    const { paintScene } = await import('../../../src/render/raster/compose.js');
    const scene = {
      scale: 2,
      paints: [
        {
          kind: 'svg' as const,
          box: { x: 10, y: 10, w: 60, h: 40 },
          svg: '<circle cx="40" cy="30" r="15" fill="#c00000"/>',
        },
      ],
    };
    expect(parseShapes(scene.paints[0]!.svg, 2)).toBeUndefined();
    const canvas = await paintScene(scene, 200, 120, { r: 255, g: 255, b: 255 });
    const at = (x: number, y: number) => [...canvas.data.subarray((y * 200 + x) * 3, (y * 200 + x) * 3 + 3)];
    expect(at(80, 60)).toEqual([0xc0, 0, 0]);
    expect(at(80, 88)).toEqual([0xc0, 0, 0]); // near the circle's bottom (r = 30 px from (80, 60))
    expect(at(80, 92)).toEqual([255, 255, 255]);
    expect(at(5, 5)).toEqual([255, 255, 255]);
    canvas.release();
  });
});
