import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { renderLayout } from '../../../src/render/raster/engine.js';
import { rasterizeLayout } from '../../../src/render/raster/compose.js';
import { rasterize } from '../../../src/render/raster/rasterize.js';
import { layoutCard } from '../../../src/render/card/render.js';
import { layoutPoster } from '../../../src/render/poster/render.js';
import { CARD_PRESETS } from '../../../src/render/card/presets.js';
import { POSTER_PRESETS } from '../../../src/render/poster/presets.js';
import { model, root, theme } from './helpers.js';

const bg = theme.colors.paper;

/** Pixels of the fast path against librsvg drawing the whole SVG: mean and worst channel difference. */
async function difference(
  layout: Awaited<ReturnType<typeof renderLayout>>,
): Promise<{ mean: number; max: number; over64: number }> {
  const a = await sharp(await rasterizeLayout(layout, { background: bg }))
    .raw()
    .toBuffer();
  const b = await sharp(await rasterize(layout.svg, { background: bg }))
    .raw()
    .toBuffer();
  expect(a.length).toBe(b.length);
  let sum = 0,
    max = 0,
    over64 = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    sum += d;
    if (d > max) max = d;
    if (d > 64) over64++;
  }
  return { mean: sum / a.length, max, over64 };
}

describe('raster fast path (scene painted directly)', () => {
  const cases: [number, string, string[]][] = [
    [0, 'square', ['zh', 'en']],
    [3, 'og', ['zh']],
    [4, 'story', ['en']],
    [5, 'wechat-cover', ['en', 'zh']],
    [1, 'wechat-square', ['zh']],
  ];
  it.each(cases)('card %i %s %j paints what librsvg paints from the SVG', async (h, preset, langs) => {
    const layout = await layoutCard({ model, theme, root, highlight: h, preset: CARD_PRESETS[preset]!, langs });
    expect(layout.scene, 'every seed card has a scene').toBeDefined();
    const d = await difference(layout);
    // anti-aliased edges differ by the quarter-pixel glyph placement; shapes and colours do not
    expect(d.mean).toBeLessThan(1);
    expect(d.over64).toBe(0);
  });

  it('a poster with its chart paints what librsvg paints', async () => {
    const layout = await layoutPoster({
      model,
      theme,
      root,
      layout: 'highlight',
      preset: POSTER_PRESETS.wide!,
      langs: ['zh', 'en'],
      highlight: 2,
    });
    expect(layout.scene).toBeDefined();
    const d = await difference(layout);
    expect(d.mean).toBeLessThan(1);
    expect(d.over64).toBe(0);
  });

  // charts are painted in JS too (svgpaint.ts): every seed chart, both languages, two shapes
  it.each(model.highlights.map((_, i) => i))(
    'highlight %i: its chart on a card and a poster paints what librsvg paints',
    async (h) => {
      const { parseChart } = await import('../../../src/render/raster/svgpaint.js');
      for (const layout of [
        await layoutCard({ model, theme, root, highlight: h, preset: CARD_PRESETS.x!, langs: ['en'] }),
        await layoutPoster({
          model,
          theme,
          root,
          layout: 'highlight',
          preset: POSTER_PRESETS.story!,
          langs: ['zh', 'en'],
          highlight: h,
        }),
      ]) {
        const charts = layout.scene!.paints.filter((p) => p.kind === 'svg');
        for (const c of charts)
          expect(parseChart(c.svg, layout.scene!.scale), 'the JS painter takes every seed chart').toBeDefined();
        const d = await difference(layout);
        expect(d.mean).toBeLessThan(1);
        expect(d.over64).toBe(0);
      }
    },
  );

  const opts = { layout: 'test', preset: 'p', width: 400, height: 300, design: 400, fonts: theme.fonts };
  it('a layout without a scene rasterizes its SVG through librsvg', async () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><circle cx="200" cy="150" r="100" fill="#c00"/></svg>';
    const px = await sharp(await rasterizeLayout({ svg, width: 400, height: 300 }, { background: '#ffffff' }))
      .raw()
      .toBuffer();
    const centre = (150 * 400 + 200) * 3;
    expect([px[centre], px[centre + 1], px[centre + 2]]).toEqual([0xcc, 0, 0]);
  });

  it('strokes, rounded corners, dashed and vertical rules match librsvg', async () => {
    const src = `<page fill="#fbf6ec" padding="20" gap="12">
<stack fill="#ffffff" stroke="#b3191f" stroke-width="3.5" height="90"/>
<row gap="10" height="90">
  <stack grow="1" fill="#c8a04a" radius="14.5"/>
  <rule thickness="2" color="#1d1d1b"/>
  <stack grow="1" stroke="#1d1d1b" stroke-width="2" radius="20"/>
</row>
<rule thickness="2" color="#d9cbb0"/>
<rule thickness="3" color="#b3191f" dash="8 4"/>
</page>`;
    const layout = await renderLayout(src, {}, opts);
    expect(layout.scene).toBeDefined();
    const d = await difference(layout);
    expect(d.mean).toBeLessThan(0.5);
    expect(d.over64).toBe(0);
  });

  it('paints in document order: a box drawn after a text covers it', async () => {
    const src =
      '<page><text size="60" color="#000000">养老保险</text><stack position="absolute" top="0" left="0" width="400" height="150" fill="#ff0000"/></page>';
    const layout = await renderLayout(src, {}, opts);
    expect(layout.scene).toBeDefined();
    const px = await sharp(await rasterizeLayout(layout, { background: '#ffffff' }))
      .raw()
      .toBuffer();
    const red = [...px.subarray(0, 400 * 150 * 3)].every((v, i) => v === (i % 3 === 0 ? 255 : 0));
    expect(red).toBe(true);
  });
});
