/**
 * The one place posters and cards get chart SVGs: the chart renderer's seed charts
 * (src/charts/seed), with every <text> outlined (librsvg must never pick a system font).
 *
 * Charts are cached per highlight, language, theme and a quantized slot shape, so the
 * seven card presets and both language orders reuse a handful of Vega renders; the
 * engine scales each one into its slot (preserveAspectRatio meet).
 */
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import type { ChartArt, ChartRequest } from './engine.js';

const ASPECTS = [0.5, 0.7, 0.9, 1.1, 1.35, 1.7, 2.1, 2.6, 3.3, 4.2];
/** slot size ÷ chart size */
export const CHART_ZOOM = 1.3;
const cache = new Map<string, Promise<ChartArt>>();

export function chartShape(width: number, height: number): { width: number; height: number } {
  const a = width / height;
  const aspect = ASPECTS.reduce((b, x) => (Math.abs(Math.log(x / a)) < Math.abs(Math.log(b / a)) ? x : b));
  // drawn smaller than the slot and scaled up: chart labels grow with the card's type
  const w = Math.max(240, Math.round(width / CHART_ZOOM / 80) * 80);
  return { width: w, height: Math.round(w / aspect) };
}

export interface ChartSource {
  model: Model;
  theme: Theme;
  root: string;
}

/**
 * A highlight's chart (or 'targets': the outlook's progress chart): outlined SVG for the
 * document, and for the raster fast path the SVG without its texts plus those texts.
 */
export function chartSvg(src: ChartSource, req: ChartRequest): Promise<ChartArt> {
  const { width, height } = chartShape(req.width, req.height);
  const key = `${src.model.hash}|${src.theme.name}|${req.highlight}|${req.lang}|${req.compact ? 1 : 0}|${width}x${height}`;
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const [{ seedChartSvg }, { outlineSvgText, liftSvgText }] = await Promise.all([
        import('../../charts/seed/render.js'),
        import('../../charts/svgtext.js'),
      ]);
      const h = src.model.highlights.find((x) => x.id === req.highlight);
      const chart = req.highlight === 'targets' ? ('targets' as const) : h?.chart;
      if (!chart) throw new Error(`No chart for highlight "${req.highlight}"`);
      const svg = await seedChartSvg(src.model, chart, [req.lang], src.theme, {
        width,
        height,
        compact: req.compact,
        base: src.root,
      });
      const lifted = liftSvgText(svg);
      let outlined: string | undefined;
      return {
        get svg() {
          outlined ??= outlineSvgText(svg);
          return outlined;
        },
        base: lifted.svg,
        texts: lifted.texts,
      };
    })();
    if (cache.size > 500) cache.clear();
    cache.set(key, p);
    p.catch(() => cache.delete(key));
  }
  return p;
}

export function clearChartCache(): void {
  cache.clear();
}
