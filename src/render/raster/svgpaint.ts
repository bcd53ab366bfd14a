/**
 * A chart's SVG painted in JS, as the rest of a raster scene, instead of through librsvg.
 *
 * The SVG is read by the XML parser of src/charts/svgdom.ts (no patterns over markup). Only the
 * subset Vega writes for the article charts' marks is painted here: groups moved by
 * translate/scale, `<rect>`, `<path>` (M L H V C Q A Z, absolute and relative), `<line>`; fill
 * on shapes, stroke on lines (butt, square or round caps), opacity on shapes, clip paths made
 * of paths and rects, `display="none"`. Anything else, or any presentation attribute not
 * listed here, and the chart is handed whole to resvg (`@resvg/resvg-js`, 2.4–3.6× faster here
 * than librsvg), which returns its pixels: a chart is painted wholly one way or the other, never
 * half.
 *
 *   parse (elements → shapes in canvas pixels, clip masks) ─► paint (coverage masks, exact rects)
 *                        └─ anything else: resvg ─► one block of pixels
 *
 * Shapes are filled with the same non-zero coverage rasterizer as glyphs (coverage.ts);
 * `test/render/raster/compose.test.ts` holds them to librsvg's pixels.
 */
import { createRequire } from 'node:module';
import type { Resvg as ResvgClass } from '@resvg/resvg-js';
import { isElement, parseSvg, walk, type SvgEl } from '../../charts/svgdom.js';
import type { RgbCanvas, Rgb } from './canvas.js';
import { coverageMask, type Mask } from './coverage.js';
import { cubic, quadratic } from './flatten.js';
import { parseHex } from './scene.js';

/** One filled shape: contours in canvas pixels, a colour, and the clips it is drawn through. */
interface FilledShape {
  contours: number[][];
  fill: Rgb;
  alpha: number;
  clips: Mask[];
}

/** A block of straight-alpha RGBA pixels at a place on the canvas (a fragment resvg drew). */
interface PixelShape {
  pixels: { data: Uint8Array; width: number; height: number; left: number; top: number };
}

type Shape = FilledShape | PixelShape;

const require = createRequire(import.meta.url);
let Resvg: typeof ResvgClass | undefined;

/** Curves and arcs are flattened to within this many pixels. */
const TOLERANCE = 0.05;

/** Attributes that do not change what is painted, and those the parser reads; any other sends the chart to librsvg. */
const KNOWN = new Set([
  'class',
  'role',
  'aria-label',
  'aria-hidden',
  'aria-roledescription',
  'aria-description',
  'pointer-events',
  'id',
  'xmlns',
  'xmlns:xlink',
  'version',
  'width',
  'height',
  'viewBox',
  'stroke-miterlimit',
  'transform',
  'clip-path',
  'display',
  'fill',
  'opacity',
  'd',
  'x',
  'y',
  'x1',
  'y1',
  'x2',
  'y2',
  'stroke',
  'stroke-width',
  'stroke-linecap',
]);

interface Frame {
  /** user → canvas pixels: x' = sx·x + tx, y' = sy·y + ty */
  m: [number, number, number, number];
  fill: string;
  stroke: string;
  strokeWidth: number;
  cap: string;
  clips: Mask[];
  hidden: boolean;
}

/**
 * A chart fragment ready to paint: its shapes in paint order when it keeps to the subset above,
 * else the whole fragment rasterized by resvg (`pixels`). Never half one way and half the other.
 */
export type ChartPaint = Shape[];

/**
 * The shapes of `svg` (a fragment in design units) at `k` canvas pixels per unit, in paint
 * order. A fragment with anything this painter does not do exactly is handed whole to resvg
 * (`@resvg/resvg-js`) and comes back as one block of pixels.
 */
export function parseChart(svg: string, k: number): ChartPaint | undefined {
  const root = parseSvg(svg, { fragment: true });
  return shapesOf(root, k) ?? resvgPixels(root, svg, k);
}

