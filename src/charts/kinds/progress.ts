/**
 * progress: results against their targets, one row per metric (its latest result with a target).
 * The track is the target; the bar is the result on the same scale (past the track when the
 * target was beaten); the note says how far, in the target's own word (目标 / 计划 / 预期).
 */
import { kindProblems } from './checks.js';
import { altSentence, byMetric, exact, midSentence, numbered, targetWord, word } from './common.js';
import type { ChartKind, ChartRow, KindContext, LineRow } from './types.js';

/** Each metric's latest result that has a target. */
export function withTargets(rows: readonly ChartRow[]): ChartRow[] {
  return byMetric(rows).flatMap((g) => {
    const r = g.filter((x) => x.target !== undefined && x.targetText !== undefined).at(-1);
    return r ? [r] : [];
  });
}

/** '2025年目标1630万人' / 'target for 2025: 16.3 million' (the period only when it is not the result's). */
function targetPhrase(r: ChartRow, ctx: KindContext): string {
  const kind = targetWord(ctx, r.targetKind);
  return r.targetPeriod && r.targetPeriod !== r.period
    ? word(ctx, 'chart.targetAt', { kind, value: r.targetText!, period: r.targetPeriodText ?? r.targetPeriod })
    : word(ctx, 'chart.targetOf', { kind, value: r.targetText! });
}

export const progress: ChartKind = {
  name: 'progress',
  description: 'results against their targets: each bar a result on the scale of its own target',
  accepts: (shape) => kindProblems('progress', shape),
  template: 'progress.vl.json',
  rows(rows, ctx) {
    const rs = withTargets(rows);
    // one scale for every row: the target is 1, the longest bar fits
    const reach = Math.max(1, ...rs.map((r) => (r.target! > 0 ? r.value / r.target! : 0)));
    const lines: Omit<LineRow, 'line'>[] = [];
    for (const r of rs) {
      // met or missed as the data says; a target still ahead is neither
      const slot = r.status ?? 'main';
      lines.push({
        ...r,
        role: 'head',
        strong: true,
        text: word(ctx, 'chart.progressHead', { label: r.short, value: r.valueText, target: targetPhrase(r, ctx) }),
      });
      lines.push({
        ...r,
        role: 'bar',
        slot,
        share: r.target! > 0 ? Math.max(0, r.value / r.target!) / reach : 0,
        track: 1 / reach,
        note: ctx.locale.ofTarget(r.value, r.target!, r.targetKind ?? 'goal'),
      });
    }
    return numbered(lines);
  },
  alt(rows, ctx) {
    const items = withTargets(rows).map((r) =>
      word(ctx, 'alt.progress', {
        label: midSentence(r.label, ctx),
        period: r.periodText,
        value: exact(r),
        target: targetPhrase(r, ctx),
        of: ctx.locale.ofTarget(r.value, r.target!, r.targetKind ?? 'goal'),
      }),
    );
    return altSentence(ctx, 'chart.progress', items);
  },
};
