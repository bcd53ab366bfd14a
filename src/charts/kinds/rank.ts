/**
 * rank: ranks among their populations. Each row places its rank on a track from the first to
 * the last of the population the data gives (`of`); its words say the scope the data gives
 * ('10个省份中第1' / '1st among 10 provinces'). A row without a population is only words.
 */
import { kindProblems } from './checks.js';
import { altSentence, exact, latest, midSentence, numbered, word } from './common.js';
import type { ChartKind, ChartRow, LineRow } from './types.js';

/** Each metric's latest row with a rank. */
const ranked = (rows: readonly ChartRow[]) => latest(rows.filter((r) => r.rank !== undefined));

export const rank: ChartKind = {
  name: 'rank',
  description: 'ranks, each on a track from first to last of its population',
  accepts: (shape) => kindProblems('rank', shape),
  template: 'rank.vl.json',
  rows(rows, ctx) {
    const lines: Omit<LineRow, 'line'>[] = [];
    for (const r of ranked(rows)) {
      // a rank that is the row's own figure is said once, on the track; a figure with its rank says both
      const own = r.unit === 'rank';
      lines.push({
        ...r,
        role: 'head',
        strong: true,
        text: own ? r.short : word(ctx, 'chart.labelValue', { label: r.short, value: r.valueText }),
      });
      const rankText = r.rankText ?? r.valueText;
      if (r.population && r.population >= 2 && r.rank! >= 1 && r.rank! <= r.population)
        lines.push({ ...r, role: 'track', pos: (r.rank! - 1) / (r.population - 1), slot: 'main', note: rankText });
      else lines.push({ ...r, role: 'note', text: rankText });
    }
    return numbered(lines);
  },
  alt(rows, ctx) {
    const items = ranked(rows).map((r) =>
      r.unit === 'rank'
        ? word(ctx, 'alt.rankOnly', { label: midSentence(r.label, ctx), rank: r.rankText ?? r.valueText })
        : word(ctx, 'alt.rank', { label: midSentence(r.label, ctx), value: exact(r), rank: r.rankText ?? '' }),
    );
    return altSentence(ctx, 'chart.rank', items);
  },
};