/** The shapes of a fragment painted in JS, or undefined when it uses anything this painter does not do exactly. */
export function parseShapes(svg: string, k: number): ChartPaint | undefined {
  return shapesOf(parseSvg(svg, { fragment: true }), k);
}

function shapesOf(root: SvgEl, k: number): Shape[] | undefined {
  const clipDefs = new Map<string, SvgEl[]>();
  let bad = false;
  walk(root, (el) => {
    if (el.name !== 'clipPath') return;
    const parts: SvgEl[] = [];
    for (const c of el.children) {
      if (!isElement(c)) {
        if (c.trim()) bad = true;
        continue;
      }
      if ((c.name !== 'path' && c.name !== 'rect') || c.children.length) bad = true;
      else parts.push(c);
    }
    if (el.attrs.id !== undefined) clipDefs.set(el.attrs.id, parts);
    return false;
  });
  if (bad) return undefined;
  const shapes: Shape[] = [];
  const top: Frame = {
    m: [k, k, 0, 0],
    fill: '#000',
    stroke: 'none',
    strokeWidth: 1,
    cap: 'butt',
    clips: [],
    hidden: false,
  };
  const visit = (parent: Frame, el: SvgEl): boolean => {
    for (const c of el.children) {
      if (!isElement(c)) {
        if (c.trim()) return false; // character data: text the lifter left behind
        continue;
      }
      const name = c.name;
      if (name === 'defs' || name === 'title' || name === 'desc' || name === 'clipPath') continue;
      const a = c.attrs;
      if (Object.keys(a).some((key) => !KNOWN.has(key) && !key.startsWith('aria-'))) return false;
      const frame = child(parent, a, clipDefs);
      if (!frame) return false;
      if (name === 'g' || name === 'svg') {
        if (a.opacity !== undefined && Number(a.opacity) !== 1) return false; // group opacity: not per shape
        if (!visit(frame, c)) return false;
        continue;
      }
      if (c.children.some((x) => isElement(x) || x.trim())) return false;
      const alpha = a.opacity === undefined ? 1 : Number(a.opacity);
      if (!(alpha >= 0 && alpha <= 1)) return false;
      let contours: number[][] | undefined, paint: string;
      if (name === 'rect' || name === 'path') {
        if (frame.stroke !== 'none' && frame.strokeWidth > 0) return false; // stroked shapes: not here
        paint = frame.fill;
        if (name === 'rect') {
          const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((f) => Number(a[f] ?? 0));
          if (![x, y, w, h].every(Number.isFinite)) return false;
          contours = w! > 0 && h! > 0 ? [map(frame.m, [x!, y!, x! + w!, y!, x! + w!, y! + h!, x!, y! + h!])] : [];
        } else contours = pathContours(a.d ?? '', frame.m);
      } else if (name === 'line') {
        paint = frame.stroke;
        const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((f) => Number(a[f] ?? 0));
        if (![x1, y1, x2, y2].every(Number.isFinite)) return false;
        contours = lineContours(frame, x1!, y1!, x2!, y2!);
      } else return false;
      if (!contours) return false;
      if (frame.hidden || paint === 'none' || alpha === 0 || contours.length === 0) continue;
      const fill = parseHex(paint);
      if (!fill) return false;
      shapes.push({ contours, fill, alpha, clips: frame.clips });
    }
    return true;
  };
  return visit(top, root) ? shapes : undefined;
}

/**
 * The fragment rasterized by resvg at `k` px per unit: its painted area, widened to whole pixels,
 * as one premultiplied-free RGBA block placed on the canvas grid.
 */
