/**
 * Raster benchmark: cards per second for the full set (6 highlights × 7 presets × 3
 * language variants = 126 cards), cold (first run: fonts, Vega, chart cache empty) and
 * warm; ms per poster by preset; peak RSS while rendering an A2 poster at 300 dpi.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel } from '../model/index.js';
import { loadTheme } from '../theme/load.js';
import { CARD_PRESETS, cardVariants } from '../render/card/planner.js';
import { renderCard } from '../render/card/render.js';
import { POSTER_PRESETS } from '../render/poster/presets.js';
import { renderPoster } from '../render/poster/render.js';
import { loadSharp } from '../render/raster/rasterize.js';

function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    if (path.basename(dir) === 'src' || path.basename(dir) === 'bench') dir = path.dirname(dir);
  }
  return path.basename(dir) === 'dist' ? path.dirname(dir) : dir;
}

async function pool<T>(items: T[], n: number, f: (t: T) => Promise<unknown>): Promise<void> {
  let i = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (i < items.length) await f(items[i++]!);
    }),
  );
}

export async function benchRaster(opts: { root?: string; concurrency?: number } = {}): Promise<Record<string, number>> {
  const root = opts.root ?? projectRoot();
  const model = loadModel(path.join(root, 'data', 'nmg-social-security-2021.yaml'), { root });
  const theme = loadTheme(root, model.theme);
  const conc = opts.concurrency ?? 4;
  await loadSharp();
  const out: Record<string, number> = {};
  const cards = model.highlights.flatMap((_, h) =>
    Object.values(CARD_PRESETS).flatMap((preset) => cardVariants(model.langs).map((langs) => ({ h, preset, langs }))),
  );
  for (const phase of ['cold', 'warm']) {
    const t0 = performance.now();
    await pool(cards, conc, (c) =>
      renderCard({ model, theme, root, highlight: c.h, preset: c.preset, langs: c.langs }),
    );
    const ms = performance.now() - t0;
    out[`cards.${phase}.count`] = cards.length;
    out[`cards.${phase}.msPerCard`] = round(ms / cards.length);
    out[`cards.${phase}.perSecond`] = round((cards.length / ms) * 1000);
  }
  // the same set through the build's worker pool (2 cores here): fresh workers, then warm ones
  const { build } = await import('../build.js');
  const { RenderPool } = await import('../batch/pool.js');
  const { availableParallelism, tmpdir } = await import('node:os');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const dir = mkdtempSync(path.join(tmpdir(), 'dp-cards-'));
  const data = path.join(root, 'data', 'nmg-social-security-2021.yaml');
  const renderPool = RenderPool.create(availableParallelism(), ['card']);
  try {
    for (const phase of ['cold', 'warm']) {
      const t0 = performance.now();
      const r = await build({ inputs: [data], out: dir, only: ['card'], force: true, root, cwd: root }, { renderPool });
      const n = r.datasets[0]?.written.length ?? 0;
      const ms = performance.now() - t0;
      out[`cards.pool.${phase}.count`] = n;
      out[`cards.pool.${phase}.msPerCard`] = round(ms / Math.max(1, n));
    }
  } finally {
    await renderPool.close();
    rmSync(dir, { recursive: true, force: true });
  }
  for (const name of ['story', 'wide', 'a3']) {
    const preset = POSTER_PRESETS[name]!;
    const t0 = performance.now();
    for (const layout of ['overview', 'targets', 'highlight'] as const) {
      await renderPoster({ model, theme, root, layout, preset, langs: ['zh', 'en'], highlight: 0 });
    }
    out[`poster.${name}.msPerPoster`] = round((performance.now() - t0) / 3);
  }
  // A2: peak resident memory above the baseline while one poster renders
  const a2 = POSTER_PRESETS.a2!;
  global.gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const t0 = performance.now();
  const png = await renderPoster({ model, theme, root, layout: 'overview', preset: a2, langs: ['zh', 'en'] });
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().rss);
  out['poster.a2.msPerPoster'] = round(performance.now() - t0);
  out['poster.a2.pixels'] = a2.width * a2.height;
  out['poster.a2.peakRssMB'] = round(peak / 2 ** 20);
  out['poster.a2.rssAboveBaselineMB'] = round((peak - base) / 2 ** 20);
  out['poster.a2.pngMB'] = round(png.length / 2 ** 20);
  return out;
}

const round = (n: number) => Math.round(n * 10) / 10;

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(JSON.stringify(await benchRaster(), null, 2));
}
