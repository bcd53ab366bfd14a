/**
 * A layout as a display list (design units, paint order): rectangles, rules, embedded chart
 * SVGs and text lines (each in one face: a line of mixed Latin and Chinese is several). The
 * engine builds it from the laid-out tree; the glyph painter (compose.ts), the SVG writer
 * (engine.ts) and the poster PDF (render/poster/pdf.ts) all draw from it. A paint the fast
 * path cannot draw exactly (a colour that is not hex) sends the layout's SVG to librsvg whole.
 */
import type { PlacedLine, PlacedText } from '../../text/outline.js';

export interface BoxGeom {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A line of text and a group of lines in one colour (the text engine's placed text). */
export type TextLine = PlacedLine;
export type TextGroup = PlacedText;

export interface RectPaint {
  kind: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  rx: number;
  fill?: string;
  stroke?: string;
  sw: number;
  opacity: number;
}

export interface LinePaint {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  stroke: string;
  sw: number;
  dash?: number[];
}

/** An SVG fragment in design units (an embedded chart), rasterized by librsvg within its box; its texts drawn over it. */
export interface SvgPaint {
  kind: 'svg';
  box: BoxGeom;
  svg: string;
  texts?: TextGroup[];
}

export interface TextPaint {
  kind: 'text';
  group: TextGroup;
}

/** A picture (a photo) decoded to RGBA at its box's output size, cropped or fitted already. */
export interface ImagePaint {
  kind: 'image';
  /** design units */
  box: BoxGeom;
  /** output px: where it is drawn and its size */
  left: number;
  top: number;
  width: number;
  height: number;
  rgba: Uint8Array;
  /** the same pixels as PNG, for the SVG writer */
  png: Uint8Array;
}

export type Paint = RectPaint | LinePaint | SvgPaint | TextPaint | ImagePaint;

export interface Scene {
  /** output px per design unit */
  scale: number;
  paints: Paint[];
}

/** A paint's colour for the painter: none for 'none' or no colour. */
export const colour = (c: string | undefined): { r: number; g: number; b: number } | undefined =>
  c === undefined || c === 'none' ? undefined : parseHex(c);

/** #rgb or #rrggbb; anything else (named colours, url(#…)) is not for the fast path. */
export function parseHex(s: string): { r: number; g: number; b: number } | undefined {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(s.trim());
  if (!m) return undefined;
  const h = m[1]!.length === 3 ? [...m[1]!].map((c) => c + c).join('') : m[1]!;
  return { r: parseInt(h.slice(0, 2), 16), g: parseInt(h.slice(2, 4), 16), b: parseInt(h.slice(4, 6), 16) };
}

const paintable = (c: string | undefined) => c === undefined || c === 'none' || parseHex(c) !== undefined;

/** Whether the fast path draws this paint exactly as librsvg would. */
export function fastPaint(p: Paint): boolean {
  switch (p.kind) {
    case 'rect':
      // group opacity over a fill and a stroke that overlap is not per-shape alpha
      return (
        paintable(p.fill) &&
        paintable(p.stroke) &&
        Number.isFinite(p.opacity) &&
        !(p.opacity < 1 && p.fill && p.fill !== 'none' && p.stroke)
      );
    case 'line':
      return paintable(p.stroke) && (p.dash ?? []).every((d) => Number.isFinite(d) && d >= 0);
    case 'text':
      return paintable(p.group.fill) && (p.group.opacity === undefined || Number.isFinite(Number(p.group.opacity)));
    case 'svg':
      return (p.texts ?? []).every((g) => fastPaint({ kind: 'text', group: g }));
    case 'image':
      return true;
  }
}
