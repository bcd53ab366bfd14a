/**
 * An opaque RGB pixel buffer and the few ways the fast path paints into it: an axis-aligned
 * rectangle (exact edge coverage), a coverage mask in one colour (glyphs, strokes, rounded
 * corners), and a straight-alpha RGBA image (a chart from librsvg). 8-bit sRGB arithmetic,
 * as librsvg/cairo blend.
 */
import type { Mask } from './coverage.js';

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

export class RgbCanvas {
  readonly data: Buffer;

  constructor(
    readonly width: number,
    readonly height: number,
    bg: Rgb,
  ) {
    this.data = fillRgb(acquire(width * height * 3), bg);
  }

  /** Hand the pixel memory back for the next canvas (after the encoder is done with it). */
  release(): void {
    release(this.data);
  }

  /** Fill [x0, x1) × [y0, y1) in pixels; fractional edges get their covered fraction. */
  fillRect(x0: number, y0: number, x1: number, y1: number, c: Rgb, alpha = 1): void {
    x0 = Math.max(0, x0);
    y0 = Math.max(0, y0);
    x1 = Math.min(this.width, x1);
    y1 = Math.min(this.height, y1);
    if (!(x1 > x0 && y1 > y0) || alpha <= 0) return;
    const cx0 = Math.floor(x0),
      cx1 = Math.ceil(x1);
    const cols = new Float32Array(cx1 - cx0);
    for (let x = cx0; x < cx1; x++) cols[x - cx0] = Math.min(x + 1, x1) - Math.max(x, x0);
    // fully covered pixels of an opaque fill: copy a run of the colour
    const ix0 = Math.ceil(x0),
      ix1 = Math.floor(x1);
    const run = alpha >= 1 && ix1 > ix0 ? solidRun(c, ix1 - ix0) : undefined;
    for (let y = Math.floor(y0); y < Math.ceil(y1); y++) {
      const cy = Math.min(y + 1, y1) - Math.max(y, y0);
      const row = y * this.width;
      if (run && cy >= 1) {
        this.data.set(run, (row + ix0) * 3);
        for (let x = cx0; x < ix0; x++) this.put((row + x) * 3, c, Math.round(cols[x - cx0]! * 255));
        for (let x = ix1; x < cx1; x++) this.put((row + x) * 3, c, Math.round(cols[x - cx0]! * 255));
        continue;
      }
      const a = cy * alpha * 255;
      let di = (row + cx0) * 3;
      for (let i = 0; i < cols.length; i++, di += 3) this.put(di, c, Math.round(cols[i]! * a));
    }
  }

  /**
   * Fill the outer rectangle minus the inner one (a stroked rectangle's frame) with exact
   * coverage; only the pixels of the frame are visited.
   */
  fillFrame(o: [number, number, number, number], i: [number, number, number, number], c: Rgb, alpha = 1): void {
    const [ox0, oy0, ox1, oy1] = o;
    const [ix0, iy0, ix1, iy1] = i;
    if (!(ix1 > ix0 && iy1 > iy0)) {
      this.fillRect(ox0, oy0, ox1, oy1, c, alpha);
      return;
    }
    const span = (a0: number, a1: number, p: number) => Math.max(0, Math.min(p + 1, a1) - Math.max(p, a0));
    const xs = Math.max(0, Math.floor(ox0)),
      xe = Math.min(this.width, Math.ceil(ox1));
    const ys = Math.max(0, Math.floor(oy0)),
      ye = Math.min(this.height, Math.ceil(oy1));
    // columns where the inner rectangle covers nothing or only part of the pixel
    const edgeCols: number[] = [];
    for (let x = xs; x < xe; x++) if (span(ix0, ix1, x) < 1) edgeCols.push(x);
    for (let y = ys; y < ye; y++) {
      const cyO = span(oy0, oy1, y),
        cyI = span(iy0, iy1, y);
      const row = y * this.width;
      if (cyI === 0) {
        this.fillRect(ox0, y + Math.max(0, oy0 - y), ox1, y + Math.min(1, oy1 - y), c, alpha);
        continue;
      }
      const cols = cyI < 1 ? undefined : edgeCols;
      const visit = (x: number) => {
        const cov = span(ox0, ox1, x) * cyO - span(ix0, ix1, x) * cyI;
        if (cov > 0) this.put((row + x) * 3, c, Math.round(cov * alpha * 255));
      };
      if (cols) for (const x of cols) visit(x);
      else for (let x = xs; x < xe; x++) visit(x);
    }
  }

  /** Paint colour `c` through a coverage mask placed with its top-left at (ox, oy). */
  fillMask(m: Mask, ox: number, oy: number, c: Rgb, alpha = 1): void {
    const x0 = Math.max(0, -ox),
      x1 = Math.min(m.width, this.width - ox);
    if (x1 <= x0) return;
    const A = Math.round(Math.min(1, Math.max(0, alpha)) * 255);
    if (A === 0) return;
    // put() inlined, the colour in locals: glyph blending is the painter's innermost loop
    const d = this.data,
      md = m.data,
      r = c.r,
      g = c.g,
      b = c.b;
    for (let my = Math.max(0, -oy), yEnd = Math.min(m.height, this.height - oy); my < yEnd; my++) {
      let si = my * m.width + x0,
        di = ((oy + my) * this.width + ox + x0) * 3;
      for (let mx = x0; mx < x1; mx++, si++, di += 3) {
        const v = md[si]!;
        if (v === 0) continue;
        const a = A === 255 ? v : div255(v * A + 127);
        if (a >= 255) {
          d[di] = r;
          d[di + 1] = g;
          d[di + 2] = b;
        } else if (a > 0) {
          const ia = 255 - a;
          d[di] = div255(d[di]! * ia + r * a + 127);
          d[di + 1] = div255(d[di + 1]! * ia + g * a + 127);
          d[di + 2] = div255(d[di + 2]! * ia + b * a + 127);
        }
      }
    }
  }

