import { describe, it, expect } from 'vitest';
import { fitText, getFace, measure, shortenToWidth, TextFitError } from '../../src/text/index.js';

const face = getFace('Noto Sans SC', 700);
const base = { face, field: 'highlights[0].title.zh', layout: 'card-square' };

describe('fitText', () => {
  it('keeps the largest size that fits', () => {
    const r = fitText({ ...base, text: '人口总量连续三年下降', width: 300, maxLines: 1, maxSize: 60, minSize: 12 });
    expect(r.overflow).toBe(false);
    expect(r.size).toBe(30); // 10 characters × 30 = 300
    expect(r.lines).toHaveLength(1);
  });

  it('shrinks until the text fits in maxLines', () => {
    const text = '2024年末全国人口为140828万人，比上年末减少139万人，城镇化率为67.00%。';
    const r = fitText({ ...base, text, width: 240, maxLines: 3, maxSize: 48, minSize: 10, step: 1, lineHeight: 1.4 });
    expect(r.overflow).toBe(false);
    expect(r.lines.length).toBeLessThanOrEqual(3);
    expect(r.lines.every((l) => l.width <= 240)).toBe(true);
    const bigger = fitText({ ...base, text, width: 240, maxLines: 3, maxSize: r.size + 1, minSize: r.size + 1 });
    expect(bigger.overflow).toBe(true);
    expect(r.height).toBeCloseTo(r.lines.length * r.size * 1.4, 9);
  });

  it('prefers a smaller size to splitting a Latin word between letters', () => {
    const r = fitText({ ...base, text: 'Urbanisation', width: 100, maxLines: 2, maxSize: 40, minSize: 8 });
    expect(r.lines).toHaveLength(1);
    expect(measure('Urbanisation', face, r.size)).toBeLessThanOrEqual(100);
  });

  it('under strict, overflow throws naming field and layout', () => {
    const o = { ...base, text: '人口'.repeat(100), width: 100, maxLines: 2, maxSize: 20, minSize: 12, strict: true };
    expect(() => fitText(o)).toThrow(TextFitError);
    expect(() => fitText(o)).toThrow(/highlights\[0\]\.title\.zh \(layout card-square\).*smallest size 12/);
  });

  it('otherwise truncates with an ellipsis and warns', () => {
    const r = fitText({ ...base, text: '人口'.repeat(100), width: 100, maxLines: 2, maxSize: 20, minSize: 12 });
    expect(r.overflow).toBe(true);
    expect(r.size).toBe(12);
    expect(r.lines).toHaveLength(2);
    expect(r.lines[1]!.text.endsWith('…')).toBe(true);
    expect(r.lines[1]!.width).toBeLessThanOrEqual(100);
    expect(r.warning).toMatch(/highlights\[0\]\.title\.zh \(layout card-square\).*ellipsis/);
  });
});

describe('shortenToWidth (running heads)', () => {
  // one unit per code point: what fits is a count of characters
  const count = (s: string) => Array.from(s).length;

  it('cuts at a word, Latin or Chinese, never inside a character', () => {
    expect(shortenToWidth('01 Median household income down in real terms', 30, count)).toBe(
      '01 Median household income…',
    );
    // Chinese at a dictionary word (统计|地区), not between 统 and 计
    const zh = shortenToWidth('各地区统计数据发布情况', 6, count);
    expect(zh.endsWith('…')).toBe(true);
    expect(['各地区…', '各地区统计…']).toContain(zh);
    // a character outside the BMP (a surrogate pair) is never split
    const hk = shortenToWidth('𨋢𨋢𨋢𨋢𨋢𨋢', 4, count);
    expect(hk).toBe('𨋢𨋢𨋢…');
    expect(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(hk)).toBe(false);
  });

  it('leaves a text that fits as it is', () => {
    expect(shortenToWidth('Pensions', 20, count)).toBe('Pensions');
  });
});
