/** Alt text of an article's chart from its data, exact figures, per language (no renderer imports). */
import type { Model } from '../../model/types.js';
import { KINDS, autoKind, kindOf, type KindName } from '../kinds/index.js';
import {
  articleChart,
  chartMetrics,
  kindContext,
  modelChartRows,
  modelChartShape,
  type ArticleChart,
} from './source.js';

/** What a chart draws, decided from its declaration and the data alone: a kind, a designer's spec, or none. */
export function chosenKind(model: Model, chart: ArticleChart): KindName | 'spec' | 'none' {
  const d = chart.decl;
  if (d.spec) return 'spec';
  const name = d.kind ?? 'auto';
  if (name === 'auto') return d.metrics.length ? autoKind(modelChartShape(model, d).metrics) : 'none';
  return kindOf(name, d.total) ?? 'spec'; // any other name is a designer's template
}

/**
 * The sentence a chart's alt text is: 'Bar chart: people with basic pension insurance rose from
 * 12.28 million in 2012 to 15.706 million in 2020 (+27.9%); …'. Empty when there is no chart or it
 * is a designer's spec (whose meaning only its designer knows: the highlight's text stands).
 */
export function chartAlt(model: Model, ref: string | ArticleChart | object, lang: string): string {
  const chart =
    typeof ref === 'object' && ref !== null && 'decl' in ref ? (ref as ArticleChart) : articleChart(model, ref);
  if (!chart) return '';
  const d = chart.decl;
  const k = chosenKind(model, chart);
  if (k === 'spec' || k === 'none') return '';
  const kind = KINDS[k];
  const rows = modelChartRows(model, chartMetrics(d, k), lang);
  return kind.alt(rows, kindContext(model, d, lang));
}

const described = new WeakSet<Model>();

/**
 * Describe every chart of the model in each language (alt text), once per model: each planner
 * calls it before planning, so the model itself imports no chart code.
 */
export function describeCharts(model: Model): void {
  if (described.has(model)) return;
  described.add(model);
  const per = (ref: string | object) => Object.fromEntries(model.langs.map((l) => [l, chartAlt(model, ref, l)]));
  for (const h of model.highlights) if (h.chart) h.alt = per(h.chart);
  if (model.outlook?.targets) model.outlook.targets.alt = per('targets');
}
