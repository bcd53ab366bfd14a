/**
 * Glyph runs: glyphs with x positions (in units of `size`) for one line, from the
 * same shaping that `measure` uses, so outlines and justified positions
 * agree with the widths the breaker used.
 */
import type { Glyph } from 'fontkit';
import type { Face } from './fonts.js';
import { layoutOf } from './measure.js';
import { fontkitGlyphs } from './shaper.js';

export interface PositionedGlyph {
  glyph: Glyph;
  /** the characters this glyph stands for */
  text: string;
  /** left edge of the glyph's advance box, from the start of the line */
  x: number;
  /** vertical offset (font y-up, in size units; 0 for almost everything) */
  y: number;
  /** advance width at this size (without letter spacing) */
  advance: number;
}

interface RawRun {
  glyphs: Glyph[];
  text: string[];
  /** pen x before each glyph plus xOffset, font units */
  x: number[];
  y: number[];
  advance: number[];
}

const MAX_RUNS = 5_000;
const runs = new Map<string, RawRun>();

function rawRun(face: Face, text: string): RawRun {
  const key = `${face.key}\u0000${text}`;
  let r = runs.get(key);
  if (r) return r;
  const run = layoutOf(face, text);
  r = { glyphs: fontkitGlyphs(face, run), text: run.text, x: [], y: [], advance: run.advances };
  let pen = 0;
  for (let i = 0; i < run.ids.length; i++) {
    r.x.push(pen + run.dx[i]!);
    r.y.push(run.dy[i]!);
    pen += run.advances[i]!;
  }
  if (runs.size >= MAX_RUNS) runs.clear();
  runs.set(key, r);
  return r;
}

/** Glyphs of `text` positioned from x = 0; letterSpacing is added between glyphs. */
export function shape(text: string, face: Face, size: number, letterSpacing = 0): PositionedGlyph[] {
  if (text.length === 0) return [];
  const r = rawRun(face, text);
  const s = size / face.upem;
  const out: PositionedGlyph[] = new Array(r.glyphs.length);
  for (let i = 0; i < r.glyphs.length; i++) {
    out[i] = {
      glyph: r.glyphs[i]!,
      text: r.text[i]!,
      x: r.x[i]! * s + letterSpacing * i,
      y: r.y[i]! * s,
      advance: r.advance[i]! * s,
    };
  }
  return out;
}

export function clearShapeCache(): void {
  runs.clear();
}
