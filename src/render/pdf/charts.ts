/**
 * The one place the PDF report talks to src/charts: a highlight's (or the targets') chart as
 * Vega SVG filling a width × height box in a language, and drawing it as vector art with the
 * colour hook.
 */
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';

export interface ChartArt {
  svg: string;
  width: number;
  height: number;
}

/** The smallest chart text in print: 7 pt. */
export const PRINT_MIN_FONT = 7;

/** The chart of a highlight id or `targets`, or an error naming the layout's reference. */
export async function chartRef(model: Model, ref: string) {
  const { articleChart } = await import('../../charts/article/source.js');
  const c = articleChart(model, ref);
  if (!c && ref !== 'targets' && !model.highlights.some((h) => h.id === ref))
    throw new Error(`report layout: <chart ref="${ref}"> names no highlight`);
  return c;
}

/**
 * Vega SVG of a chart filling `width` × `height` pt, in `lang`, without its title (the report
 * prints the title itself, as a caption heading); undefined when the highlight has no chart.
 */
export function chartSvg(
  model: Model,
  theme: Theme,
  root: string,
  ref: string,
  lang: string,
  width: number,
  height: number,
): Promise<ChartArt | undefined> {
  // one Vega run per chart, language and size for every report of this model and theme (screen and print)
  let byTheme = rendered.get(model);
  if (!byTheme) {
    byTheme = new WeakMap();
    rendered.set(model, byTheme);
  }
  let charts = byTheme.get(theme);
  if (!charts) {
    charts = new Map();
    byTheme.set(theme, charts);
  }
  const key = [root, ref, lang, width, height].join('\u0000');
  let art = charts.get(key);
  if (!art) {
    art = (async () => {
      const chart = await chartRef(model, ref);
      if (!chart) return undefined;
      const { renderArticleChart } = await import('../../charts/article/render.js');
      const out = await renderArticleChart(model, chart, [lang], theme, {
        width,
        height,
        format: 'svg',
        root,
        title: false,
        minFont: PRINT_MIN_FONT,
      });
      return out && { svg: out.bytes.toString('utf8'), width: out.width, height: out.height };
    })();
    charts.set(key, art);
    art.catch(() => charts.delete(key));
  }
  return art;
}

const rendered = new WeakMap<Model, WeakMap<Theme, Map<string, Promise<ChartArt | undefined>>>>();

/** Draw chart art at (x, y), `width` pt wide; every colour through `color`. */
export async function loadChartDrawer(): Promise<
  (doc: unknown, art: ChartArt, x: number, y: number, width: number, color: (css: string) => string | number[]) => void
> {
  const { drawChartIntoPdf } = await import('../../charts/pdf.js');
  return (doc, art, x, y, width, color) => {
    drawChartIntoPdf(doc as never, art.svg, x, y, { width, color });
  };
}
