import { describe, expect, it } from 'vitest';
import * as vl from 'vega-lite';
import { compileCached, clearCompileCache } from '../../src/charts/compilecache.js';
import { seedChartSpec } from '../../src/charts/seed/bind.js';
import { loadTheme, seedModel } from './seed/fixture.js';

const quiet = {
  level() {
    return this;
  },
  warn() {
    return this;
  },
  info() {
    return this;
  },
  debug() {
    return this;
  },
  error() {
    return this;
  },
};
const compile = (spec: object) => vl.compile(spec as never, { logger: quiet as never }).spec;

describe('Vega-Lite compile cache (stand-in sizes)', () => {
  it('gives exactly what a direct compile gives, for every seed chart at many sizes, and compiles each chart once', async () => {
    clearCompileCache();
    const model = await seedModel();
    const theme = loadTheme('newspaper');
    const charts = [...model.highlights.map((h) => h.chart!), 'targets' as const];
    let compiles = 0;
    const counted = (spec: object) => {
      compiles++;
      return compile(spec);
    };
    let renders = 0;
    for (const chart of charts) {
      for (const langs of [['zh'], ['en'], ['zh', 'en']]) {
        for (const compact of [true, false]) {
          for (const [width, height] of [
            [480, 240],
            [720, 300],
            [960, 540],
            [1200, 380],
          ]) {
            const spec = seedChartSpec(model, chart, langs, theme, { width, height, compact });
            expect(compileCached(spec, 'k', counted)).toEqual(compile(spec));
            renders++;
          }
        }
      }
    }
    // per chart, language and compactness: the first size compiled as is, then one stand-in compile the other sizes reuse
    expect(compiles).toBeLessThanOrEqual(charts.length * 3 * 2 * 2);
    expect(renders).toBe(charts.length * 3 * 2 * 4);
  });

  it('compiles directly when the size shapes the spec beyond its own numbers', () => {
    // a stand-in compile that derives a number from the size (as a compiler might) is refused
    const spec = { width: 300, height: 100, mark: 'bar' };
    const fake = (sp: object) => {
      const w = (sp as { width: number }).width;
      return { width: w, padding: w > 1000 ? Math.round(w / 100) : 5 };
    };
    expect(compileCached(spec, 'fake', fake)).toEqual({ width: 300, padding: 5 });
    expect(compileCached({ ...spec, width: 1200 }, 'fake', fake)).toEqual({ width: 1200, padding: 12 });
    const derived = (sp: object) => ({
      width: (sp as { width: number }).width,
      twice: (sp as { width: number }).width * 2,
    });
    expect(compileCached(spec, 'derived', derived)).toEqual({ width: 300, twice: 600 });
    expect(compileCached({ ...spec, width: 500 }, 'derived', derived)).toEqual({ width: 500, twice: 1000 });
  });

  it('compiles a chart drawn at one size once, and a second size with one stand-in compile', () => {
    clearCompileCache();
    let compiles = 0;
    const counted = (spec: object) => {
      compiles++;
      return compile(spec);
    };
    const spec = {
      data: { values: [{ a: 'x', b: 1 }] },
      mark: 'bar',
      encoding: { y: { field: 'a', type: 'nominal' }, x: { field: 'b', type: 'quantitative' } },
      width: 300,
      height: { step: 20 },
    };
    expect(compileCached(spec, 'once', counted)).toEqual(compile(spec));
    expect(compiles).toBe(1);
    const other = { ...spec, width: 420, height: { step: 26 } };
    expect(compileCached(other, 'once', counted)).toEqual(compile(other));
    expect(compiles).toBe(2);
    const third = { ...spec, width: 640, height: { step: 31 } };
    expect(compileCached(third, 'once', counted)).toEqual(compile(third));
    expect(compiles).toBe(2);
  });
});
