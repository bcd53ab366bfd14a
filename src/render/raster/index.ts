/**
 * Shared pipeline of posters and cards: template file → laid-out tree (engine.ts) → PNG
 * (compose.ts), SVG or PDF. Planners call `layoutFile` for the layout and `rasterizeLayout`
 * for bytes.
 */
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import path from 'node:path';
import { chartLinesAt } from '../../charts/article/bind.js';
import { articleChart } from '../../charts/article/source.js';
import { chartSvg, SCREEN_MIN_FONT } from './chart.js';
import { loadPicture } from './picture.js';
import { renderLayoutFile, type LayoutResult } from './engine.js';

export * from './engine.js';
export { rasterize, loadSharp, IMAGE_FORMATS, extensionOf, type ImageFormat, type RasterOptions } from './rasterize.js';
export * from './context.js';
export { chartSvg, clearChartCache } from './chart.js';
export { rasterizeLayout, paintScene } from './compose.js';
export type { Scene, Paint, TextGroup, TextLine } from './scene.js';
export { clearGlyphMasks } from './glyphmask.js';

/** Aspect classes: layouts are chosen by shape, never squeezed. */
export type AspectClass = 'cover' | 'landscape' | 'square' | 'portrait' | 'tall';

export function aspectClass(width: number, height: number): AspectClass {
  const a = width / height;
  if (a >= 2.2) return 'cover';
  if (a >= 1.3) return 'landscape';
  if (a >= 0.9) return 'square';
  if (a >= 0.66) return 'portrait';
  return 'tall';
}

export interface SafeZone {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface LayoutFileOptions {
  model: Model;
  theme: Theme;
  root: string;
  /** template path relative to the project root, e.g. templates/cards/stack.layout.hbs */
  template: string;
  layout: string;
  preset: string;
  width: number;
  height: number;
  design?: number;
  context: Record<string, unknown>;
  /** px; exposed to templates as `safe.top` … `safe.left` in design units */
  safe?: SafeZone;
  /** the primary language (texts without their own `lang`) */
  lang: string;
  /** print medium at this density (smallest type 7 pt), else screen (14 px per 1080 px of the short side) */
  print?: { dpi: number };
  /** overflowing text is an error (default) rather than a warning */
  strict?: boolean;
}

/** The medium's smallest type in output px: 7 pt in print, 14 px per 1080 px of the short side on screen. */
export function minTextPx(width: number, height: number, print?: { dpi: number }): number {
  return print ? (7 / 72) * print.dpi : (14 * Math.min(width, height)) / 1080;
}

/** What every layout template receives besides its own context: colours, canvas and safe zone in design units. */
export function frameCtx(o: Pick<LayoutFileOptions, 'theme' | 'width' | 'height' | 'design' | 'safe'>) {
  const design = o.design ?? 1080;
  const k = design / o.width;
  const s = o.safe ?? { top: 0, right: 0, bottom: 0, left: 0 };
  const r = (v: number) => Math.round(v * 100) / 100;
  return {
    c: o.theme.colors,
    canvas: { w: design, h: r(o.height * k) },
    safe: { top: r(s.top * k), right: r(s.right * k), bottom: r(s.bottom * k), left: r(s.left * k) },
  };
}

export async function layoutFile(o: LayoutFileOptions): Promise<LayoutResult> {
  return renderLayoutFile(
    o.root,
    o.template,
    { ...o.context, ...frameCtx(o) },
    {
      layout: o.layout,
      preset: o.preset,
      width: o.width,
      height: o.height,
      design: o.design ?? 1080,
      fonts: o.theme.fonts,
      lang: o.lang,
      minTextPx: minTextPx(o.width, o.height, o.print),
      // screen charts keep the 1080-unit design's screen minimum: a landscape card (short side
      // under 1080 px) sets its chart as large as a square card does; print charts go to 7 pt
      ...(o.print
        ? {}
        : { chartMinFont: Math.max(SCREEN_MIN_FONT, minTextPx(o.width, o.height) * ((o.design ?? 1080) / o.width)) }),
      chart: (req) => chartSvg({ model: o.model, theme: o.theme, root: o.root }, req),
      chartLines: listedLinesAt(o.model, o.theme),
      image: (req) => loadPicture(path.dirname(path.resolve(o.root, o.model.file)), req),
      strict: o.strict,
      ...(o.safe ? { safe: o.safe } : {}),
    },
  );
}

/** A layout's chart line counts by highlight, language, width and size (the fitting asks again at every try). */
function listedLinesAt(
  model: Model,
  theme: Theme,
): (highlight: string, lang: string, width: number, fs: number) => number {
  const memo = new Map<string, number>();
  return (highlight, lang, width, fs) => {
    const key = `${highlight}|${lang}|${Math.round(width * 100)}|${fs}`;
    let n = memo.get(key);
    if (n === undefined) {
      const chart = articleChart(model, highlight);
      try {
        n = chart ? chartLinesAt(model, chart, lang, theme, width, fs) : 0;
      } catch {
        n = 0; // the chart's own render names the problem
      }
      memo.set(key, n);
    }
    return n;
  };
}