function resvgPixels(root: SvgEl, svg: string, k: number): ChartPaint | undefined {
  const doc = (viewBox: string, w: number, h: number) =>
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${w}" height="${h}" viewBox="${viewBox}">${svg}</svg>`;
  Resvg ??= (require('@resvg/resvg-js') as { Resvg: typeof ResvgClass }).Resvg;
  const bbox = new Resvg(doc('0 0 1 1', 1, 1), RESVG).getBBox();
  if (!bbox || !(bbox.width > 0) || !(bbox.height > 0) || !root.children.length) return [];
  // a margin for antialiased edges and strokes the bbox leaves out
  const left = Math.floor(bbox.x * k) - 2,
    top = Math.floor(bbox.y * k) - 2;
  const width = Math.ceil((bbox.x + bbox.width) * k) + 2 - left,
    height = Math.ceil((bbox.y + bbox.height) * k) + 2 - top;
  const r = (v: number) => Math.round(v * 1e6) / 1e6;
  const image = new Resvg(doc(`${r(left / k)} ${r(top / k)} ${r(width / k)} ${r(height / k)}`, width, height), {
    ...RESVG,
    fitTo: { mode: 'original' },
  }).render();
  // resvg's pixels are premultiplied; the canvas blends straight alpha
  const data = image.pixels;
  for (let i = 0; i < data.length; i += 4) {
    const a = data[i + 3]!;
    if (a === 0 || a === 255) continue;
    data[i] = Math.min(255, Math.round((data[i]! * 255) / a));
    data[i + 1] = Math.min(255, Math.round((data[i + 1]! * 255) / a));
    data[i + 2] = Math.min(255, Math.round((data[i + 2]! * 255) / a));
  }
  return [{ pixels: { data, width: image.width, height: image.height, left, top } }];
}

/** resvg reads no system fonts (chart text reaches it outlined) and keeps to the given size. */
const RESVG = { font: { loadSystemFonts: false }, shapeRendering: 2, imageRendering: 0 } as const;

/** Paint parsed shapes in order. */
export function paintShapes(canvas: RgbCanvas, shapes: Shape[]): void {
  for (const s of shapes) {
    if ('pixels' in s) {
      const p = s.pixels;
      canvas.drawRgba(p.data, p.width, p.height, p.left, p.top);
      continue;
    }
    const rect = s.clips.length === 0 ? axisRect(s.contours) : undefined;
    if (rect) {
      canvas.fillRect(rect[0], rect[1], rect[2], rect[3], s.fill, s.alpha);
      continue;
    }
    let m = coverageMask(s.contours);
    for (const c of s.clips) if (m) m = intersect(m, c);
    if (m) canvas.fillMask(m, m.left, m.top, s.fill, s.alpha);
  }
}

/** A child element's state: its transform, inherited paint, clip and visibility. */
function child(p: Frame, a: Record<string, string>, clipDefs: Map<string, SvgEl[]>): Frame | undefined {
  let m = p.m;
  if (a.transform !== undefined) {
    const t = transform(a.transform);
    if (!t) return undefined;
    m = [m[0] * t[0], m[1] * t[1], m[0] * t[2] + m[2], m[1] * t[3] + m[3]];
  }
  const f: Frame = {
    m,
    fill: a.fill ?? p.fill,
    stroke: a.stroke ?? p.stroke,
    strokeWidth: a['stroke-width'] !== undefined ? Number(a['stroke-width']) : p.strokeWidth,
    cap: a['stroke-linecap'] ?? p.cap,
    clips: p.clips,
    hidden: p.hidden || a.display === 'none',
  };
  if (!(f.strokeWidth >= 0) || !['butt', 'round', 'square'].includes(f.cap)) return undefined;
  if (a['clip-path'] !== undefined) {
    const ref = a['clip-path'].trim();
    const id = ref.startsWith('url(#') && ref.endsWith(')') ? ref.slice(5, -1) : undefined;
    const parts = id === undefined ? undefined : clipDefs.get(id);
    if (!parts) return undefined;
    const contours: number[][] = [];
    for (const part of parts) {
      const pa = part.attrs;
      if (Object.keys(pa).some((key) => !['d', 'x', 'y', 'width', 'height'].includes(key))) return undefined;
      if (part.name === 'rect') {
        const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((k) => Number(pa[k] ?? 0));
        contours.push(map(m, [x!, y!, x! + w!, y!, x! + w!, y! + h!, x!, y! + h!]));
      } else {
        const c = pathContours(pa.d ?? '', m);
        if (!c) return undefined;
        contours.push(...c);
      }
    }
    const mask = coverageMask(contours);
    // an empty clip hides everything under it
    f.clips = [...p.clips, mask ?? { left: 0, top: 0, width: 0, height: 0, data: new Uint8Array(0) }];
  }
  return f;
}

