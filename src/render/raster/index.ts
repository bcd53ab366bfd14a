/**
 * Shared raster pipeline of posters and cards: template file → layout (fitted, outlined
 * text, charts) → sharp. Planners call `layoutFile` for the boxes and `rasterize` for bytes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import { chartSvg } from './chart.js';
import { renderLayout, type LayoutResult } from './engine.js';

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
  /** template path relative to the project root, e.g. templates/cards/landscape.svg.hbs */
  template: string;
  layout: string;
  preset: string;
  width: number;
  height: number;
  design?: number;
  context: Record<string, unknown>;
  /** px; exposed to templates as safeTop/safeRight/safeBottom/safeLeft in design units */
  safe?: SafeZone;
  vars?: Record<string, number>;
  /** overflowing text is an error (default) rather than a warning with an ellipsis */
  strict?: boolean;
}

export async function layoutFile(o: LayoutFileOptions): Promise<LayoutResult> {
  const source = readFileSync(path.join(o.root, o.template), 'utf8');
  const design = o.design ?? 1080;
  const k = design / o.width;
  const s = o.safe ?? { top: 0, right: 0, bottom: 0, left: 0 };
  return renderLayout(
    source,
    { ...o.context, c: o.theme.colors },
    {
      layout: o.layout,
      preset: o.preset,
      width: o.width,
      height: o.height,
      design,
      fonts: o.theme.fonts,
      vars: {
        safeTop: s.top * k,
        safeRight: s.right * k,
        safeBottom: s.bottom * k,
        safeLeft: s.left * k,
        ...(o.vars ?? {}),
      },
      chart: (req) => chartSvg({ model: o.model, theme: o.theme, root: o.root }, req),
      strict: o.strict,
    },
  );
}
