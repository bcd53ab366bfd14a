/**
 * The one place the PDF report talks to src/charts: a highlight's (or the targets') chart
 * as Vega SVG for a language and width, and drawing it as vector art with the colour hook.
 * If the seed chart binding is not available, `chartSvg` resolves to undefined and the
 * report draws its own plain chart (native.ts) — the report never fails for want of a chart.
 */
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';

export interface ChartArt {
  svg: string;
  width: number;
  height: number;
}

export function chartRef(model: Model, ref: string) {
  if (ref === 'targets') return 'targets' as const;
  const h = model.highlights.find((x) => x.id === ref);
  if (!h) throw new Error(`report layout: <chart ref="${ref}"> names no highlight`);
  return h.chart;
}

/** Vega SVG of a seed chart at `width` × `height` CSS px, in `lang` (1 px drawn as 1 pt). */
export async function chartSvg(model: Model, theme: Theme, root: string, ref: string, lang: string, width: number, height: number): Promise<ChartArt | undefined> {
  let bind: typeof import('../../charts/seed/bind.js');
  let charts: typeof import('../../charts/index.js');
  try {
    bind = await import('../../charts/seed/bind.js');
    charts = await import('../../charts/index.js');
  } catch {
    return undefined;
  }
  const spec = bind.seedChartSpec(model, chartRef(model, ref), [lang], theme, { width, height });
  // the report prints the chart's title itself (as a caption heading), not inside the art
  delete spec.title;
  const out = await charts.renderChart(spec, {
    format: 'svg',
    locale: lang === 'zh' ? 'zh-CN' : 'en-US',
    theme: bind.seedChartTheme(theme),
    font: theme.fonts.sans.family,
    base: root,
  });
  return { svg: out.bytes.toString('utf8'), width: out.width, height: out.height };
}

/** Draw chart art at (x, y), `width` pt wide; every colour through `color`. */
export async function loadChartDrawer(): Promise<(doc: unknown, art: ChartArt, x: number, y: number, width: number, color: (css: string) => string | number[]) => void> {
  const { drawChartIntoPdf } = await import('../../charts/pdf.js');
  return (doc, art, x, y, width, color) => {
    drawChartIntoPdf(doc as never, art.svg, x, y, { width, color });
  };
}