/** translate/scale lists only, as [sx, sy, tx, ty]; undefined for anything else. */
function transform(src: string): [number, number, number, number] | undefined {
  let m: [number, number, number, number] = [1, 1, 0, 0];
  const rest = src.replace(/(translate|scale)\s*\(([^)]*)\)/g, (_all, op: string, args: string) => {
    const n = args
      .split(/[\s,]+/)
      .filter(Boolean)
      .map(Number);
    if (n.length < 1 || n.length > 2 || !n.every(Number.isFinite)) return '\u0000';
    const t: [number, number, number, number] =
      op === 'translate' ? [1, 1, n[0]!, n[1] ?? 0] : [n[0]!, n[1] ?? n[0]!, 0, 0];
    m = [m[0] * t[0], m[1] * t[1], m[0] * t[2] + m[2], m[1] * t[3] + m[3]];
    return '';
  });
  return rest.trim() === '' ? m : undefined;
}

function map(m: Frame['m'], pts: number[]): number[] {
  const out = new Array<number>(pts.length);
  for (let i = 0; i < pts.length; i += 2) {
    out[i] = m[0] * pts[i]! + m[2];
    out[i + 1] = m[1] * pts[i + 1]! + m[3];
  }
  return out;
}

/** A path's subpaths as flattened contours in canvas pixels; undefined for commands not handled. */
function pathContours(d: string, m: Frame['m']): number[][] | undefined {
  const tokens = d.match(/[MmLlHhVvCcQqAaZz]|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/g) ?? [];
  if (tokens.join('').length !== d.replace(/[\s,]/g, '').length) return undefined; // a command we do not know
  const out: number[][] = [];
  let cur: number[] = [];
  let x = 0,
    y = 0,
    sx = 0,
    sy = 0,
    i = 0,
    cmd = '';
  const X = (v: number) => m[0] * v + m[2],
    Y = (v: number) => m[1] * v + m[3];
  const num = () => {
    const v = Number(tokens[i++]);
    if (!Number.isFinite(v)) throw new Error('path');
    return v;
  };
  const start = () => {
    if (cur.length > 4) out.push(cur);
    cur = [X(x), Y(y)];
  };
  try {
    while (i < tokens.length) {
      const tk = tokens[i]!;
      if (/[A-Za-z]/.test(tk)) {
        cmd = tk;
        i++;
      } else if (cmd === '' || cmd === 'Z' || cmd === 'z') return undefined;
      const rel = cmd === cmd.toLowerCase();
      const ox = rel ? x : 0,
        oy = rel ? y : 0;
      switch (cmd.toUpperCase()) {
        case 'M':
          x = ox + num();
          y = oy + num();
          sx = x;
          sy = y;
          start();
          cmd = rel ? 'l' : 'L'; // further pairs are lines
          break;
        case 'L':
          x = ox + num();
          y = oy + num();
          cur.push(X(x), Y(y));
          break;
        case 'H':
          x = ox + num();
          cur.push(X(x), Y(y));
          break;
        case 'V':
          y = oy + num();
          cur.push(X(x), Y(y));
          break;
        case 'C': {
          const x1 = ox + num(),
            y1 = oy + num(),
            x2 = ox + num(),
            y2 = oy + num(),
            ex = ox + num(),
            ey = oy + num();
          cubic(cur, X(x), Y(y), X(x1), Y(y1), X(x2), Y(y2), X(ex), Y(ey), TOLERANCE);
          x = ex;
          y = ey;
          break;
        }
        case 'Q': {
          const x1 = ox + num(),
            y1 = oy + num(),
            ex = ox + num(),
            ey = oy + num();
          quadratic(cur, X(x), Y(y), X(x1), Y(y1), X(ex), Y(ey), TOLERANCE);
          x = ex;
          y = ey;
          break;
        }
        case 'A': {
          const rx = num(),
            ry = num(),
            rot = num(),
            large = num(),
            sweep = num(),
            ex = ox + num(),
            ey = oy + num();
          if (!arc(cur, m, x, y, rx, ry, rot, large !== 0, sweep !== 0, ex, ey)) return undefined;
          x = ex;
          y = ey;
          break;
        }
        case 'Z':
          x = sx;
          y = sy;
          start(); // the contour closes itself; drawing goes on from the subpath's start
          break;
        default:
          return undefined;
      }
    }
  } catch {
    return undefined;
  }
  if (cur.length > 4) out.push(cur);
  return out;
}

