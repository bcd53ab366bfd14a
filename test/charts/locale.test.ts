import { describe, expect, it } from 'vitest';
import { formatUnits } from '../../src/charts/locale.js';

describe('axis number formats', () => {
  it('choose the scale after rounding, on exact decimals', () => {
    expect(formatUnits(999999, 'en-US')).toBe('1M');
    expect(formatUnits(999999999, 'en-US')).toBe('1B');
    expect(formatUnits(99999999, 'zh-CN')).toBe('1亿');
    expect(formatUnits(1.005, 'en-US')).toBe('1.01');
    expect(formatUnits(15706000, 'zh-CN')).toBe('1570.6万');
    expect(formatUnits(15706000, 'en-US', 'long')).toBe('15.71 million');
    expect(formatUnits(145e9, 'zh-CN', 'currency')).toBe('1450亿元');
    expect(formatUnits(-1500, 'en-US', 'currency')).toBe('-CNY 1.5K');
  });
});
