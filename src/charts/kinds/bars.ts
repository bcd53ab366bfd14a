/** bars: several metrics in one unit, one bar each (each metric's latest figure), on one scale from zero (negative ones left of it). */
import { kindProblems } from './checks.js';
import { altSentence, exact, latest, midSentence, numbered, sharedPeriod, signedBars, word } from './common.js';
import type { ChartKind, LineRow } from './types.js';

export const bars: ChartKind = {
  name: 'bars',
  description: 'several metrics in one unit: one bar each, on one scale from zero, labelled with its figure',
  accepts: (shape) => kindProblems('bars', shape),
  template: 'bars.vl.json',
  rows(rows) {
    const last = latest(rows);
    const bars = signedBars(last.map((r) => r.value));
    const period = sharedPeriod(last);
    const lines: Omit<LineRow, 'line'>[] = period ? [{ role: 'caption', text: period }] : [];
    for (const [i, r] of last.entries()) {
      lines.push({ ...r, role: 'head', text: r.short, strong: true });
      lines.push({ ...r, role: 'bar', ...bars[i]!, slot: 'main', note: r.valueText });
    }
    return numbered(lines);
  },
  alt(rows, ctx) {
    const last = latest(rows);
    const items = last.map((r) => word(ctx, 'alt.item', { label: midSentence(r.label, ctx), value: exact(r) }));
    return altSentence(ctx, 'chart.bar', items, sharedPeriod(last));
  },
};