/** An SVG arc (user units) appended as points in canvas pixels; false where the scale is not uniform under a rotated ellipse. */
function arc(
  out: number[],
  m: Frame['m'],
  x0: number,
  y0: number,
  rx: number,
  ry: number,
  rotDeg: number,
  large: boolean,
  sweep: boolean,
  x: number,
  y: number,
): boolean {
  if (x0 === x && y0 === y) return true;
  rx = Math.abs(rx);
  ry = Math.abs(ry);
  if (rx === 0 || ry === 0) {
    out.push(m[0] * x + m[2], m[1] * y + m[3]);
    return true;
  }
  if (rotDeg % 360 !== 0 && m[0] !== m[1]) return false;
  // endpoint → centre parameterization (SVG 1.1 F.6.5), in user units
  const phi = (rotDeg * Math.PI) / 180,
    cos = Math.cos(phi),
    sin = Math.sin(phi);
  const dx = (x0 - x) / 2,
    dy = (y0 - y) / 2;
  const x1p = cos * dx + sin * dy,
    y1p = -sin * dx + cos * dy;
  const lambda = (x1p * x1p) / (rx * rx) + (y1p * y1p) / (ry * ry);
  if (lambda > 1) {
    rx *= Math.sqrt(lambda);
    ry *= Math.sqrt(lambda);
  }
  const num = rx * rx * ry * ry - rx * rx * y1p * y1p - ry * ry * x1p * x1p;
  const den = rx * rx * y1p * y1p + ry * ry * x1p * x1p;
  const coef = (large !== sweep ? 1 : -1) * Math.sqrt(Math.max(0, num / den));
  const cxp = (coef * rx * y1p) / ry,
    cyp = (-coef * ry * x1p) / rx;
  const cx = cos * cxp - sin * cyp + (x0 + x) / 2,
    cy = sin * cxp + cos * cyp + (y0 + y) / 2;
  const angle = (ux: number, uy: number, vx: number, vy: number) => Math.atan2(ux * vy - uy * vx, ux * vx + uy * vy);
  const t1 = angle(1, 0, (x1p - cxp) / rx, (y1p - cyp) / ry);
  let dt = angle((x1p - cxp) / rx, (y1p - cyp) / ry, (-x1p - cxp) / rx, (-y1p - cyp) / ry);
  if (!sweep && dt > 0) dt -= 2 * Math.PI;
  if (sweep && dt < 0) dt += 2 * Math.PI;
  const r = Math.max(rx * Math.abs(m[0]), ry * Math.abs(m[1]));
  const step = 2 * Math.acos(Math.max(-1, Math.min(1, 1 - TOLERANCE / Math.max(r, TOLERANCE))));
  const n = Math.min(256, Math.max(2, Math.ceil(Math.abs(dt) / step)));
  for (let j = 1; j <= n; j++) {
    const t = t1 + (dt * j) / n;
    const ex = rx * Math.cos(t),
      ey = ry * Math.sin(t);
    const ux = j === n ? x : cos * ex - sin * ey + cx,
      uy = j === n ? y : sin * ex + cos * ey + cy;
    out.push(m[0] * ux + m[2], m[1] * uy + m[3]);
  }
  return true;
}