  /** Straight-alpha RGBA pixels (w × h) over the canvas at (ox, oy). */
  drawRgba(src: Uint8Array, w: number, h: number, ox: number, oy: number): void {
    const d = this.data;
    const xs = Math.max(0, -ox),
      xe = Math.min(w, this.width - ox);
    for (let y = Math.max(0, -oy), ye = Math.min(h, this.height - oy); y < ye; y++) {
      let s = (y * w + xs) * 4,
        di = ((oy + y) * this.width + ox + xs) * 3;
      for (let x = xs; x < xe; x++, s += 4, di += 3) {
        const a = src[s + 3]!;
        if (a === 0) continue;
        if (a === 255) {
          d[di] = src[s]!;
          d[di + 1] = src[s + 1]!;
          d[di + 2] = src[s + 2]!;
        } else {
          const ia = 255 - a;
          d[di] = div255(d[di]! * ia + src[s]! * a + 127);
          d[di + 1] = div255(d[di + 1]! * ia + src[s + 1]! * a + 127);
          d[di + 2] = div255(d[di + 2]! * ia + src[s + 2]! * a + 127);
        }
      }
    }
  }

  /** Blend colour c at byte offset di with coverage a (0–255). */
  private put(di: number, c: Rgb, a: number): void {
    const d = this.data;
    if (a >= 255) {
      d[di] = c.r;
      d[di + 1] = c.g;
      d[di + 2] = c.b;
    } else if (a > 0) {
      const ia = 255 - a;
      d[di] = div255(d[di]! * ia + c.r * a + 127);
      d[di + 1] = div255(d[di + 1]! * ia + c.g * a + 127);
      d[di + 2] = div255(d[di + 2]! * ia + c.b * a + 127);
    }
  }
}

/** ⌊x / 255⌋ in integer steps, exact for 0 ≤ x ≤ 65534 (blends stay under 255 · 255 + 127). */
function div255(x: number): number {
  return (x + 1 + (x >> 8)) >> 8;
}

/** `n` pixels of colour c, as RGB bytes. */
function solidRun(c: Rgb, n: number): Buffer {
  return fillRgb(Buffer.allocUnsafe(n * 3), c);
}

function fillRgb(buf: Buffer, c: Rgb): Buffer {
  return buf.fill(Buffer.from([c.r, c.g, c.b]));
}

/**
 * Pixel memory a thread's paints may hold at once. Each paint waits on libvips (charts, then
 * the encoder) with its canvas alive, so four A3 posters in flight held ~220 MB, and fresh
 * memory costs: on a 2-core VM a new 54 MB canvas took ~150–300 ms of page faults, against
 * ~3 ms to refill one from the pool. A paint over the budget waits for one to finish (one
 * paint always goes ahead, however large). The budget holds one A3 canvas (54 MB) and cards
 * beside it: at 128 MB a second A3 was painted while the first one encoded, into a fresh
 * canvas (the sample's build faulted 120 MB of fresh canvases in, 512 ms; the worker's page
 * faults fell by a sixth at 80 MB). The bytes never depend on it.
 */
const PIXEL_BUDGET = 80 * 2 ** 20;
let reserved = 0;
const waiting: (() => void)[] = [];

/** Wait until `bytes` of pixels fit the thread's budget; the returned function gives them back. */
export async function reservePixels(bytes: number): Promise<() => void> {
  while (reserved > 0 && reserved + bytes > PIXEL_BUDGET) await new Promise<void>((go) => waiting.push(go));
  reserved += bytes;
  let done = false;
  return () => {
    if (done) return;
    done = true;
    reserved -= bytes;
    for (const go of waiting.splice(0)) go();
  };
}

/*
 * Pixel memory is reused between canvases: a fresh 50 MB buffer (an A3 poster) costs ~35 ms
 * of page faults before the first pixel, and as external memory it drives the GC.
 */
const POOL_BYTES = 256 * 2 ** 20;
const pool: Buffer[] = [];

function acquire(bytes: number): Buffer {
  let best = -1;
  for (let i = 0; i < pool.length; i++)
    if (pool[i]!.length >= bytes && (best < 0 || pool[i]!.length < pool[best]!.length)) best = i;
  if (best < 0) return Buffer.allocUnsafeSlow(bytes);
  const buf = pool.splice(best, 1)[0]!;
  return buf.length === bytes ? buf : buf.subarray(0, bytes);
}

function release(buf: Buffer): void {
  if (pool.some((b) => b.buffer === buf.buffer)) return;
  pool.push(Buffer.from(buf.buffer, 0, buf.buffer.byteLength));
  pool.sort((a, b) => b.length - a.length);
  let total = pool.reduce((t, b) => t + b.length, 0);
  while (total > POOL_BYTES && pool.length) total -= pool.shift()!.length; // drop the largest first
}
