import { describe, expect, it } from 'vitest';
import { POSTER_PRESETS, posterPlanner } from '../../../src/render/poster/planner.js';
import { layoutPoster } from '../../../src/render/poster/render.js';
import { loadSharp } from '../../../src/render/raster/rasterize.js';
import { contrast, model, overlaps, root, textBoxes, theme } from '../raster/helpers.js';

describe('poster planner', () => {
  it('writes both language orders without --lang, every layout, default presets story/wide/a3', () => {
    const jobs = posterPlanner.plan(model, theme, { langs: ['zh', 'en'], strict: true });
    expect(jobs).toHaveLength(2 * 3 * (2 + 6));
    // the printer's CMYK PDF comes with a print preset asked for by name
    expect(jobs.some((j) => j.path.endsWith('.pdf'))).toBe(false);
    const print = posterPlanner.plan(model, theme, { langs: ['zh', 'en'], strict: true, presets: ['a3'] } as never);
    expect(print.filter((j) => j.path.endsWith('.pdf')).map((j) => j.preset)).toEqual(Array(2 * (2 + 6)).fill('a3'));
    const paths = jobs.map((j) => j.path);
    expect(paths).toContain('posters/overview-zh-en-story.png');
    expect(paths).toContain('posters/targets-en-zh-wide.png');
    expect(paths).toContain('posters/highlight-pension-zh-en-a3.png');
    expect(paths.some((p) => p.includes('-a2'))).toBe(false);
    const j = jobs.find((x) => x.path === 'posters/overview-zh-en-a3.png')!;
    expect(j).toMatchObject({ layout: 'overview', preset: 'a3', langs: ['zh', 'en'], width: POSTER_PRESETS.a3!.width });
    expect(j.alt.zh).toContain('1570.6万人');
    expect(j.alt.en).toContain('15.71 million');
  });
  it('A2 on request; A3 is 303 × 426 mm at 300 dpi', () => {
    const jobs = posterPlanner.plan(model, theme, { langs: ['zh', 'en'], strict: true, presets: ['a2'] });
    expect(jobs.every((j) => j.preset === 'a2')).toBe(true);
    expect([POSTER_PRESETS.a3!.width, POSTER_PRESETS.a3!.height]).toEqual([3579, 5031]);
  });
});

describe('poster layouts', () => {
  for (const preset of ['story', 'wide', 'a3'].map((p) => POSTER_PRESETS[p]!)) {
    it(`${preset.name}: every layout × order stays inside the bleed, no overlaps, contrast`, async () => {
      for (const langs of [
        ['zh', 'en'],
        ['en', 'zh'],
      ]) {
        for (const [layout, highlight] of [
          ['overview', undefined],
          ['targets', undefined],
          ...model.highlights.map((_, i) => ['highlight', i]),
        ] as const) {
          const r = await layoutPoster({
            model,
            theme,
            root,
            layout: layout as 'overview',
            highlight: highlight as number | undefined,
            preset,
            langs,
          });
          const where = `${layout}${highlight ?? ''} ${preset.name} ${langs.join('-')}`;
          const bleed = preset.bleed ?? 0;
          const texts = textBoxes(r.boxes);
          for (const b of texts) {
            const msg = `${where} ${b.field} ${JSON.stringify(b.lines)}`;
            expect(b.x, msg).toBeGreaterThanOrEqual(bleed);
            expect(b.y, msg).toBeGreaterThanOrEqual(bleed);
            expect(b.x + b.w, msg).toBeLessThanOrEqual(preset.width - bleed + 0.5);
            expect(b.y + b.h, msg).toBeLessThanOrEqual(preset.height - bleed + 0.5);
            expect(contrast(b.fill!, b.bg!), msg).toBeGreaterThanOrEqual(4.5);
          }
          const solid = [...texts, ...r.boxes.filter((b) => b.kind === 'chart' && b.w > 0)];
          for (let i = 0; i < solid.length; i++)
            for (let j = i + 1; j < solid.length; j++) {
              expect(
                overlaps(solid[i]!, solid[j]!),
                `${where}: ${solid[i]!.field ?? solid[i]!.id} overlaps ${solid[j]!.field ?? solid[j]!.id}`,
              ).toBe(false);
            }
        }
      }
    });
  }
  it('an overview tile of a highlight with neither figure nor chart shows its facts in every language', async () => {
    const { loadModel } = await import('../../../src/model/index.js');
    const path = await import('node:path');
    // statcan's "where": two facts, no key figure, no chart
    const statcan = loadModel(path.join(root, 'data/examples/statcan-lfs-2022-04.yaml'), { root });
    const idx = statcan.highlights.findIndex((h) => !h.key && !h.chart);
    expect(idx).toBeGreaterThanOrEqual(0);
    for (const preset of ['story', 'wide', 'a3'].map((p) => POSTER_PRESETS[p]!))
      for (const langs of [
        ['zh', 'en'],
        ['en', 'zh'],
      ]) {
        const r = await layoutPoster({ model: statcan, theme, root, layout: 'overview', preset, langs });
        const facts = textBoxes(r.boxes).filter((b) => b.field?.startsWith(`highlights[${idx}].facts.`));
        expect(facts.map((b) => b.field).sort(), `${preset.name} ${langs}`).toEqual([
          `highlights[${idx}].facts.en`,
          `highlights[${idx}].facts.zh`,
        ]);
        // and a highlight with a figure keeps its tile as it was: no facts there
        expect(textBoxes(r.boxes).some((b) => b.field?.startsWith('highlights[0].facts.'))).toBe(false);
      }
  });

  it('renders a story poster at its size', async () => {
    const sharp = await loadSharp();
    const job = posterPlanner.plan(model, theme, { langs: ['zh', 'en'], strict: true, presets: ['story'] })[0]!;
    const r = await job.render({ model, theme, root, strict: true, warn: () => {} });
    const m = await sharp(r.bytes).metadata();
    expect([m.width, m.height]).toEqual([1080, 1920]);
  });
});

describe('poster inputs', () => {
  it('change when anything the layout shows changes (region and date included), and name the chart templates', async () => {
    const { inputHash } = await import('../../../src/write/cache.js');
    const plan = (m: typeof model) =>
      posterPlanner.plan(m, theme, {
        langs: ['zh', 'en'],
        explicitLangs: true,
        strict: true,
        presets: ['story'],
      } as never);
    const before = plan(model).find((j) => j.path === 'posters/overview-zh-en-story.png')!;
    const moved = { ...model, meta: { ...model.meta, region: { zh: '某地', en: 'Somewhere' }, date: '2022-01-01' } };
    const after = plan(moved).find((j) => j.path === 'posters/overview-zh-en-story.png')!;
    expect(inputHash(after, root, 'v')).not.toBe(inputHash(before, root, 'v'));
    expect(before.files).toContain('templates/charts/before-after.vl.json');
    expect(before.files).toContain('templates/charts/bars.vl.json'); // composition without a declared total: bars
  });
});
