/**
 * before-after: one or more metrics, each from its earliest to its latest period. Each metric
 * has its own row and its own scale (metrics of different units never share an axis); the
 * change is in the row's heading, every bar labelled with its figure and period.
 */
import { kindProblems } from './checks.js';
import { altSentence, byMetric, exact, midSentence, numbered, signedBars, word } from './common.js';
import type { ChartKind, LineRow } from './types.js';

export const beforeAfter: ChartKind = {
  name: 'before-after',
  description: 'one or more metrics from their earliest to their latest period, each on its own scale, with the change',
  accepts: (shape) => kindProblems('before-after', shape),
  template: 'before-after.vl.json',
  rows(rows, ctx) {
    const lines: Omit<LineRow, 'line'>[] = [];
    for (const g of byMetric(rows)) {
      const a = g[0]!,
        b = g.at(-1)!;
      if (a === b) continue;
      const change = ctx.locale.change(a.value, b.value, { spec: { unit: a.unit } });
      const [barA, barB] = signedBars([a.value, b.value]);
      lines.push({ ...b, role: 'head', text: word(ctx, 'chart.headChange', { label: b.short, change }), strong: true });
      for (const [r, slot, bar] of [
        [a, 'before', barA!],
        [b, 'after', barB!],
      ] as const)
        lines.push({
          ...r,
          role: 'bar',
          slot,
          ...bar,
          note: word(ctx, 'chart.valueAt', { value: r.valueText, period: r.periodText }),
        });
    }
    return numbered(lines);
  },
  alt(rows, ctx) {
    const items = byMetric(rows).map((g) => {
      const a = g[0]!,
        b = g.at(-1)!;
      const vars = {
        label: midSentence(a.label, ctx),
        from: a.periodText,
        to: b.periodText,
        a: exact(a),
        b: exact(b),
        change: ctx.locale.change(a.value, b.value, { spec: { unit: a.unit } }),
      };
      return word(ctx, b.value > a.value ? 'alt.up' : b.value < a.value ? 'alt.down' : 'alt.same', vars);
    });
    return altSentence(ctx, 'chart.bar', items);
  },
};
