/**
 * The raster fast path: a layout's scene (scene.ts), prepared as plain data (paintjob.ts),
 * painted in JS into an RGB buffer, then encoded by sharp. Embedded charts are painted by
 * svgpaint.ts when they keep to the SVG subset Vega writes, else by librsvg within their box.
 *
 * Why: librsvg filling outlined Chinese text was most of a card's cost (~30 of ~40 ms at
 * 1080×1080; every glyph's curves flattened and filled again on every card), and a full-size
 * SVG → raw round trip costs ~6–8 ms per megapixel even for a blank page. Here a glyph is
 * filled once per size and quarter-pixel offset (glyphmask.ts) and then only blended, and
 * rectangles and rules are filled directly with exact edge coverage.
 *
 * A layout without a scene (template SVG only librsvg knows) takes the SVG path whole.
 */
import { adoptFontFiles, getFace } from '../../text/fonts.js';
import { RgbCanvas, reservePixels, type Rgb } from './canvas.js';
import { coverageMask } from './coverage.js';
import { glyphMask, SUBPIXEL } from './glyphmask.js';
import type { GlyphRun, PaintJob, Painter, PreparedPaint } from './paintjob.js';
import { encode, loadSharp, rasterize, SVG_INPUT, type RasterOptions } from './rasterize.js';
import { colour, parseHex, type LinePaint, type RectPaint, type Scene } from './scene.js';
import { paintShapes, parseChart } from './svgpaint.js';

type SvgJob = Extract<PreparedPaint, { kind: 'svg' }>;

/** What the compositor needs of a layout (LayoutResult satisfies it). */
export interface Layered {
  svg: string;
  width: number;
  height: number;
  scene?: Scene;
}

/**
 * Image bytes of a layout: the scene painted directly when there is one (by `painter`, e.g.
 * a paint worker, else in this thread), else librsvg.
 */
export async function rasterizeLayout(layout: Layered, o: RasterOptions = {}, painter?: Painter): Promise<Buffer> {
  const bg = o.background === undefined ? undefined : parseHex(o.background);
  if (!layout.scene || !bg) return rasterize(layout.svg, o);
  const job = (await prepare()).preparePaint(layout.scene, layout.width, layout.height, bg, o);
  return painter ? painter(job) : runPaint(job);
}

/** Paint a prepared job and encode it: the same bytes in whichever thread runs it. */
export async function runPaint(job: PaintJob): Promise<Buffer> {
  // a worker opens the job's faces from the font files the thread that shaped it read
  adoptFontFiles(job.fonts);
  // a canvas holds its pixels from painting until the encoder is done: a thread with several
  // paints in flight (each waiting on libvips) keeps them to a budget (see reservePixels)
  const unreserve = await reservePixels(job.width * job.height * 3);
  try {
    const canvas = await paintJob(job);
    const sharp = await loadSharp();
    try {
      return await encode(
        sharp(canvas.data, { raw: { width: canvas.width, height: canvas.height, channels: 3 } }),
        job.raster,
      );
    } finally {
      canvas.release();
    }
  } finally {
    unreserve();
  }
}

export async function paintScene(scene: Scene, width: number, height: number, bg: Rgb): Promise<RgbCanvas> {
  return paintJob((await prepare()).preparePaint(scene, width, height, bg, {}));
}

/**
 * Preparing (paintjob.ts) shapes text, so it loads the text engine and its WebAssembly shaper.
 * A paint worker only paints prepared jobs (`runPaint`): it loads this module without them.
 */
const prepare = () => import('./paintjob.js');

