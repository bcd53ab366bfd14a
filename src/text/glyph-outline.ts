/**
 * Glyph outlines from fontkit, compiled once per face and glyph: shared by the SVG paths
 * (outline.ts) and the raster painter's masks. A module of its own so that the paint worker,
 * which draws glyphs already shaped, loads neither the shaping nor the line breaking.
 */
import type { Glyph } from 'fontkit';
import type { Face } from './fonts.js';

/** Compiled outline of one glyph: command letters (M L Q C Z) and coordinates in font units (y up). */
export interface GlyphOutline {
  ops: string;
  coords: Float64Array;
}

const outlines = new Map<string, Map<number, GlyphOutline>>();
const OPS: Record<string, [string, number]> = {
  moveTo: ['M', 2],
  lineTo: ['L', 2],
  quadraticCurveTo: ['Q', 4],
  bezierCurveTo: ['C', 6],
  closePath: ['Z', 0],
};

/** The glyph's outline, compiled once per face and glyph. */
export function glyphOutline(face: Face, glyph: Glyph): GlyphOutline {
  let m = outlines.get(face.key);
  if (!m) {
    m = new Map();
    outlines.set(face.key, m);
  }
  let o = m.get(glyph.id);
  if (!o) {
    let ops = '';
    const coords: number[] = [];
    for (const c of glyph.path.commands) {
      const op = OPS[c.command];
      if (!op) continue;
      ops += op[0];
      for (let i = 0; i < op[1]; i++) coords.push(c.args[i]!);
    }
    o = { ops, coords: Float64Array.from(coords) };
    m.set(glyph.id, o);
  }
  return o;
}

export function clearOutlineCache(): void {
  outlines.clear();
}
