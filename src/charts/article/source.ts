/**
 * An article's charts, read from the model: which charts there are, what each declares, and the
 * contract rows (kinds/types.ts `ChartRow`) of its metrics.
 *
 * The rows come from the model's `chartRows(model, metrics, lang)` (src/model/rows.ts).
 */
import { localeFor } from '../../format/index.js';
import { chartRows } from '../../model/rows.js';
import type { Indicator, Model, Text } from '../../model/types.js';
import { metricShape } from '../kinds/checks.js';
import type { ChartMetricShape, ChartRow, ChartShape, KindContext } from '../kinds/types.js';

/** What a chart declares: a kind (or alias, `auto`, `none`), or a designer's spec; its metrics, title, whole. */
export interface ChartDecl {
  /** `chart.kind`, or datapress/1's `chart.template` (a kind, an alias or a designer's template name) */
  kind?: string;
  /** a designer's Vega-Lite spec, relative to the project root: templates/charts/mine.vl.json */
  spec?: string;
  metrics: string[];
  /** datapress/1: the rank metric of each metric */
  ranks?: string[];
  /** part-to-whole: a metric id or `sum` */
  total?: string;
  title?: Text;
}

/** A chart of the article: its output name (the highlight's id, or `targets`), and what it declares. */
export interface ArticleChart {
  id: string;
  highlight?: string;
  decl: ChartDecl;
}

/** A highlight's `chart` as the model holds it: datapress/1's ChartRef, or the extended forms. */
type ModelChart =
  | {
      template?: string;
      kind?: string;
      spec?: string;
      metrics?: string[];
      ranks?: string[];
      total?: string;
      title?: Text;
    }
  | 'auto'
  | 'none'
  | undefined;

/** A highlight's declared chart (undefined: it has none). `auto` keeps its metrics empty: the model's rows decide. */
export function declOf(chart: ModelChart): ChartDecl | undefined {
  if (chart === undefined || chart === 'none') return undefined;
  if (chart === 'auto') return { kind: 'auto', metrics: [] };
  const kind = chart.kind ?? chart.template;
  if (kind === 'none') return undefined;
  return {
    ...(kind !== undefined ? { kind } : {}),
    ...(chart.spec !== undefined ? { spec: chart.spec } : {}),
    metrics: chart.metrics ?? [],
    ...(chart.ranks?.length ? { ranks: chart.ranks } : {}),
    ...(chart.total !== undefined ? { total: chart.total } : {}),
    ...(chart.title ? { title: chart.title } : {}),
  };
}

/** Every chart of the model, in order: the highlights' and the outlook's targets. */
export function articleCharts(model: Model): ArticleChart[] {
  const out: ArticleChart[] = [];
  for (const h of model.highlights) {
    const decl = declOf(h.chart as ModelChart);
    if (decl) out.push({ id: h.id, highlight: h.id, decl });
  }
  const t = model.outlook?.targets;
  if (t?.metrics?.length)
    out.push({ id: 'targets', decl: { kind: t.chart, metrics: t.metrics, ...(t.title ? { title: t.title } : {}) } });
  return out;
}

/** A chart by output name (highlight id or `targets`), by its declaration object, or undefined. */
export function articleChart(model: Model, ref: string | object): ArticleChart | undefined {
  const all = articleCharts(model);
  if (typeof ref === 'string') return all.find((c) => c.id === ref);
  const h = model.highlights.find((x) => x.chart === ref);
  return h ? all.find((c) => c.highlight === h.id) : undefined;
}

const indicatorOf = (model: Model, id: string): Indicator => {
  const ind = model.indicators[id];
  if (!ind) throw new Error(`chart: no indicator "${id}"`);
  return ind;
};

/** The contract rows of `metrics` in `lang` (src/model/rows.ts): one per metric and period with a result. */
export function modelChartRows(model: Model, metrics: readonly string[], lang: string): ChartRow[] {
  return chartRows(model, metrics, lang);
}

/**
 * The metrics whose rows a chart draws, in order: on a rank chart, datapress/1's `ranks:` each
 * follow the figure they stand beside (`metrics[i]`, then `ranks[i]`).
 */
export function chartMetrics(decl: ChartDecl, kind: string | undefined): string[] {
  if (kind !== 'rank' || !decl.ranks?.length) return decl.metrics;
  return decl.metrics.flatMap((m, i) => (decl.ranks![i] ? [m, decl.ranks![i]!] : [m]));
}

/** What the checks and `chart: auto` read of a chart, from the model. */
export function modelChartShape(model: Model, decl: ChartDecl): ChartShape {
  const shape = (id: string): ChartMetricShape => {
    const obs = model.observations.filter((o) => o.id === id);
    return metricShape(
      id,
      indicatorOf(model, id),
      obs,
      obs.filter((o) => !o.target).map((o) => o.time.key),
    );
  };

  return {
    kind: decl.kind ?? 'auto',
    metrics: decl.metrics.map(shape),
    ...(decl.ranks?.length ? { ranks: decl.ranks.map(shape) } : {}),
    ...(decl.total !== undefined ? { total: decl.total } : {}),
  };
}

/** A value written as a metric's figures are, in `lang` (a part-to-whole chart's sum). */
export function modelFormat(model: Model, lang: string) {
  const f = localeFor(lang);
  return (metric: string, value: number, opts: { exact?: boolean } = {}) =>
    f.value(value, indicatorOf(model, metric), { exact: !!opts.exact });
}

/** What a kind needs besides its rows, for a chart in `lang`: the locale, a formatter, the declared whole. */
export function kindContext(model: Model, decl: ChartDecl, lang: string): KindContext {
  return {
    lang,
    locale: localeFor(lang),
    formatValue: modelFormat(model, lang),
    ...(decl.total !== undefined ? { total: decl.total } : {}),
    ...(decl.total && decl.total !== 'sum' ? { totalRows: modelChartRows(model, [decl.total], lang) } : {}),
  };
}
