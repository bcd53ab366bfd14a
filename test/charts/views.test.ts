import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadModel } from '../../src/model/index.js';
import { loadTheme } from '../../src/theme/load.js';
import { articleChartSvg } from '../../src/charts/article/render.js';
import { articleCharts } from '../../src/charts/article/source.js';
import { clearChartRenders } from '../../src/charts/render.js';
import { splitSizes } from '../../src/charts/views.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const model = loadModel(path.join(root, 'data/nmg-social-security-2021.yaml'), { root });
const theme = loadTheme(root, 'newspaper');
const SIZES: [number, number][] = [
  [480, 300],
  [640, 240],
  [320, 320],
  [880, 400],
];

describe('Vega views kept across sizes', () => {
  it('draw every article chart, in both languages and both densities, as a fresh view does', async () => {
    for (const chart of articleCharts(model)) {
      for (const lang of ['zh', 'en']) {
        for (const compact of [false, true]) {
          const draw = (w: number, h: number) =>
            articleChartSvg(model, chart, [lang], theme, { width: w, height: h, compact, root }).then((s) => s!);
          const fresh: string[] = [];
          for (const [w, h] of SIZES) {
            clearChartRenders();
            fresh.push(await draw(w, h));
          }
          clearChartRenders();
          for (let i = 0; i < SIZES.length; i++)
            expect(await draw(...SIZES[i]!), `${chart.id} ${lang} ${compact} ${SIZES[i]}`).toBe(fresh[i]);
        }
      }
    }
  }, 120_000);

  it('are kept only where the sizes are the whole difference', () => {
    const spec = {
      width: 300,
      signals: [
        { name: 'child_width', value: 200 },
        { name: 'y_step', value: 20 },
        { name: 'height', update: 'y_step * 3' },
      ],
      marks: [],
    };
    const a = splitSizes(spec, 'ctx')!;
    expect(a.width).toBe(300);
    expect(a.signals).toEqual([
      ['child_width', 200],
      ['y_step', 20],
    ]);
    const b = splitSizes(
      {
        ...spec,
        width: 500,
        signals: [{ name: 'child_width', value: 410 }, { name: 'y_step', value: 31 }, spec.signals[2]],
      },
      'ctx',
    )!;
    expect(b.key).toBe(a.key);
    expect(splitSizes(spec, 'other context')!.key).not.toBe(a.key);
    // a signal that is not a size, data from a file, random numbers: parsed afresh each time
    expect(splitSizes({ ...spec, signals: [{ name: 'cutoff', value: 3 }] }, 'ctx')!.signals).toEqual([]);
    expect(splitSizes({ ...spec, data: [{ name: 't', url: 'data.csv' }] }, 'ctx')).toBeUndefined();
    expect(
      splitSizes(
        { ...spec, data: [{ name: 't', transform: [{ type: 'formula', expr: 'random()', as: 'r' }] }] },
        'ctx',
      ),
    ).toBeUndefined();
    expect(splitSizes({ ...spec, width: { signal: 'w' } }, 'ctx')).toBeUndefined();
    // a spec that sets a size and one that leaves it to Vega are not the same chart
    const { width: _w, ...unsized } = spec;
    expect(splitSizes(unsized, 'ctx')!.key).not.toBe(a.key);
  });
});
