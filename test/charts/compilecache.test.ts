import { describe, expect, it } from 'vitest';
import * as vl from 'vega-lite';
import { compileCached, clearCompileCache } from '../../src/charts/compilecache.js';
import { bindChart } from '../../src/charts/article/bind.js';
import { articleCharts } from '../../src/charts/article/source.js';
import { loadTheme, ROOT, seedModel } from './sample.js';

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
  it('gives exactly what a direct compile gives, for every article chart at many sizes', async () => {
    clearCompileCache();
    const model = await seedModel();
    const theme = loadTheme('newspaper');
    let compiles = 0;
    const counted = (spec: object) => {
      compiles++;
      return compile(spec);
    };
    let renders = 0;
    for (const chart of articleCharts(model)) {
      for (const langs of [['zh'], ['en'], ['zh', 'en']]) {
        for (const compact of [true, false]) {
          for (const [width, height] of [
            [480, 240],
            [720, 300],
            [960, 540],
            [1200, 380],
          ]) {
            const spec = bindChart(model, chart, langs, theme, { width: width!, height: height!, compact }, ROOT)!.spec;
            expect(compileCached(spec, 'k', counted)).toEqual(compile(spec));
            renders++;
          }
        }
      }
    }
    // a size the text size or the wrapped lines depend on is another spec; the others reuse a compile
    expect(compiles).toBeLessThanOrEqual(renders);
    expect(renders).toBe(articleCharts(model).length * 3 * 2 * 4);
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
