/**
 * Advance widths with the real font (shaped by HarfBuzz, shaper.ts: kerning and other default
 * OpenType features included), cached.
 *
 * The cache stores the advance in font units per face and text, so one entry
 * serves every size: width = units / unitsPerEm × size.
 */
import type { Face } from './fonts.js';
import { type ShapedRun, shapeText } from './shaper.js';

interface Advance {
  /** advance width in font units */
  units: number;
  /** number of glyphs (letter spacing is added between glyphs) */
  glyphs: number;
}

const MAX_ENTRIES = 200_000;
const cache = new Map<string, Map<string, Advance>>();
let entries = 0;

/**
 * The last texts shaped for drawing (shape.ts) or read for their glyph boxes, by face and text.
 * Measuring keeps only the width: most texts measured are a line's segments, never drawn as
 * such, and keeping their glyph runs alive made every scavenge copy them.
 */
const MAX_RUNS = 20_000;
const runs = new Map<string, ShapedRun>();

const runKey = (face: Face, text: string) => `${face.key}\u0000${text}`;

/** `text` shaped in `face` (default features), kept for the next request. */
export function layoutOf(face: Face, text: string): ShapedRun {
  const key = runKey(face, text);
  let run = runs.get(key);
  if (!run) {
    run = shapeText(face, text);
    if (runs.size >= MAX_RUNS) runs.clear();
    runs.set(key, run);
  }
  return run;
}

function advanceOf(face: Face, text: string, draw = false): Advance {
  let perFace = cache.get(face.key);
  if (!perFace) {
    perFace = new Map();
    cache.set(face.key, perFace);
  }
  let a = perFace.get(text);
  if (a === undefined) {
    const run = draw ? layoutOf(face, text) : (runs.get(runKey(face, text)) ?? shapeText(face, text));
    a = { units: run.advanceWidth, glyphs: run.ids.length };
    if (++entries > MAX_ENTRIES) {
      clearMeasureCache();
      perFace = new Map();
      cache.set(face.key, perFace);
      entries = 1;
    }
    perFace.set(text, a);
  }
  return a;
}

/** An advance in ems: every width here is this times the size, so they agree bit for bit. */
const emsOf = (a: Advance, face: Face): number => a.units / face.upem;

/**
 * Advance width of `text` set in `face` at `size`, in the units of `size`.
 * `letterSpacing` is added between glyphs (n − 1 times), as pdfkit's characterSpacing.
 */
export function measure(text: string, face: Face, size: number, letterSpacing = 0): number {
  if (text.length === 0) return 0;
  const a = advanceOf(face, text);
  const w = emsOf(a, face) * size;
  return letterSpacing && a.glyphs > 1 ? w + letterSpacing * (a.glyphs - 1) : w;
}

/**
 * Advance width of `text` in ems: without letter spacing, `measure` at any size is exactly
 * `ems(text, face) * size` (the same division, then the same product).
 */
export function ems(text: string, face: Face): number {
  return text.length === 0 ? 0 : emsOf(advanceOf(face, text), face);
}

/** `measure` for a text about to be drawn (shape.ts): its glyph run is kept for the drawing. */
export function measureDrawn(text: string, face: Face, size: number): number {
  if (text.length === 0) return 0;
  return emsOf(advanceOf(face, text, true), face) * size;
}

/** Number of glyphs `text` is shaped into (after ligatures etc.). */
export function glyphCount(text: string, face: Face): number {
  return text.length === 0 ? 0 : advanceOf(face, text).glyphs;
}

export function clearMeasureCache(): void {
  cache.clear();
  runs.clear();
  entries = 0;
}

export function measureCacheSize(): number {
  return entries;
}
