import { describe, it, expect } from 'vitest';
import { getFace, measure, glyphCount } from '../../src/text/index.js';

const samples = [
  '中文',
  '人口与城镇化',
  'AVAV To',
  'Population 2024',
  '1570.6万人',
  '95%',
  'CNY 2,715',
  '“城镇”（常住）',
  'fi fl ffi',
];

describe('measure', () => {
  for (const [family, weight] of [
    ['Noto Sans SC', 400],
    ['Noto Sans SC', 700],
    ['Noto Serif SC', 400],
    ['DejaVu Sans', 400],
  ] as const) {
    it(`equals fontkit layout advances exactly (${family} ${weight})`, () => {
      const face = getFace(family, weight);
      for (const s of samples) {
        for (const size of [9, 12.5, 48]) {
          const expected = (face.font.layout(s).advanceWidth / face.font.unitsPerEm) * size;
          expect(measure(s, face, size)).toBe(expected);
          expect(measure(s, face, size)).toBe(expected); // cached
        }
      }
    });
  }

  it('includes kerning', () => {
    const face = getFace('Noto Sans SC', 400);
    const noKern = face.font.glyphsForString('AVAV').reduce((w, g) => w + g.advanceWidth, 0);
    expect(measure('AVAV', face, 1000)).toBeLessThan(noKern);
  });

  it('CJK characters are one em wide in Noto Sans SC', () => {
    expect(measure('人口与城镇化', getFace('Noto Sans SC', 400), 10)).toBe(60);
  });

  it('adds letter spacing between glyphs', () => {
    const face = getFace('Noto Sans SC', 400);
    expect(glyphCount('人口城镇', face)).toBe(4);
    expect(measure('人口城镇', face, 10, 2)).toBeCloseTo(40 + 3 * 2, 10);
    expect(measure('', face, 10, 2)).toBe(0);
  });
});
