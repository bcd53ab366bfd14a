/**
 * The one place the PDF report talks to src/charts: a highlight's (or the targets') chart
 * as Vega SVG for a language and width, and drawing it as vector art with the colour hook.
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

/** Vega SVG of a seed chart at `width` × `height` CSS px, in `lang` (1 px drawn as 1 pt), without its title. */
export async function chartSvg(
  model: Model,
  theme: Theme,
  root: string,
  ref: string,
  lang: string,
  width: number,
  height: number,
): Promise<ChartArt> {
  const { renderSeedChart } = await import('../../charts/seed/render.js');
  // the report prints the chart's title itself (as a caption heading), not inside the art
  const out = await renderSeedChart(model, chartRef(model, ref)!, [lang], theme, {
    width,
    height,
    format: 'svg',
    base: root,
    title: false,
  });
  return { svg: out.bytes.toString('utf8'), width: out.width, height: out.height };
}

/** Draw chart art at (x, y), `width` pt wide; every colour through `color`. */
export async function loadChartDrawer(): Promise<
  (doc: unknown, art: ChartArt, x: number, y: number, width: number, color: (css: string) => string | number[]) => void
> {
  const { drawChartIntoPdf } = await import('../../charts/pdf.js');
  return (doc, art, x, y, width, color) => {
    drawChartIntoPdf(doc as never, art.svg, x, y, { width, color });
  };
}
