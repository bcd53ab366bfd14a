import { describe, expect, it } from 'vitest';
import { clearFitCache, type FigureSpec, setFigure } from '../../src/layout/fit.js';
import { facePair } from '../../src/render/raster/engine.js';
import { theme } from '../render/raster/helpers.js';

const spec = (number: string, suffix: string, prefix = ''): FigureSpec => ({
  prefix,
  number,
  suffix,
  num: facePair(theme.fonts, 'zh', 'sans', 'black'),
  unit: facePair(theme.fonts, 'zh', 'sans', 'bold'),
  ratio: 0.34,
  min: 40,
  max: 700,
});

describe('setFigure', () => {
  it('a figure held small by its width sets long unit words under the number when the box has the height', () => {
    const f = spec('31.06', '加元/小时');
    const one = setFigure(f, 900); // no height given: the number's line only
    expect(one.twoLine).toBe(false);
    const box = setFigure(f, 900, f.max, 700);
    expect(box.twoLine).toBe(true);
    expect(box.suffixLines).toEqual(['加元/小时']);
    expect(box.size).toBeGreaterThanOrEqual(one.size * 1.25);
    expect(box.width).toBeLessThanOrEqual(900);
    expect(box.height).toBeLessThanOrEqual(700);
  });

  it('keeps one line where that is nearly as large, where the box is too low, and after words before the number', () => {
    // a short unit costs little width: one line is within a quarter of the two-line size
    expect(setFigure(spec('31.06', '%'), 900, 700, 700).twoLine).toBe(false);
    // a box only as tall as one line
    const low = setFigure(spec('31.06', '加元/小时'), 900, 700, 260);
    expect(low.twoLine).toBe(false);
    expect(low.height).toBeLessThanOrEqual(260);
    // "an estimated 25.9 / million" would read on from a line that is not there
    expect(setFigure(spec('25.9', 'million', 'an estimated'), 700, 700, 900).twoLine).toBe(false);
  });

  it('answers from its cache what it computes anew: by content, width, cap and height', () => {
    const cases: [number, number, number][] = [
      [900, 700, Infinity],
      [900, 700, 700],
      [420, 300, 500],
      [420.25, 300, 500],
      [120, 700, 90],
    ];
    const first = cases.map(([w, cap, h]) => setFigure(spec('1570.6', '万人'), w, cap, h));
    // the same figure in another spec object: the cached sets
    const again = cases.map(([w, cap, h]) => setFigure(spec('1570.6', '万人'), w, cap, h));
    again.forEach((s, i) => {
      expect(s).toBe(first[i]);
    });
    clearFitCache();
    const fresh = cases.map(([w, cap, h]) => setFigure(spec('1570.6', '万人'), w, cap, h));
    fresh.forEach((s, i) => {
      expect(s).toEqual(first[i]);
    });
    // another content is not answered from the first's entries
    expect(setFigure(spec('1570.6', '万元'), 420, 300, 500)).not.toBe(first[2]);
    expect(setFigure(spec('1570.6', '万人', '约'), 420, 300, 500)).not.toBe(first[2]);
  });
});
