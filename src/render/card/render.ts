/** Card rendering: layout (boxes, for tests) and bytes. Imported lazily by the planner. */
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import { cardContext, layoutFile, rasterizeLayout, type ImageFormat, type LayoutResult } from '../raster/index.js';
import type { Painter } from '../raster/paintjob.js';
import { cardLayout, type CardPreset } from './presets.js';

export interface CardRequest {
  model: Model;
  theme: Theme;
  root: string;
  /** index into model.highlights */
  highlight: number;
  preset: CardPreset;
  langs: string[];
  format?: ImageFormat;
  /** text that does not fit is an error (default) rather than a warning */
  strict?: boolean;
  /** where the scene is painted (default: this thread) */
  paint?: Painter;
}

/** The layout template of a card preset (its registry entry names the arrangement). */
export function cardTemplate(preset: CardPreset): string {
  return `templates/cards/${cardLayout(preset)}.layout.hbs`;
}

export async function layoutCard(r: CardRequest): Promise<LayoutResult> {
  const layout = cardLayout(r.preset);
  return layoutFile({
    model: r.model,
    theme: r.theme,
    root: r.root,
    template: cardTemplate(r.preset),
    layout: `cards/${layout}`,
    preset: r.preset.name,
    width: r.preset.width,
    height: r.preset.height,
    safe: r.preset.safe,
    lang: r.langs[0]!,
    strict: r.strict,
    context: cardContext(r),
  });
}

export async function renderCard(r: CardRequest): Promise<Buffer> {
  return (await renderCardWithWarnings(r)).bytes;
}

/** The card's bytes and what had to be abridged or did not fit (non-strict builds). */
export async function renderCardWithWarnings(r: CardRequest): Promise<{ bytes: Buffer; warnings: string[] }> {
  const layout = await layoutCard(r);
  return {
    bytes: await rasterizeLayout(layout, { format: r.format ?? 'png', background: r.theme.colors.paper }, r.paint),
    warnings: layout.warnings,
  };
}
