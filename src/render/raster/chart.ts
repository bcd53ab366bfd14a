/**
 * The one place posters and cards get chart art: an article's chart (src/charts/article) drawn
 * to fill the slot exactly (its size, in the layout's design units), its text no smaller than
 * the layout's minimum. The art comes twice: outlined for the document (PDF posters, the
 * whole-SVG path) and split for the raster fast path (the SVG without its texts, plus the texts
 * as placed lines drawn from glyph masks).
 *
 * Charts are cached per model, theme, chart, language, density and slot size, so the card
 * presets and both language orders reuse their renders.
 */
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import type { ChartArt, ChartRequest } from './engine.js';

/**
 * The smallest chart text on screen layouts, in design units of a 1080-unit short side: 14 px per
 * 1080 px. A layout passes its medium's own (`minFontSize`: 7 pt in print, 14 px per 1080 px of
 * the short side on screen, in its design units).
 */
export const SCREEN_MIN_FONT = 14;

/** A slot's request; `minFontSize` (design units) is the layout's smallest text size when it knows it. */
export type ChartSlot = ChartRequest;

const cache = new Map<string, Promise<ChartArt>>();

export interface ChartSource {
  model: Model;
  theme: Theme;
  root: string;
}

const empty = (w: number, h: number): ChartArt => {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}"></svg>`;
  return { svg, base: svg, texts: [] };
};

/**
 * A highlight's chart (or 'targets': the outlook's): outlined SVG for the document, and for the
 * raster fast path the SVG without its texts plus those texts. A highlight without a chart (or
 * whose `auto` chart is none) gives empty art of the slot's size.
 */
export function chartSvg(src: ChartSource, req: ChartSlot): Promise<ChartArt> {
  const width = Math.max(1, Math.round(req.width)),
    height = Math.max(1, Math.round(req.height));
  const minFont = req.minFontSize ?? SCREEN_MIN_FONT;
  // below the screen's minimum (print: 7 pt) only where the box is tight
  const preferFont = Math.max(minFont, SCREEN_MIN_FONT);
  const key = `${src.model.hash}|${src.theme.name}|${req.highlight}|${req.lang}|${req.compact ? 1 : 0}|${width}x${height}|${minFont}`;
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const [{ renderArticleChart }, { outlineSvgText, liftSvgText }, { articleChart }, { serializeSvg }] =
        await Promise.all([
          import('../../charts/article/render.js'),
          import('../../charts/svgtext.js'),
          import('../../charts/article/source.js'),
          import('../../charts/svgdom.js'),
        ]);
      const chart = articleChart(src.model, req.highlight);
      if (!chart) return empty(width, height);
      const r = await renderArticleChart(src.model, chart, [req.lang], src.theme, {
        width,
        height,
        compact: req.compact,
        minFont,
        preferFont,
        root: src.root,
        format: 'svg',
      });
      if (r === undefined) return empty(width, height);
      const tree = r.tree ?? r.bytes.toString('utf8');
      const lifted = liftSvgText(tree);
      let outlined: string | undefined;
      return {
        get svg() {
          outlined ??= outlineSvgText(tree);
          return outlined;
        },
        get base() {
          return lifted.svg;
        },
        // the base as the layout places it: the tree's root attributes and content, not parsed again
        baseDoc: { root: lifted.tree.attrs, inner: serializeSvg({ ...lifted.tree, name: '#root' }) },
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
