/**
 * part-to-whole: declared parts of a declared whole, in one unit. Each bar is its part's share of
 * the whole (`total: <metric>`: that figure; `total: sum`: the parts are all of it, and their
 * exact sum is the whole). What the parts leave of a declared whole is drawn as the rest.
 */
import { kindProblems } from './checks.js';
import { altSentence, exact, exactSum, latest, midSentence, numbered, shareText, word } from './common.js';
import type { ChartKind, ChartRow, KindContext, LineRow } from './types.js';

interface Whole {
  value: number;
  /** the heading: '合计24.19万张' (sum) or the total metric's label and figure */
  text: string;
  exactText: string;
}

function whole(parts: ChartRow[], ctx: KindContext): Whole | undefined {
  if (ctx.total === 'sum') {
    if (!parts.length) return undefined;
    const value = exactSum(parts.map((r) => r.value));
    // the sum is written as its parts are: in the first part's unit words
    const first = parts[0]!.metric;
    const text = ctx.formatValue(first, value);
    return {
      value,
      text: word(ctx, 'chart.total', { value: text }),
      exactText: ctx.formatValue(first, value, { exact: true }),
    };
  }
  const t = ctx.totalRows?.length ? latest(ctx.totalRows)[0] : undefined;
  if (!t) return undefined;
  return {
    value: t.value,
    text: word(ctx, 'chart.labelValue', { label: t.short, value: t.valueText }),
    exactText: exact(t),
  };
}

export const partToWhole: ChartKind = {
  name: 'part-to-whole',
  description: 'declared parts of a declared whole in one unit: each bar a share of the whole',
  accepts: (shape) => kindProblems('part-to-whole', shape),
  template: 'part-to-whole.vl.json',
  rows(rows, ctx) {
    const parts = latest(rows);
    const w = whole(parts, ctx);
    if (!w || !(w.value > 0)) return [];
    const lines: Omit<LineRow, 'line'>[] = [{ role: 'caption', text: w.text }];
    for (const r of parts) {
      lines.push({ ...r, role: 'head', text: r.short, strong: true });
      lines.push({
        ...r,
        role: 'bar',
        slot: 'main',
        share: Math.max(0, r.value) / w.value,
        track: 1,
        note: word(ctx, 'chart.valueShare', { value: r.valueText, share: shareText(r.value, w.value, ctx) }),
      });
    }
    const rest = exactSum([w.value, ...parts.map((r) => -r.value)]);
    if (ctx.total !== 'sum' && rest > 0) {
      lines.push({ role: 'head', text: word(ctx, 'chart.rest'), strong: true });
      lines.push({ role: 'bar', slot: 'rest', share: rest / w.value, track: 1, note: shareText(rest, w.value, ctx) });
    }
    return numbered(lines);
  },
  alt(rows, ctx) {
    const parts = latest(rows);
    const w = whole(parts, ctx);
    if (!w) return '';
    const items = parts.map((r) =>
      word(ctx, 'alt.share', {
        label: midSentence(r.label, ctx),
        value: exact(r),
        share: shareText(r.value, w.value, ctx),
      }),
    );
    return altSentence(ctx, 'chart.share', items, w.text);
  },
};
