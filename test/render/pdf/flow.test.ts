/** Pagination rules on made-up flowables: each rule, and each way it can go wrong. */
import { describe, expect, it } from 'vitest';
import { type BoxItem, type FlowItem, type LinesItem, paginate } from '../../../src/render/pdf/flow.js';

const frame =
  (height: number, columns = 1) =>
  () =>
    Array.from({ length: columns }, (_, k) => ({ x: k * 100, y: 0, width: 90, height }));
let n = 0;
const lines = (count: number, extra: Partial<LinesItem> = {}): LinesItem => ({
  kind: 'lines',
  id: `p${++n}`,
  lines: Array.from({ length: count }, (_, k) => k),
  lineHeight: 10,
  before: 0,
  after: 0,
  meta: { sect: 's' },
  ...extra,
});
const box = (height: number, extra: Partial<BoxItem> = {}): BoxItem => ({
  kind: 'box',
  id: `b${++n}`,
  height,
  before: 0,
  after: 0,
  meta: { sect: 's' },
  ...extra,
});
const heading = (extra: Partial<LinesItem> = {}) => lines(1, { keepWithNext: true, ...extra });
const pageOf = (r: ReturnType<typeof paginate>, id: string) =>
  r.placed.filter((p) => p.item.id === id).map((p) => p.page);

describe('paginate', () => {
  it('a chart that does not fit lets the text of its section fill the foot of a page first', () => {
    const chart = box(60);
    const text = lines(2);
    // 84 of 110 used: 26 left, the chart (60) goes over, its section's two lines fill the foot of the page
    const r = paginate([lines(8, { after: 4 }), chart, text, lines(3)] as FlowItem[], frame(110));
    expect(pageOf(r, text.id)).toEqual([0]);
    expect(pageOf(r, chart.id)).toEqual([1]);
    // text of another section never goes ahead of it
    const other = lines(2, { meta: { sect: 't' } });
    const c2 = box(60);
    const r2 = paginate([lines(8, { after: 4 }), c2, other] as FlowItem[], frame(110));
    expect(pageOf(r2, other.id)).toEqual([1]);
  });

  it('a heading never ends a page: it moves with at least two lines of what follows', () => {
    const h = heading();
    const r = paginate([lines(8), h, lines(6)] as FlowItem[], frame(100));
    expect(pageOf(r, h.id)).toEqual([1]);
    // with room for the heading and two lines, it stays and the paragraph splits 2 | 4
    const h2 = heading();
    const p = lines(6);
    const r2 = paginate([lines(7), h2, p] as FlowItem[], frame(100));
    expect(pageOf(r2, h2.id)).toEqual([0]);
    expect(r2.placed.filter((x) => x.item.id === p.id).map((x) => x.to - x.from)).toEqual([2, 4]);
  });

  it('a chain of headings (title, translation, key figure) moves as a whole', () => {
    const h1 = heading();
    const h3 = heading();
    const fig = box(30, { keepWithNext: true });
    const r = paginate([lines(4), h1, h3, fig, lines(5)] as FlowItem[], frame(100));
    expect([pageOf(r, h1.id), pageOf(r, h3.id), pageOf(r, fig.id)]).toEqual([[1], [1], [1]]);
  });

  it('a chain whose follower is bigger than estimated is still moved (the flow restarts with a break)', () => {
    const h = heading();
    // the box does not fit under the heading: the heading must not stay behind alone
    const r = paginate([lines(5), h, box(45)] as FlowItem[], frame(100));
    const last0 = r.placed.filter((p) => p.page === 0).pop()!;
    expect(last0.item.id).not.toBe(h.id);
  });

  it('widows and orphans: no paragraph leaves a single line on either side of a break', () => {
    for (let before = 1; before < 10; before++)
      for (let size = 2; size < 9; size++) {
        const p = lines(size);
        const r = paginate([lines(before), p] as FlowItem[], frame(100));
        const parts = r.placed.filter((x) => x.item.id === p.id).map((x) => x.to - x.from);
        if (parts.length > 1) for (const k of parts) expect(k, `${before}+${size}: ${parts}`).toBeGreaterThanOrEqual(2);
        if (size <= 3) expect(parts).toHaveLength(1);
      }
  });

  it('a section starts on the next frame only when less than a third is left', () => {
    const s1 = heading({ sectionStart: 1 / 3 });
    const r1 = paginate([lines(6), s1, lines(2)] as FlowItem[], frame(100)); // 40 left: stays
    expect(pageOf(r1, s1.id)).toEqual([0]);
    const s2 = heading({ sectionStart: 1 / 3 });
    const r2 = paginate([lines(7), s2, lines(2)] as FlowItem[], frame(100)); // 30 left: moves
    expect(pageOf(r2, s2.id)).toEqual([1]);
  });

  it('a box that does not fit lets the following text of its section fill the frame first', () => {
    const chart = box(60);
    const text = lines(3);
    const r = paginate([lines(5), chart, text] as FlowItem[], frame(100));
    expect(pageOf(r, text.id)).toEqual([0]);
    expect(pageOf(r, chart.id)).toEqual([1]);
    // not across sections
    const other = lines(3, { meta: { sect: 't' } });
    const chart2 = box(60);
    const r2 = paginate([lines(5), chart2, other] as FlowItem[], frame(100));
    expect(pageOf(r2, other.id)).toEqual([1]);
  });

  it('an item with smaller pieces is broken up rather than leave a large hole', () => {
    const h = heading();
    const fig = box(20);
    const chart = box(60);
    const row = box(70, { alternative: [fig, chart] });
    const r = paginate([lines(3), h, row, lines(4)] as FlowItem[], frame(100));
    expect(pageOf(r, h.id)).toEqual([0]);
    expect(pageOf(r, fig.id)).toEqual([0]);
    expect(r.placed.some((p) => p.item.id === row.id)).toBe(false);
  });

  it('columns fill one after the other; fill is measured per page', () => {
    const r = paginate([lines(15)] as FlowItem[], frame(100, 2));
    expect(r.pages).toBe(1);
    expect(r.placed.map((p) => p.frame)).toEqual([0, 1]);
    expect(r.fill[0]).toBeCloseTo(0.75, 5);
  });
});
