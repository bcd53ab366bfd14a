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
  readonly data: Uint8Array;

  constructor(readonly width: number, readonly height: number, bg: Rgb) {
    this.data = solidRun(bg, width * height);
  }

  /** Fill [x0, x1) × [y0, y1) in pixels; fractional edges get their covered fraction. */
  fillRect(x0: number, y0: number, x1: number, y1: number, c: Rgb, alpha = 1): void {
    x0 = Math.max(0, x0);
    y0 = Math.max(0, y0);
    x1 = Math.min(this.width, x1);
    y1 = Math.min(this.height, y1);
    if (!(x1 > x0 && y1 > y0) || alpha <= 0) return;
    const cx0 = Math.floor(x0), cx1 = Math.ceil(x1);
    const cols = new Float32Array(cx1 - cx0);
    for (let x = cx0; x < cx1; x++) cols[x - cx0] = Math.min(x + 1, x1) - Math.max(x, x0);
    // fully covered pixels of an opaque fill: copy a run of the colour
    const ix0 = Math.ceil(x0), ix1 = Math.floor(x1);
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

  /** Paint colour `c` through a coverage mask placed with its top-left at (ox, oy). */
  fillMask(m: Mask, ox: number, oy: number, c: Rgb, alpha = 1): void {
    const x0 = Math.max(0, -ox), x1 = Math.min(m.width, this.width - ox);
    if (x1 <= x0) return;
    const A = Math.round(Math.min(1, Math.max(0, alpha)) * 255);
    if (A === 0) return;
    for (let my = Math.max(0, -oy), yEnd = Math.min(m.height, this.height - oy); my < yEnd; my++) {
      let si = my * m.width + x0, di = ((oy + my) * this.width + ox + x0) * 3;
      for (let mx = x0; mx < x1; mx++, si++, di += 3) {
        const v = m.data[si]!;
        if (v !== 0) this.put(di, c, A === 255 ? v : ((v * A + 127) / 255) | 0);
      }
    }
  }

  /** Straight-alpha RGBA pixels (w × h) over the canvas at (ox, oy). */
  drawRgba(src: Uint8Array, w: number, h: number, ox: number, oy: number): void {
    for (let y = Math.max(0, -oy); y < Math.min(h, this.height - oy); y++) {
      for (let x = Math.max(0, -ox); x < Math.min(w, this.width - ox); x++) {
        const s = (y * w + x) * 4;
        const a = src[s + 3]!;
        if (a === 0) continue;
        const di = ((oy + y) * this.width + ox + x) * 3;
        if (a === 255) {
          this.data[di] = src[s]!;
          this.data[di + 1] = src[s + 1]!;
          this.data[di + 2] = src[s + 2]!;
        } else {
          const ia = 255 - a;
          this.data[di] = ((this.data[di]! * ia + src[s]! * a + 127) / 255) | 0;
          this.data[di + 1] = ((this.data[di + 1]! * ia + src[s + 1]! * a + 127) / 255) | 0;
          this.data[di + 2] = ((this.data[di + 2]! * ia + src[s + 2]! * a + 127) / 255) | 0;
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
      d[di] = ((d[di]! * ia + c.r * a + 127) / 255) | 0;
      d[di + 1] = ((d[di + 1]! * ia + c.g * a + 127) / 255) | 0;
      d[di + 2] = ((d[di + 2]! * ia + c.b * a + 127) / 255) | 0;
    }
  }
}

/** `n` pixels of colour c, as RGB bytes. */
function solidRun(c: Rgb, n: number): Uint8Array {
  const out = new Uint8Array(n * 3);
  out[0] = c.r;
  out[1] = c.g;
  out[2] = c.b;
  // double the filled prefix until the run is full
  for (let len = 3; len < out.length; len *= 2) out.copyWithin(len, 0, Math.min(len, out.length - len));
  return out;
}
