/** Seed charts rendered through the chart renderer (src/charts/render.ts); alt text is in alt.ts. */
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import { renderChart, type ChartFormat, type RenderedChart } from '../render.js';
import type { ChartLocale } from '../locale.js';
import { seedChartSpec, seedChartTheme, type SeedChart, type SeedChartOptions } from './bind.js';

/** Chart locale of a language code (numbers and dates in Vega). */
export function chartLocale(lang: string): ChartLocale {
  return lang === 'zh' ? 'zh-CN' : 'en-US';
}

export interface SeedRenderOptions extends SeedChartOptions {
  /** project root (data URLs resolve against it; seed charts have inline data) */
  base?: string;
  /** false: no title inside the art (the PDF report sets it as a caption heading) */
  title?: false;
}

/** Render a seed chart in one of the renderer's formats. */
export async function renderSeedChart(
  model: Model,
  chart: SeedChart,
  langs: string[],
  theme: Theme,
  opts: SeedRenderOptions & { format: ChartFormat; scale?: number },
): Promise<RenderedChart> {
  const spec = seedChartSpec(model, chart, langs, theme, opts);
  if (opts.title === false) delete spec.title;
  const ct = seedChartTheme(theme);
  return renderChart(spec, {
    format: opts.format,
    scale: opts.scale ?? 1,
    locale: chartLocale(langs[0]!),
    theme: ct,
    font: ct.fontFamily,
    base: opts.base ?? process.cwd(),
    seed: 1,
    kind: 'vega-lite',
  });
}

/** SVG text of a seed chart (real text in the theme's fonts). */
export async function seedChartSvg(
  model: Model,
  chart: SeedChart,
  langs: string[],
  theme: Theme,
  opts: SeedRenderOptions,
): Promise<string> {
  const r = await renderSeedChart(model, chart, langs, theme, { ...opts, format: 'svg' });
  return r.bytes.toString('utf8');
}