async function paintJob(job: PaintJob): Promise<RgbCanvas> {
  const { width, height, scale: k } = job;
  // charts the JS painter takes (svgpaint.ts) are painted in turn; the others rasterize in libvips
  // threads at once, all awaited before the canvas is made (so it is not held while they run;
  // a failing one must not count as unhandled while an earlier one is awaited)
  const svgs = job.paints.filter((p): p is SvgJob => p.kind === 'svg');
  const shapes = new Map(svgs.map((p) => [p, parseChart(p.svg, k)]));
  const pending = new Map(svgs.filter((p) => !shapes.get(p)).map((p) => [p, svgPixels(p, k, width, height)]));
  for (const px of pending.values()) px.catch(() => undefined);
  const charts = new Map<SvgJob, Awaited<ReturnType<typeof svgPixels>>>();
  for (const [p, px] of pending) charts.set(p, await px);
  const canvas = new RgbCanvas(width, height, job.bg);
  for (const p of job.paints) {
    switch (p.kind) {
      case 'rect':
        paintRect(canvas, p, k);
        break;
      case 'line':
        paintLine(canvas, p, k);
        break;
      case 'svg': {
        const drawn = shapes.get(p);
        if (drawn) paintShapes(canvas, drawn);
        else {
          const px = charts.get(p);
          if (px) canvas.drawRgba(px.data, px.width, px.height, px.left, px.top);
        }
        for (const run of p.runs) paintRun(canvas, run);
        break;
      }
      case 'text':
        for (const run of p.runs) paintRun(canvas, run);
        break;
      case 'image':
        canvas.drawRgba(p.rgba, p.width, p.height, p.left, p.top);
        break;
    }
  }
  return canvas;
}

function paintRect(canvas: RgbCanvas, p: RectPaint, k: number): void {
  const fill = colour(p.fill),
    stroke = colour(p.stroke);
  const x = p.x * k,
    y = p.y * k,
    w = p.w * k,
    h = p.h * k,
    sw = p.sw * k;
  const rx = Math.min(p.rx * k, w / 2, h / 2);
  if (fill) {
    if (rx > 0) {
      const m = coverageMask([roundRect(x, y, w, h, rx)]);
      if (m) canvas.fillMask(m, m.left, m.top, fill, p.opacity);
    } else canvas.fillRect(x, y, x + w, y + h, fill, p.opacity);
  }
  if (stroke && sw > 0 && rx <= 0) {
    const h2 = sw / 2;
    canvas.fillFrame(
      [x - h2, y - h2, x + w + h2, y + h + h2],
      [x + h2, y + h2, x + w - h2, y + h - h2],
      stroke,
      p.opacity,
    );
  } else if (stroke && sw > 0) {
    const outer = roundRect(x - sw / 2, y - sw / 2, w + sw, h + sw, rx > 0 ? rx + sw / 2 : 0);
    const inner =
      w > sw && h > sw ? reverse(roundRect(x + sw / 2, y + sw / 2, w - sw, h - sw, Math.max(0, rx - sw / 2))) : [];
    const m = coverageMask(inner.length ? [outer, inner] : [outer]);
    if (m) canvas.fillMask(m, m.left, m.top, stroke, p.opacity);
  }
}

/** A (rounded) rectangle as one clockwise contour; quarter circles flattened to ~0.1 px. */
function roundRect(x: number, y: number, w: number, h: number, r: number): number[] {
  if (r <= 0) return [x, y, x + w, y, x + w, y + h, x, y + h];
  const n = Math.max(2, Math.ceil(Math.sqrt(r) * 2));
  const pts: number[] = [];
  const corner = (cx: number, cy: number, from: number) => {
    for (let i = 0; i <= n; i++) {
      const t = from + (i / n) * (Math.PI / 2);
      pts.push(cx + r * Math.cos(t), cy + r * Math.sin(t));
    }
  };
  corner(x + w - r, y + r, -Math.PI / 2);
  corner(x + w - r, y + h - r, 0);
  corner(x + r, y + h - r, Math.PI / 2);
  corner(x + r, y + r, Math.PI);
  return pts;
}

function reverse(c: number[]): number[] {
  const out: number[] = [];
  for (let i = c.length - 2; i >= 0; i -= 2) out.push(c[i]!, c[i + 1]!);
  return out;
}

