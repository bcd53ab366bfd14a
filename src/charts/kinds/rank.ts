/**
 * rank: ranks among their populations. Each rank sits on a track from the first to the last of
 * the population the data gives (`of`); its words say the scope the data gives ('10个省份中第1' /
 * '1st among 10 provinces'). A rank without a population is words only.
 *
 * A figure followed by a rank (datapress/1's `ranks:` beside `metrics`) is said first, and the
 * rank under it keeps its own label: the rank of an allowance is not the rank of the people it
 * reaches.
 */
import { kindProblems } from './checks.js';
import { altSentence, exact, latest, midSentence, numbered, word } from './common.js';
import type { ChartKind, ChartRow, KindContext, LineRow } from './types.js';

/** A rank with the figure it follows, if any. */
interface Ranked {
  rank: ChartRow;
  figure?: ChartRow;
}

/** Each metric's latest row, in order; a figure without a rank pairs with the rank after it. */
function ranked(rows: readonly ChartRow[]): Ranked[] {
  const out: Ranked[] = [];
  let figure: ChartRow | undefined;
  for (const r of latest(rows)) {
    if (r.rank === undefined) {
      figure = r;
      continue;
    }
    out.push({ rank: r, ...(figure ? { figure } : {}) });
    figure = undefined;
  }
  return out;
}

const onTrack = (r: ChartRow) => !!r.population && r.population >= 2 && r.rank! >= 1 && r.rank! <= r.population;
const words = (r: ChartRow) => r.rankText ?? r.valueText;

export const rank: ChartKind = {
  name: 'rank',
  description: 'ranks, each on a track from first to last of its population',
  accepts: (shape) => kindProblems('rank', shape),
  template: 'rank.vl.json',
  rows(rows, ctx) {
    const lines: Omit<LineRow, 'line'>[] = [];
    for (const { rank: r, figure } of ranked(rows)) {
      if (figure) {
        lines.push({
          ...figure,
          role: 'head',
          strong: true,
          text: word(ctx, 'chart.labelValue', { label: figure.short, value: figure.valueText }),
        });
        // the rank under its figure, in its own words
        const said = word(ctx, 'chart.labelValue', { label: r.short, value: words(r) });
        if (onTrack(r)) {
          lines.push({ ...r, role: 'head', text: said });
          lines.push({ ...r, role: 'track', pos: (r.rank! - 1) / (r.population! - 1), slot: 'main' });
        } else lines.push({ ...r, role: 'note', text: said });
        continue;
      }
      lines.push({ ...r, role: 'head', strong: true, text: r.short });
      if (onTrack(r))
        lines.push({ ...r, role: 'track', pos: (r.rank! - 1) / (r.population! - 1), slot: 'main', note: words(r) });
      else lines.push({ ...r, role: 'note', text: words(r) });
    }
    return numbered(lines);
  },
  alt(rows, ctx: KindContext) {
    const items = ranked(rows).map(({ rank: r, figure }) => {
      const own = word(ctx, 'alt.rankOnly', { label: midSentence(r.label, ctx), rank: words(r) });
      return figure
        ? word(ctx, 'alt.rank', { label: midSentence(figure.label, ctx), value: exact(figure), rank: own })
        : own;
    });
    return altSentence(ctx, 'chart.rank', items);
  },
};
