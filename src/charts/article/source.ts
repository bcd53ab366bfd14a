/**
 * An article's charts, read from the model: which charts there are, what each declares, and the
 * contract rows (kinds/types.ts `ChartRow`) of its metrics.
 *
 * ADAPTER: `modelChartRows` builds the rows from today's model (observations by year, `target:
 * true`, datapress/1's `ranks:`). The model's own `chartRows(model, metrics, lang)`
 * (src/model/rows.ts) produces the same contract from the extended format (periods, target
 * kinds, ranks with their population) and replaces it; nothing else here needs to change.
 */
import { localeFor, parsePeriod, periodOrder, type FormatSpec, type Period } from '../../format/index.js';
import type { Indicator, Model, Observation, Text } from '../../model/types.js';
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

/** An observation's period: `period: [a, b]` is a range of years, else its year. */
function periodOf(o: Observation): Period {
  const p = parsePeriod(o.period ? `${o.period[0]}/${o.period[1]}` : String(o.year));
  if (typeof p === 'string') throw new Error(`chart: observation ${o.path} has no readable period (${p})`);
  return p;
}

/** The unit words of a figure: what its text says around the bare number ('人' of 1570.6万人; 'a month' of CNY 2,715 a month). */
function unitWords(text: string, bare: string): string {
  if (text.startsWith(bare)) return text.slice(bare.length).trim();
  if (text.endsWith(bare)) return text.slice(0, text.length - bare.length).trim();
  return '';
}

/**
 * The contract rows of `metrics` in `lang`: one per metric and period with a result, each with
 * its target (same period, else the nearest later one) and rank. ADAPTER (see the module comment).
 */
export function modelChartRows(model: Model, metrics: readonly string[], lang: string): ChartRow[] {
  const f = localeFor(lang);
  const rows: ChartRow[] = [];
  for (const id of metrics) {
    const ind = indicatorOf(model, id);
    const obs = model.observations.filter((o) => o.id === id);
    const targets = obs
      .filter((o) => o.target)
      .map((o) => ({ o, p: periodOf(o) }))
      .sort((a, b) => periodOrder(a.p) - periodOrder(b.p));
    const label = ind.label[lang] ?? ind.label.en ?? id;
    const short = ind.short?.[lang] ?? label;
    const population = (ind as FormatSpec).of;
    for (const o of obs.filter((x) => !x.target)) {
      const p = periodOf(o);
      const text = f.value(o.value, ind, { qualifier: o.qualifier });
      const bare = f.value(o.value, ind, { qualifier: o.qualifier, bare: true });
      const t = targets.find((x) => x.p.key === p.key) ?? targets.find((x) => periodOrder(x.p) > periodOrder(p));
      const row: ChartRow = {
        metric: id,
        label,
        short,
        period: p.key,
        periodText: p.kind === 'none' ? '' : f.period(p),
        periodOrder: periodOrder(p),
        value: o.value,
        valueText: text,
        valueShort: bare,
        valueExact: f.value(o.value, ind, { qualifier: o.qualifier, exact: true }),
        unit: ind.unit,
        unitText: unitWords(text, bare),
      };
      if (t) {
        row.target = t.o.value;
        row.targetText = f.value(t.o.value, ind);
        row.targetKind = 'goal';
        // met or missed only once the target's period is the result's: a goal set ahead is neither yet
        if (t.p.key === p.key)
          row.status = (ind.better === 'lower' ? o.value <= t.o.value : o.value >= t.o.value) ? 'met' : 'missed';
        else {
          row.targetPeriod = t.p.key;
          row.targetPeriodText = f.period(t.p);
        }
      }
      if (ind.unit === 'rank') {
        row.rank = o.value;
        if (population) row.population = population;
        row.rankText = f.value(o.value, ind, { full: true, ...(population ? { of: population } : {}) });
      }
      rows.push(row);
    }
  }
  return rows;
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
    const ind = indicatorOf(model, id);
    const obs = model.observations.filter((o) => o.id === id);
    const per = (ind as FormatSpec).per;
    return {
      id,
      unit: ind.unit,
      ...(typeof per === 'string' ? { per } : {}),
      hasTargets: obs.some((o) => o.target),
      ...((ind as FormatSpec).of ? { population: (ind as FormatSpec).of } : {}),
      periods: obs.filter((o) => !o.target).map((o) => periodOf(o).key),
    };
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
