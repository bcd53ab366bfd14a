/** Writes every seed chart (zh, en, bilingual, compact) as PNG/SVG for eyeballing: SEED_PREVIEW=<dir>. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { renderSeedChart } from '../../../src/charts/seed/render.js';
import type { SeedChart } from '../../../src/charts/seed/bind.js';
import { loadTheme, ROOT, seedModel } from './fixture.js';

const dir = process.env.SEED_PREVIEW;

describe('seed chart preview', () => {
  it('writes previews', async (ctx) => {
    ctx.skip(!dir, 'a tool, not a check: set SEED_PREVIEW=<dir> to write every seed chart there');
    const model = await seedModel();
    mkdirSync(dir!, { recursive: true });
    const charts: [string, SeedChart][] = [
      ...model.highlights.map((h) => [h.id, h.chart] as [string, SeedChart]),
      ['targets', 'targets'],
    ];
    const themes = (process.env.SEED_THEMES ?? 'newspaper').split(',');
    for (const t of themes) {
      const theme = loadTheme(t);
      for (const [id, chart] of charts) {
        for (const [tag, langs, compact, w, h] of [
          ['zh', ['zh'], false, 640, 360],
          ['en', ['en'], false, 640, 360],
          ['bi', ['zh', 'en'], false, 640, 420],
          ['card', ['zh'], true, 480, 240],
        ] as const) {
          const r = await renderSeedChart(model, chart, [...langs], theme, {
            width: w,
            height: h,
            compact,
            format: 'png',
            scale: 2,
            base: ROOT,
          });
          writeFileSync(path.join(dir!, `${t}-${id}-${tag}.png`), r.bytes);
          const { seedChartSpec, seedChartSize } = await import('../../../src/charts/seed/bind.js');
          const est = seedChartSize(seedChartSpec(model, chart, [...langs], theme, { width: w, height: h, compact }));
          console.log(
            `${t}-${id}-${tag}: asked ${w}x${h}, estimated ${est.width}x${est.height}, rendered ${r.width}x${r.height}`,
          );
        }
      }
    }
  });
});
