/**
 * Glyph coverage masks for the raster fast path (compose.ts).
 *
 * A glyph's outline (the same compiled outline the SVG paths use), flattened to polygons
 * and filled with exact-area anti-aliasing (coverage.ts).
 *
 * Masks are cached per face, glyph, pixel size and quarter-pixel offset, so a character
 * drawn again at the same size (every card's source line, every 万, every digit) is filled
 * once. Curves are flattened to within 0.05 px.
 */
import type { Glyph } from 'fontkit';
import type { Face } from '../../text/fonts.js';
import { glyphOutline } from '../../text/glyph-outline.js';
import { coverageMask, type Mask } from './coverage.js';
import { cubic, quadratic } from './flatten.js';

/** A glyph's coverage; left/top are offsets from the glyph origin's integer pixel. */
export type GlyphMask = Mask;

/**
 * Sub-pixel positions per pixel, in x and in y. (Half pixels for display sizes were tried:
 * no measurable gain, and their quarter-pixel shifts showed against librsvg's rendering.)
 */
export const SUBPIXEL = 4;
const TOLERANCE = 0.05;
const MAX_CACHE_BYTES = 96 * 2 ** 20;

/** Masks per face and pixel size, then by glyph id and quarter-pixel offsets. */
const cache = new Map<string, Map<number, GlyphMask | null>>();
let cacheBytes = 0;
let last: { face: Face; px: number; masks: Map<number, GlyphMask | null> } | undefined;

/**
 * Mask of glyph `glyphId` of `face` at `sizePx` with its origin `qx`, `qy` steps of 1/SUBPIXEL px
 * right of and below an integer pixel; null for a glyph with no outline (a space).
 */
export function glyphMask(face: Face, glyphId: number, sizePx: number, qx: number, qy: number): GlyphMask | null {
  // consecutive calls are mostly one line: one face, one size
  let masks = last && last.face === face && last.px === sizePx ? last.masks : undefined;
  if (!masks) {
    // the exact size: a rounded key would hand one size's mask to a size a hair away, so a
    // picture would depend on which of the two was drawn first (the paint order differs by thread)
    const sizeKey = `${face.key}|${sizePx}`;
    masks = cache.get(sizeKey);
    if (!masks) {
      masks = new Map();
      cache.set(sizeKey, masks);
    }
    last = { face, px: sizePx, masks };
  }
  const key = (glyphId * SUBPIXEL + qx) * SUBPIXEL + qy;
  const hit = masks.get(key);
  if (hit !== undefined) return hit;
  const mask = fill(face, face.font.getGlyph(glyphId), sizePx, qx / SUBPIXEL, qy / SUBPIXEL);
  if (mask) {
    if (cacheBytes > MAX_CACHE_BYTES) {
      // full: start over (this size's map stays, emptied, as the current one)
      clearGlyphMasks();
      masks.clear();
      cache.set(`${face.key}|${sizePx}`, masks);
      last = { face, px: sizePx, masks };
    }
    cacheBytes += mask.data.length + 64;
  }
  masks.set(key, mask);
  return mask;
}

export function clearGlyphMasks(): void {
  cache.clear();
  cacheBytes = 0;
  last = undefined;
}

function fill(face: Face, glyph: Glyph, sizePx: number, fx: number, fy: number): GlyphMask | null {
  const { ops, coords } = glyphOutline(face, glyph);
  if (ops.length === 0 || coords.length === 0) return null;
  const s = sizePx / face.upem;
  // device coordinates (y down) relative to the integer origin
  const pts = new Float64Array(coords.length);
  for (let i = 0; i < coords.length; i += 2) {
    pts[i] = fx + coords[i]! * s;
    pts[i + 1] = fy - coords[i + 1]! * s;
  }
  const contours: number[][] = [];
  let cur: number[] = [],
    k = 0,
    cx = 0,
    cy = 0;
  for (let i = 0; i < ops.length; i++) {
    switch (ops.charCodeAt(i)) {
      case 77: // M
        if (cur.length > 2) contours.push(cur);
        cx = pts[k++]!;
        cy = pts[k++]!;
        cur = [cx, cy];
        break;
      case 76: // L
        cx = pts[k++]!;
        cy = pts[k++]!;
        cur.push(cx, cy);
        break;
      case 81: {
        // Q
        const x1 = pts[k++]!,
          y1 = pts[k++]!,
          x = pts[k++]!,
          y = pts[k++]!;
        quadratic(cur, cx, cy, x1, y1, x, y, TOLERANCE);
        cx = x;
        cy = y;
        break;
      }
      case 67: {
        // C
        const x1 = pts[k++]!,
          y1 = pts[k++]!,
          x2 = pts[k++]!,
          y2 = pts[k++]!,
          x = pts[k++]!,
          y = pts[k++]!;
        cubic(cur, cx, cy, x1, y1, x2, y2, x, y, TOLERANCE);
        cx = x;
        cy = y;
        break;
      }
      case 90: // Z: contours close themselves
        break;
    }
  }
  if (cur.length > 2) contours.push(cur);
  return coverageMask(contours);
}
