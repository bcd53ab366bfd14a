/**
 * The one data contract every article chart receives, and the descriptors of chart kinds.
 *
 * A chart's data is a list of `ChartRow`s: one row per metric and period with a result, every
 * figure already written by src/format in the chart's language. The model produces them
 * (`chartRows(model, metrics, lang)`, src/model/rows.ts); a kind arranges them into the lines its
 * template draws; a designer's own spec receives them as they are, as `data: {name: "table"}`.
 */
import type { Locale } from '../../format/index.js';

/** One metric in one period, in the chart's language. */
export interface ChartRow {
  /** metric id */
  metric: string;
  /** the indicator's label and short label */
  label: string;
  short: string;
  /** period key ('2020', '2023-H1', '2016/2020', 'asof:2023-06-30'; '' = timeless), its words, and a sort key (larger = later) */
  period: string;
  periodText: string;
  periodOrder: number;
  /** the exact value; as src/format writes it ('1570.6万人' / '15.71 million'); compact ('1570.6万' / '15.71m') */
  value: number;
  valueText: string;
  valueShort: string;
  /** every significant digit ('15.706 million'), for alt text; valueText when absent */
  valueExact?: string;
  /** unit name ('person', 'CAD', 'percent'…) and unit words for an axis ('万人' / 'people') */
  unit: string;
  unitText: string;
  /**
   * The metric's target for this period, or else for the nearest later period (a goal set ahead:
   * then `targetPeriod` names it): its value, words, kind and whether it was met.
   */
  target?: number;
  targetText?: string;
  targetKind?: 'goal' | 'plan' | 'expected';
  status?: 'met' | 'missed';
  targetPeriod?: string;
  targetPeriodText?: string;
  /** a rank with the size of the population ranked, and its words ('10个省份中第1' / '1st among 10 provinces') */
  rank?: number;
  population?: number;
  rankText?: string;
  /** a category or group label when the chart groups rows */
  group?: string;
}

/** The kinds datapress draws. */
export const KIND_NAMES = ['bars', 'before-after', 'series', 'progress', 'rank', 'part-to-whole'] as const;
export type KindName = (typeof KIND_NAMES)[number];

/**
 * What the honesty checks and `chart: auto` read of one metric of a chart: plain data, built by
 * validation from the dataset or by the model, never the zod schema itself.
 */
export interface ChartMetricShape {
  id: string;
  /** unit name as the indicator writes it ('person', 'CAD', 'yuan/month', 'rank'…) */
  unit: string;
  /** a rate's `per` (month, person…), part of the unit on an axis */
  per?: string;
  /** whether the metric has any target (goal, plan or expected) */
  hasTargets: boolean;
  /** for a rank: the size of the population ranked (the indicator's or the observations' `of`) */
  population?: number;
  /** keys of the periods with a result ('' for a timeless figure) */
  periods: string[];
}

/** A chart as written in the dataset, reduced to what its choice depends on. */
export interface ChartShape {
  /** kind, alias or `auto` as written (`template:` of datapress/1 counts as a kind) */
  kind: string;
  metrics: ChartMetricShape[];
  /** datapress/1's `ranks:` beside `metrics` (one rank metric per metric) */
  ranks?: ChartMetricShape[];
  /** part-to-whole: the whole, a metric id or `sum` (the parts are the whole) */
  total?: string;
}

/** A problem with a chart, relative to the chart's own path (`['metrics', 1]`, `['total']`). */
export interface ChartProblem {
  path: (string | number)[];
  expected: string;
  found: string;
}

/** What a kind needs besides the rows: the language's words and the chart's declaration. */
export interface KindContext {
  lang: string;
  locale: Locale;
  /** part-to-whole: the whole (a metric id or `sum`) */
  total?: string;
  /** rows of the total metric (part-to-whole with `total: <metric>`) */
  totalRows?: ChartRow[];
  /** a value written as a metric's figures are (src/format with the metric's indicator): a sum of parts */
  formatValue(metric: string, value: number, opts?: { exact?: boolean }): string;
}

/**
 * One line of a kind's drawing, top to bottom. Kinds that list their rows (bars, before-after,
 * progress, rank, part-to-whole) draw lines of equal height: a heading (`head`, wrapped to the
 * chart's width by the binding), a bar (`bar`, `share` of the width, `note` after it), a rank track
 * (`track`, a dot at `pos`), or a caption. The contract fields of the row a line shows come along.
 */
export interface LineRow extends Partial<ChartRow> {
  line: number;
  role: 'caption' | 'head' | 'bar' | 'track' | 'note';
  /** a heading's or caption's text */
  text?: string;
  /** the first heading line of a row (set in bold) */
  strong?: boolean;
  /** a bar's length as a share of the plot's width, 0–1 */
  share?: number;
  /** the bar's background: the whole it is a share of (progress: the target, part-to-whole: the total) */
  track?: number;
  /** a rank's place on its track, 0 (first) to 1 (last) */
  pos?: number;
  /** colour role: 'before' | 'after' | 'rest' | 'met' | 'missed' | 'main' */
  slot?: string;
  /** the text after a bar or track */
  note?: string;
}

/** A chart kind: a small descriptor, one file under src/charts/kinds/ and one entry in the registry. */
export interface ChartKind {
  name: KindName;
  /** what the kind shows, in a sentence (README, messages) */
  description: string;
  /** problems when the data's shape does not fit the kind; empty when it does (used by `chart: auto` and validation) */
  accepts(shape: ChartShape): ChartProblem[];
  /** its Vega-Lite template, a file under templates/charts/ */
  template: string;
  /** the lines (or, for `series`, the points) its template draws, from the contract rows of its metrics */
  rows(rows: ChartRow[], ctx: KindContext): LineRow[] | ChartRow[];
  /** its alt text: one sentence with every figure, in the chart's language */
  alt(rows: ChartRow[], ctx: KindContext): string;
}
