/** series: a line over many periods, one line per metric (all in one unit), its first and last figures labelled. */
import { kindProblems } from './checks.js';
import { altSentence, byMetric, exact, midSentence, word } from './common.js';
import type { ChartKind, ChartRow } from './types.js';

export interface SeriesPoint extends ChartRow {
  /** the first or last point of its line */
  end?: 'first' | 'last';
  /** the point carries its figure: every point of a single short line, else the ends */
  labelled: boolean;
}

/** Points per line up to which every point is labelled. */
const LABEL_ALL = 6;

export const series: ChartKind = {
  name: 'series',
  description: 'a line over many periods per metric (one unit), the periods spaced by their dates',
  accepts: (shape) => kindProblems('series', shape),
  template: 'series.vl.json',
  rows(rows) {
    const lines = byMetric(rows);
    // one short line: every point says its figure; several lines would overlap theirs: the ends only
    return lines.flatMap((g) =>
      g.map((r, i): SeriesPoint => {
        const end = i === 0 ? 'first' : i === g.length - 1 ? 'last' : undefined;
        return { ...r, ...(end ? { end } : {}), labelled: !!end || (lines.length === 1 && g.length <= LABEL_ALL) };
      }),
    );
  },
  alt(rows, ctx) {
    const items = byMetric(rows).map((g) =>
      word(ctx, 'alt.points', {
        label: midSentence(g[0]!.label, ctx),
        points: ctx.locale.list(g.map((r) => word(ctx, 'alt.point', { value: exact(r), period: r.periodText }))),
      }),
    );
    return altSentence(ctx, 'chart.line', items);
  },
};