/** A stroked line segment with its caps, as contours of one orientation (non-zero fills their union). */
function lineContours(f: Frame, x1: number, y1: number, x2: number, y2: number): number[][] | undefined {
  if (f.stroke === 'none' || f.strokeWidth === 0) return [];
  if (Math.abs(f.m[0]) !== Math.abs(f.m[1])) return undefined; // a stroke under a non-uniform scale is not a rectangle
  const [ax, ay, bx, by] = map(f.m, [x1, y1, x2, y2]) as [number, number, number, number];
  const hw = (f.strokeWidth * Math.abs(f.m[0])) / 2;
  const len = Math.hypot(bx - ax, by - ay);
  const out: number[][] = [];
  if (len > 0) {
    const ux = (bx - ax) / len,
      uy = (by - ay) / len,
      nx = -uy * hw,
      ny = ux * hw;
    const ext = f.cap === 'square' ? hw : 0;
    const sx = ax - ux * ext,
      sy = ay - uy * ext,
      ex = bx + ux * ext,
      ey = by + uy * ext;
    out.push([sx + nx, sy + ny, ex + nx, ey + ny, ex - nx, ey - ny, sx - nx, sy - ny]);
  }
  if (f.cap === 'round')
    for (const [cx, cy] of [
      [ax, ay],
      [bx, by],
    ] as const)
      out.push(circle(cx, cy, hw));
  return out.map(positive);
}

function circle(cx: number, cy: number, r: number): number[] {
  const step = 2 * Math.acos(Math.max(-1, 1 - TOLERANCE / Math.max(r, TOLERANCE)));
  const n = Math.min(256, Math.max(8, Math.ceil((2 * Math.PI) / step)));
  const pts: number[] = [];
  for (let j = 0; j < n; j++)
    pts.push(cx + r * Math.cos((2 * Math.PI * j) / n), cy + r * Math.sin((2 * Math.PI * j) / n));
  return pts;
}

/** The contour with a positive signed area (reversed if need be). */
function positive(c: number[]): number[] {
  let area = 0;
  for (let i = 0; i < c.length; i += 2) {
    const j = (i + 2) % c.length;
    area += c[i]! * c[j + 1]! - c[j]! * c[i + 1]!;
  }
  if (area >= 0) return c;
  const r: number[] = [];
  for (let i = c.length - 2; i >= 0; i -= 2) r.push(c[i]!, c[i + 1]!);
  return r;
}

/** [x0, y0, x1, y1] when the contours are one axis-aligned rectangle. */
function axisRect(contours: number[][]): [number, number, number, number] | undefined {
  if (contours.length !== 1) return undefined;
  let c = contours[0]!;
  if (c.length === 10 && c[8] === c[0] && c[9] === c[1]) c = c.slice(0, 8);
  if (c.length !== 8) return undefined;
  const xs = [c[0]!, c[2]!, c[4]!, c[6]!],
    ys = [c[1]!, c[3]!, c[5]!, c[7]!];
  for (let i = 0; i < 4; i++) {
    const j = (i + 1) % 4;
    if (xs[i] !== xs[j] && ys[i] !== ys[j]) return undefined;
  }
  const x0 = Math.min(...xs),
    x1 = Math.max(...xs),
    y0 = Math.min(...ys),
    y1 = Math.max(...ys);
  // exactly two distinct x and two distinct y: a rectangle, not a degenerate quad
  if (new Set(xs).size !== 2 || new Set(ys).size !== 2) return undefined;
  return [x0, y0, x1, y1];
}

/** The coverage of `m` inside clip `c` (their product, on m's grid). */
function intersect(m: Mask, c: Mask): Mask | null {
  const data = new Uint8Array(m.width * m.height);
  let any = false;
  for (let y = 0; y < m.height; y++) {
    const cy = m.top + y - c.top;
    if (cy < 0 || cy >= c.height) continue;
    for (let x = 0; x < m.width; x++) {
      const cx = m.left + x - c.left;
      if (cx < 0 || cx >= c.width) continue;
      const v = m.data[y * m.width + x]!;
      if (v === 0) continue;
      const w = c.data[cy * c.width + cx]!;
      const p = w === 255 ? v : ((v * w + 127) / 255) | 0;
      data[y * m.width + x] = p;
      if (p) any = true;
    }
  }
  return any ? { left: m.left, top: m.top, width: m.width, height: m.height, data } : null;
}
