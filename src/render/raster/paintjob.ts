/**
 * A scene made ready to paint on any thread: text shaped into glyph runs (glyph ids at
 * output-pixel positions), colours parsed, the page colour found. Plain data, so a paint
 * worker can take it (structured clone); compose.ts paints it the same way in either thread,
 * so where a job is painted never changes its bytes.
 *
 *   prepare (the thread that laid it out: shaping, the missing-glyph check) ─► paint + encode (any thread)
 */
import { fontFilesOf, type Face } from '../../text/fonts.js';
import { checkPlaced } from '../../text/outline.js';
import { shape } from '../../text/shape.js';
import type { Rgb } from './canvas.js';
import type { RasterOptions } from './rasterize.js';
import {
  colour,
  type BoxGeom,
  type ImagePaint,
  type LinePaint,
  type RectPaint,
  type Scene,
  type TextGroup,
} from './scene.js';

/** One line of text: a face at a pixel size, in one colour; glyphs as (id, x, y) triples in output px. */
export interface GlyphRun {
  /** the face's key, and how to open it again elsewhere (text/fonts.ts getFace) */
  face: string;
  family: string;
  weight: number;
  px: number;
  fill: Rgb;
  alpha: number;
  glyphs: Float64Array;
}

export type PreparedPaint =
  | RectPaint
  | LinePaint
  | ImagePaint
  | { kind: 'svg'; box: BoxGeom; svg: string; runs: GlyphRun[] }
  | { kind: 'text'; runs: GlyphRun[] };

export interface PaintJob {
  width: number;
  height: number;
  /** output px per design unit (rects, lines and chart boxes are in design units) */
  scale: number;
  /** the canvas colour: a page-sized first rectangle's fill, else the background */
  bg: Rgb;
  paints: PreparedPaint[];
  /** how the pixels are encoded */
  raster: RasterOptions;
  /** the font files of its glyph runs, shared with the thread that paints it (text/fonts.ts) */
  fonts: Record<string, SharedArrayBuffer>;
}

/** Paints and encodes a job (compose.ts `runPaint`, or a paint worker through the render pool). */
export type Painter = (job: PaintJob) => Promise<Buffer>;

export function preparePaint(scene: Scene, width: number, height: number, bg: Rgb, raster: RasterOptions): PaintJob {
  const k = scene.scale;
  // a template's page-sized background rect is the canvas colour (one fill, not two); a hair
  // short of an edge (5030.9999 px of 5031 from the print scale) still covers every pixel whole
  const first = scene.paints[0];
  const EDGE = 1e-3;
  const page =
    first?.kind === 'rect' &&
    first.opacity >= 1 &&
    !first.stroke &&
    first.rx === 0 &&
    first.x * k <= EDGE &&
    first.y * k <= EDGE &&
    (first.x + first.w) * k >= width - EDGE &&
    (first.y + first.h) * k >= height - EDGE
      ? colour(first.fill)
      : undefined;
  const paints: PreparedPaint[] = [];
  const faces = new Set<Face>();
  for (const p of page ? scene.paints.slice(1) : scene.paints) {
    if (p.kind === 'text') paints.push({ kind: 'text', runs: glyphRuns(p.group, k, faces) });
    else if (p.kind === 'svg')
      paints.push({
        kind: 'svg',
        box: p.box,
        svg: p.svg,
        runs: (p.texts ?? []).flatMap((g) => glyphRuns(g, k, faces)),
      });
    else paints.push(p);
  }
  return { width, height, scale: k, bg: page ?? bg, paints, raster, fonts: fontFilesOf(faces) };
}

/** A text group's lines, shaped, at the positions the SVG outline would use. */
function glyphRuns(g: TextGroup, k: number, faces: Set<Face>): GlyphRun[] {
  const fill = colour(g.fill);
  const alpha = g.opacity === undefined ? 1 : Number(g.opacity);
  if (!fill || !(alpha > 0)) return [];
  return g.lines.map((line) => {
    faces.add(line.face);
    const glyphs = shape(line.text, line.face, line.size);
    checkPlaced(glyphs, line.face);
    const xyz = new Float64Array(glyphs.length * 3);
    glyphs.forEach((gl, i) => {
      xyz[i * 3] = gl.glyph.id;
      xyz[i * 3 + 1] = (line.x + gl.x) * k;
      xyz[i * 3 + 2] = (line.y - gl.y) * k;
    });
    return {
      face: line.face.key,
      family: line.face.family,
      weight: line.face.weight,
      px: line.size * k,
      fill,
      alpha,
      glyphs: xyz,
    };
  });
}
