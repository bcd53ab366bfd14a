/** Article charts rendered through the chart renderer (src/charts/render.ts). */
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import type { ChartLocale } from '../locale.js';
import { renderChart, type ChartFormat, type RenderedChart } from '../render.js';
import { bindChart, chartThemeFor, type ChartBox } from './bind.js';
import { articleChart, type ArticleChart } from './source.js';

/** Vega's number and date locale for a language (axes of designers' specs). */
export function chartLocale(lang: string): ChartLocale {
  return lang === 'zh' || lang.startsWith('zh-') ? 'zh-CN' : 'en-US';
}

export interface ArticleRenderOptions extends ChartBox {
  /** the project root: templates and designers' specs resolve against it */
  root: string;
  format: ChartFormat;
  /** PNG pixel scale */
  scale?: number;
}

/** A chart by output name (highlight id or `targets`), or the chart itself. */
function chartOf(model: Model, ref: string | ArticleChart): ArticleChart {
  if (typeof ref !== 'string') return ref;
  const c = articleChart(model, ref);
  if (!c) throw new Error(`No chart "${ref}" in ${model.id}`);
  return c;
}

/** Render a chart filling its box; undefined when the chart draws nothing (`none`). */
export async function renderArticleChart(
  model: Model,
  ref: string | ArticleChart,
  langs: string[],
  theme: Theme,
  opts: ArticleRenderOptions,
): Promise<RenderedChart | undefined> {
  const chart = chartOf(model, ref);
  const bound = bindChart(model, chart, langs, theme, opts, opts.root);
  if (!bound) return undefined;
  const ct = chartThemeFor(theme, langs[0]!);
  return renderChart(bound.spec, {
    format: opts.format,
    scale: opts.scale ?? 1,
    locale: chartLocale(langs[0]!),
    theme: ct,
    font: ct.fontFamily,
    base: opts.root,
    seed: 1,
    kind: 'vega-lite',
  });
}

/** Vega's SVG of a chart (real text in the theme's fonts), or undefined for none. */
export async function articleChartSvg(
  model: Model,
  ref: string | ArticleChart,
  langs: string[],
  theme: Theme,
  opts: Omit<ArticleRenderOptions, 'format'>,
): Promise<string | undefined> {
  const r = await renderArticleChart(model, ref, langs, theme, { ...opts, format: 'svg' });
  return r?.bytes.toString('utf8');
}
