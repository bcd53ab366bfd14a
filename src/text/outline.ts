/**
 * Outlines for raster: text as one SVG <path>, glyph outlines from fontkit placed
 * at the positions `shape`/`justifyLine` compute (the same layout `measure` and
 * the breaker use), so sharp rasterizes it identically everywhere, with no
 * fontconfig and no system fonts.
 */
import type { Line } from './breaker.js';
import type { Face } from './fonts.js';
import { clearOutlineCache, type GlyphOutline, glyphOutline } from './glyph-outline.js';
import { MissingGlyphError, isIgnorable } from './glyphs.js';
import { justifyLine } from './justify.js';
import { shape, type PositionedGlyph } from './shape.js';

export interface OutlineOptions {
  face: Face;
  size: number;
  /** anchor x: left edge for 'start', centre for 'middle', right edge for 'end' */
  x: number;
  /** baseline of the first line */
  y: number;
  align?: 'start' | 'middle' | 'end';
  /** justify soft lines (Line.hard === false) to this width; hard lines stay ragged */
  justifyWidth?: number;
  fill?: string;
  letterSpacing?: number;
  /** distance between baselines as a multiple of size (default 1.3) */
  lineHeight?: number;
  /** named in the error if a glyph is missing */
  field?: string;
  layout?: string;
}

/** One line set at a position: baseline at (x, y), left edge at x. */
export interface PlacedLine {
  text: string;
  face: Face;
  size: number;
  x: number;
  y: number;
}

/** Lines painted in one colour (an SVG `<g fill opacity>`): layout text, or a chart's labels. */
export interface PlacedText {
  fill: string;
  opacity?: string;
  lines: PlacedLine[];
}

const r2 = (v: number) => {
  const r = Math.round(v * 100) / 100;
  return r === 0 ? '0' : String(r);
};

/** Path data for glyphs placed with their left edge at `ox` and baseline `oy`. */
export function glyphsPathData(
  glyphs: PositionedGlyph[],
  face: Face,
  size: number,
  ox: number,
  oy: number,
  where?: { field?: string; layout?: string },
): string {
  const s = size / face.upem;
  const parts: string[] = [];
  checkPlaced(glyphs, face, where);
  for (const g of glyphs) {
    const { ops, coords } = glyphOutline(face, g.glyph);
    if (ops.length === 0) continue;
    const gx = ox + g.x,
      gy = oy - g.y;
    let d = '',
      k = 0;
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i]!;
      d += op;
      const n = op === 'Z' ? 0 : op === 'Q' ? 4 : op === 'C' ? 6 : 2;
      for (let j = 0; j < n; j += 2, k += 2) {
        d += `${j ? ' ' : ''}${r2(gx + coords[k]! * s)} ${r2(gy - coords[k + 1]! * s)}`;
      }
    }
    parts.push(d);
  }
  return parts.join('');
}

/** Tofu guard: a .notdef glyph for a character that needs one is a MissingGlyphError. */
export function checkPlaced(glyphs: PositionedGlyph[], face: Face, where?: { field?: string; layout?: string }): void {
  for (const g of glyphs) {
    if (g.glyph.id === 0 && ![...g.text].every(isIgnorable)) {
      const cp = g.text.codePointAt(0) ?? 0;
      throw new MissingGlyphError(cp, g.text, where?.field ?? 'text', where?.layout, [face]);
    }
  }
}

/** Width a positioned line occupies (right edge of its last glyph). */
export function glyphsWidth(glyphs: PositionedGlyph[]): number {
  const last = glyphs[glyphs.length - 1];
  return last ? last.x + last.advance : 0;
}

/** One SVG `<path d=… fill=…/>` for `text` (lines from breakLines/fitText, or a string split at newlines). */
export function outlineText(text: string | string[] | Line[], o: OutlineOptions): string {
  const d = outlinePathData(text, o);
  if (!d) return '';
  return `<path d="${d}" fill="${escapeAttr(o.fill ?? '#000')}"/>`;
}

export function outlinePathData(text: string | string[] | Line[], o: OutlineOptions): string {
  const list: { text: string; hard: boolean }[] =
    typeof text === 'string'
      ? text.split(/\r\n|\n|\r/).map((t) => ({ text: t, hard: true }))
      : text.map((l) => (typeof l === 'string' ? { text: l, hard: true } : l));
  const ls = o.letterSpacing ?? 0,
    lh = (o.lineHeight ?? 1.3) * o.size;
  const out: string[] = [];
  list.forEach((line, i) => {
    const justify = o.justifyWidth !== undefined && !line.hard;
    const glyphs = justify
      ? justifyLine(line.text, o.face, o.size, o.justifyWidth!, ls)
      : shape(line.text, o.face, o.size, ls);
    if (glyphs.length === 0) return;
    const w = glyphsWidth(glyphs);
    const align = o.align ?? 'start';
    const ox = align === 'middle' ? o.x - w / 2 : align === 'end' ? o.x - w : o.x;
    out.push(glyphsPathData(glyphs, o.face, o.size, ox, o.y + i * lh, o));
  });
  return out.join('');
}

function escapeAttr(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export { clearOutlineCache, type GlyphOutline, glyphOutline };
