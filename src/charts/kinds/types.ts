/**
 * The one data contract every article chart receives, and the descriptors of chart kinds.
 *
 * A chart's data is a list of `ChartRow`s: one row per metric and period with a result, every
 * figure already written by src/format in the chart's language. The model produces them
 * (`chartRows(model, metrics, lang)`, src/model/rows.ts); a kind arranges them into the lines its
 * template draws; a designer's own spec receives them as they are, as `data: {name: "table"}`.
 */
import type { Locale } from '../../format/index.js';

/** One metric in one period, in the chart's language: the model's one data contract (src/model/rows.ts). */
export type { ChartRow } from '../../model/rows.js';
import type { ChartRow } from '../../model/rows.js';

export {
  KIND_NAMES,
  type KindName,
  type ChartMetricShape,
  type ChartShape,
  type ChartProblem,
} from '../../validate/charts.js';
import type { ChartProblem, ChartShape, KindName } from '../../validate/charts.js';

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
  /**
   * where the bar starts, as a share of the plot's width: the zero line, which is 0 unless a bar of
   * the chart is negative (then negative bars end at it and positive bars start there)
   */
  start?: number;
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