/** A stroked segment with butt caps (SVG's default), dashes as separate quads. */
function paintLine(canvas: RgbCanvas, p: LinePaint, k: number): void {
  const c = colour(p.stroke);
  if (!c || p.sw <= 0) return;
  const x1 = p.x1 * k,
    y1 = p.y1 * k,
    x2 = p.x2 * k,
    y2 = p.y2 * k,
    hw = (p.sw * k) / 2;
  const len = Math.hypot(x2 - x1, y2 - y1);
  if (len === 0) return;
  const ux = (x2 - x1) / len,
    uy = (y2 - y1) / len,
    nx = -uy * hw,
    ny = ux * hw;
  const quad = (a: number, b: number) => [
    x1 + ux * a + nx,
    y1 + uy * a + ny,
    x1 + ux * b + nx,
    y1 + uy * b + ny,
    x1 + ux * b - nx,
    y1 + uy * b - ny,
    x1 + ux * a - nx,
    y1 + uy * a - ny,
  ];
  const dash = (p.dash ?? []).map((d) => d * k);
  const contours: number[][] = [];
  if (dash.length === 0 || dash.every((d) => d === 0)) contours.push(quad(0, len));
  else {
    const pattern = dash.length % 2 ? [...dash, ...dash] : dash;
    for (let at = 0, i = 0; at < len; at += pattern[i]!, i = (i + 1) % pattern.length) {
      if (i % 2 === 0 && pattern[i]! > 0) contours.push(quad(at, Math.min(len, at + pattern[i]!)));
    }
  }
  const m = coverageMask(contours);
  if (m) canvas.fillMask(m, m.left, m.top, c);
}

/** A shaped line's glyph masks, each at its quarter-pixel position. */
function paintRun(canvas: RgbCanvas, run: GlyphRun): void {
  const face = getFace(run.family, run.weight);
  if (face.key !== run.face)
    throw new Error(`font ${run.face} is not open in this thread (${run.family} ${run.weight} gives ${face.key})`);
  const g = run.glyphs;
  for (let i = 0; i < g.length; i += 3) {
    const X = g[i + 1]!,
      Y = g[i + 2]!;
    let ix = Math.floor(X),
      qx = Math.round((X - ix) * SUBPIXEL);
    if (qx === SUBPIXEL) {
      ix++;
      qx = 0;
    }
    let iy = Math.floor(Y),
      qy = Math.round((Y - iy) * SUBPIXEL);
    if (qy === SUBPIXEL) {
      iy++;
      qy = 0;
    }
    const m = glyphMask(face, g[i]!, run.px, qx, qy);
    if (m) canvas.fillMask(m, ix + m.left, iy + m.top, run.fill, run.alpha);
  }
}

/** A chart's pixels: its box (plus a margin for overhanging labels) cut out of the page. */
async function svgPixels(
  p: SvgJob,
  k: number,
  W: number,
  H: number,
): Promise<{ data: Uint8Array; width: number; height: number; left: number; top: number } | undefined> {
  const m = 8;
  const left = Math.max(0, Math.floor((p.box.x - m) * k)),
    top = Math.max(0, Math.floor((p.box.y - m) * k));
  const right = Math.min(W, Math.ceil((p.box.x + p.box.w + m) * k)),
    bottom = Math.min(H, Math.ceil((p.box.y + p.box.h + m) * k));
  const width = right - left,
    height = bottom - top;
  if (width <= 0 || height <= 0) return undefined;
  const r = (v: number) => Math.round(v * 1e6) / 1e6;
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" ` +
    `viewBox="${r(left / k)} ${r(top / k)} ${r(width / k)} ${r(height / k)}">${p.svg}</svg>`;
  const sharp = await loadSharp();
  const { data, info } = await sharp(Buffer.from(svg), SVG_INPUT)
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, left, top };
}
