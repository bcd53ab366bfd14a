/** Card rendering: layout (boxes, for tests) and bytes. Imported lazily by the planner. */
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import {
  highlightCtx,
  langCtx,
  layoutFile,
  metaCtx,
  rasterizeLayout,
  type ImageFormat,
  type LayoutResult,
} from '../raster/index.js';
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
  /** overflowing text is an error (default) rather than a warning with an ellipsis */
  strict?: boolean;
  /** where the scene is painted (default: this thread) */
  paint?: Painter;
}

export async function layoutCard(r: CardRequest): Promise<LayoutResult> {
  const layout = cardLayout(r.preset);
  const h = r.model.highlights[r.highlight]!;
  return layoutFile({
    model: r.model,
    theme: r.theme,
    root: r.root,
    template: `templates/cards/${layout}.svg.hbs`,
    layout: `cards/${layout}`,
    preset: r.preset.name,
    width: r.preset.width,
    height: r.preset.height,
    safe: r.preset.safe,
    strict: r.strict,
    context: {
      h: highlightCtx(h, r.highlight, r.langs),
      meta: metaCtx(r.model, r.theme, r.langs),
      lang: langCtx(r.langs),
      total: r.model.highlights.length,
      showChart: r.preset.chart,
      preset: r.preset.name,
    },
  });
}

export async function renderCard(r: CardRequest): Promise<Buffer> {
  return (await renderCardWithWarnings(r)).bytes;
}

/** The card's bytes and the texts that had to be cut to fit (non-strict builds). */
export async function renderCardWithWarnings(r: CardRequest): Promise<{ bytes: Buffer; warnings: string[] }> {
  const layout = await layoutCard(r);
  return {
    bytes: await rasterizeLayout(layout, { format: r.format ?? 'png', background: r.theme.colors.paper }, r.paint),
    warnings: layout.warnings,
  };
}
