/** Poster rendering: context, layout (boxes, for tests) and bytes. Imported lazily. */
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import { layoutFile, posterContext, rasterizeLayout, type LayoutResult } from '../raster/index.js';
import type { Painter } from '../raster/paintjob.js';
import { posterClass, type PosterLayout, type PosterPreset } from './presets.js';

export { posterContext, targetsCtx } from '../raster/context.js';

export interface PosterRequest {
  model: Model;
  theme: Theme;
  root: string;
  layout: PosterLayout;
  /** index into model.highlights (layout 'highlight') */
  highlight?: number;
  preset: PosterPreset;
  langs: string[];
  /** text that does not fit is an error (default) rather than a warning */
  strict?: boolean;
  /** where the scene is painted (default: this thread) */
  paint?: Painter;
}

/** The template of a poster layout at a preset: `templates/posters/<layout>-<landscape|portrait>.layout.hbs`. */
export function posterTemplate(layout: PosterLayout, preset: PosterPreset): string {
  return `templates/posters/${layout}-${posterClass(preset)}.layout.hbs`;
}

export async function layoutPoster(r: PosterRequest): Promise<LayoutResult> {
  const bleed = r.preset.bleed ?? 0;
  return layoutFile({
    model: r.model,
    theme: r.theme,
    root: r.root,
    template: posterTemplate(r.layout, r.preset),
    layout: `posters/${r.layout}-${posterClass(r.preset)}`,
    preset: r.preset.name,
    width: r.preset.width,
    height: r.preset.height,
    design: r.preset.design,
    safe: { top: bleed, right: bleed, bottom: bleed, left: bleed },
    lang: r.langs[0]!,
    ...(r.preset.print ? { print: { dpi: r.preset.dpi ?? 300 } } : {}),
    strict: r.strict,
    context: posterContext(r),
  });
}

export async function renderPoster(r: PosterRequest): Promise<Buffer> {
  return (await renderPosterWithWarnings(r)).bytes;
}

/** The poster's bytes and what had to be abridged or did not fit (non-strict builds). */
export async function renderPosterWithWarnings(r: PosterRequest): Promise<{ bytes: Buffer; warnings: string[] }> {
  const layout = await layoutPoster(r);
  const bytes = await rasterizeLayout(
    layout,
    {
      format: 'png',
      background: r.theme.colors.paper,
      ...(r.preset.print ? { dpi: r.preset.dpi, icc: true } : {}),
    },
    r.paint,
  );
  return { bytes, warnings: layout.warnings };
}
