/**
 * Vega text metrics from fontkit.
 *
 * Without node-canvas, Vega estimates a text width as ~~(0.8 × length × fontSize):
 * Chinese labels come out ~22% too narrow and Latin ones up to 65% too wide, so
 * bounds, axis layout and label overlap are wrong. We replace `vega.textMetrics.width`
 * with the text engine’s cached measure (the real font, shaped).
 *
 * How Vega uses width (vega-scenegraph src/util/text.js):
 *  - mark bounds call `textMetrics.width(item, line)` with the raw line; the built-in
 *    measure truncates first (textValue → truncate when item.limit > 0).
 *  - `truncate()` sees a user-defined width and calls `textMetrics.width(item, s)` for
 *    the whole text and for prefixes; it keeps the text if width(text) < limit, else
 *    binary-searches the longest prefix with width(prefix) < limit − width('…').
 * So our width must NOT truncate by itself (truncate() would then always see a width
 * below the limit and never cut — truncation switched off), and must not ignore the
 * limit either (bounds would use the full width of text that renders truncated: a gap).
 * We return min(width, item.limit) when item.limit > 0: for text that fits this is the
 * exact advance; for text that is truncated the bounds are the limit (the truncated
 * text plus ellipsis is at most that wide); and truncate() still works, because every
 * comparison it makes (≥ limit, < limit − ellipsis) gives the same answer for the
 * clamped value as for the true width.
 */
import { DEFAULT_FAMILY, findFamily, getFace, type Face } from './fonts.js';
import { measure } from './measure.js';

/** The face a text is measured in; gets the text so a caller can fall back per text (a Chinese label in a Latin family). */
export type VegaFaceResolver = (
  fontFamily: string | undefined,
  fontWeight: string | number | undefined,
  text: string,
) => Face;

export interface VegaTextItem {
  text?: unknown;
  font?: string;
  fontSize?: number | string;
  fontWeight?: string | number;
  limit?: number;
}

type WidthFn = (item: VegaTextItem, text: unknown) => number;

export interface VegaLike {
  textMetrics: { width: WidthFn; estimateWidth?: WidthFn };
}

const GENERIC: Record<string, string> = {
  'sans-serif': 'Noto Sans SC',
  'system-ui': 'Noto Sans SC',
  serif: 'Noto Serif SC',
  monospace: 'DejaVu Sans',
};

/** CSS font-family list → first family the registry knows (generic names mapped); default Noto Sans SC. */
export function defaultVegaFaceResolver(fontFamily: string | undefined, fontWeight: string | number | undefined): Face {
  for (const part of (fontFamily ?? '').split(',')) {
    const name = part.trim().replace(/^["']|["']$/g, '');
    const family = findFamily(name) ?? GENERIC[name.toLowerCase()];
    if (family) return getFace(family, fontWeight ?? 400);
  }
  return getFace(DEFAULT_FAMILY, fontWeight ?? 400);
}

/** Vega's font size rule: fontSize if set (non-numbers → 0), else 11. */
function fontSize(item: VegaTextItem): number {
  return item.fontSize != null ? +item.fontSize || 0 : 11;
}

/**
 * Make Vega measure text with the text engine. Returns a function that restores the previous
 * measure. Install once per process before parsing/running views.
 */
export function installVegaTextMetrics(
  vega: VegaLike,
  resolveFace: VegaFaceResolver = defaultVegaFaceResolver,
): () => void {
  const tm = vega.textMetrics;
  const previous = { width: tm.width, estimateWidth: tm.estimateWidth };
  const width: WidthFn = (item, text) => {
    const size = fontSize(item);
    const t = text == null ? '' : String(text).trim();
    if (size <= 0 || t.length === 0) return 0;
    const w = measure(t, resolveFace(item.font, item.fontWeight, t), size);
    const limit = +(item.limit ?? 0);
    return limit > 0 ? Math.min(w, limit) : w;
  };
  tm.width = width;
  // external callers of estimateWidth get real widths too (Vega's internals compare
  // against the original function, so this does not change truncate()).
  if (tm.estimateWidth) tm.estimateWidth = width;
  return () => {
    tm.width = previous.width;
    if (previous.estimateWidth) tm.estimateWidth = previous.estimateWidth;
  };
}
