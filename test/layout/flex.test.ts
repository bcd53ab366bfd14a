import { describe, expect, it } from 'vitest';
import { type Laid, overhangs } from '../../src/layout/flex.js';
import type { MNode } from '../../src/layout/markup.js';

describe('overhangs', () => {
  const node = (kind: MNode['kind'], a: MNode['a'] = {}): MNode => ({ kind, a, text: '', children: [], line: 1 });
  const laid = (n: MNode, y: number, h: number, extra: Partial<Laid> = {}): Laid => ({
    node: n,
    x: 0,
    y,
    w: 100,
    h,
    children: [],
    bg: '#fff',
    ...extra,
  });
  const fig = laid(node('figure', { fit: 'box' }), 0, 200, { figure: {} as Laid['figure'] });
  const text = (y: number, h: number) => laid(node('text'), y, h, { text: {} as Laid['text'] });
  const row = (...beside: Laid[]) =>
    laid(node('row'), 0, 240, { children: [fig, laid(node('stack'), 0, 240, { children: beside })] });
  it('text beside a figure filling its box may not reach above or below it', () => {
    expect(overhangs(row(text(150, 50)))).toBe(false);
    expect(overhangs(row(text(150, 90)))).toBe(true);
    expect(overhangs(laid(node('stack'), 0, 300, { children: [row(text(-20, 40))] }))).toBe(true);
  });
});
