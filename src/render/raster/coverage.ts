/**
 * Anti-aliased polygon fill with the non-zero rule, as librsvg/cairo fill paths: each pixel
 * row is sampled on SUBSAMPLES sub-scanlines, and on each the spans where the winding number
 * is not zero add their exact horizontal coverage. (Plain signed-area accumulation, as in
 * font-rs, is faster but counts twice where overlapping contours share an edge: the fonts
 * here keep overlaps, e.g. the serifs of Noto Serif Black's M, so it darkened those edges.)
 * Used for glyphs, rounded rectangles, strokes and rules.
 */

export interface Mask {
  /** pixel position of the mask's top-left corner (in the coordinates of the contours) */
  left: number;
  top: number;
  width: number;
  height: number;
  /** coverage 0–255, row-major */
  data: Uint8Array;
}

/** Sub-scanlines per pixel row (horizontal coverage is exact). */
export const SUBSAMPLES = 8;

/**
 * Coverage of closed polygons given as flat [x0, y0, x1, y1, …] lists in pixels, filled
 * with the non-zero rule (overlapping contours of a glyph count once); null when empty.
 */
export function coverageMask(contours: ArrayLike<number>[], sub = SUBSAMPLES): Mask | null {
  let minX = Infinity,
    minY = Infinity,
    maxX = -Infinity,
    maxY = -Infinity,
    ne = 0;
  for (const c of contours) {
    const n = c.length - (c.length % 2);
    if (n < 6) continue;
    for (let i = 0; i < n; i += 2) {
      const x = c[i]!,
        y = c[i + 1]!;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      if (y !== c[i + 2 < n ? i + 3 : 1]) ne++;
    }
  }
  if (!(maxX > minX) || !(maxY > minY)) return null;
  const left = Math.floor(minX),
    top = Math.floor(minY);
  // one spare column: a span ending on the right border writes one pixel on
  const width = Math.ceil(maxX) - left + 2,
    height = Math.max(1, Math.ceil(maxY) - top);

  // edges, top to bottom: upper y, lower y, x at the upper y, dx/dy, direction (scratch arrays, reused)
  const { y0, y1, x0, dxdy, dir, order, spare, active, xs, ws } = scratch(ne);
  let e = 0;
  for (const c of contours) {
    const n = c.length - (c.length % 2);
    if (n < 6) continue;
    for (let i = 0; i < n; i += 2) {
      const j = i + 2 < n ? i + 2 : 0;
      const ax = c[i]! - left,
        ay = c[i + 1]! - top,
        bx = c[j]! - left,
        by = c[j + 1]! - top;
      if (ay === by) continue;
      const down = ay < by;
      y0[e] = down ? ay : by;
      y1[e] = down ? by : ay;
      x0[e] = down ? ax : bx;
      dxdy[e] = (bx - ax) / (by - ay);
      dir[e] = down ? 1 : -1;
      e++;
    }
  }
  // edges that became horizontal in mask coordinates (rounding) were skipped: count what is there
  ne = e;
  const sorted = order.subarray(0, ne);
  for (let i = 0; i < ne; i++) sorted[i] = i;
  sortByKey(sorted, y0, spare.subarray(0, ne));

  // coverage × 255, clamped to 0–255 and rounded by the typed array itself
  const data = new Uint8ClampedArray(width * height);
  const acc = new Float32Array(width + 1);
  const w = 1 / sub;
  let nActive = 0,
    next = 0;
  // the columns a row's spans touched: only those are summed and cleared (the rest stay 0)
  let lo = width,
    hi = -1;
  for (let row = 0; row < height; row++) {
    for (let k = 0; k < sub; k++) {
      const sy = row + (k + 0.5) * w;
      while (next < ne && y0[sorted[next]!]! <= sy) active[nActive++] = sorted[next++]!;
      // crossings of this sub-scanline: finished edges leave, and the active list is kept sorted
      // by x in place (from one sub-scanline to the next it is almost sorted already)
      let n = 0;
      for (let a = 0; a < nActive; a++) {
        const ei = active[a]!;
        if (y1[ei]! <= sy) continue;
        const x = x0[ei]! + (sy - y0[ei]!) * dxdy[ei]!;
        let p = n++;
        while (p > 0 && xs[p - 1]! > x) {
          xs[p] = xs[p - 1]!;
          active[p] = active[p - 1]!;
          p--;
        }
        xs[p] = x;
        active[p] = ei;
      }
      nActive = n;
      for (let i = 0; i < n; i++) ws[i] = dir[active[i]!]!;
      // non-zero spans, added as exact horizontal coverage (difference form)
      let wind = 0,
        start = 0;
      for (let i = 0; i < n; i++) {
        const before = wind;
        wind += ws[i]!;
        if (before === 0 && wind !== 0) start = xs[i]!;
        else if (before !== 0 && wind === 0) {
          const xa = start,
            xb = xs[i]!;
          if (xb <= xa) continue;
          const ia = Math.floor(xa),
            fa = xa - ia,
            ib = Math.floor(xb),
            fb = xb - ib;
          acc[ia] += w * (1 - fa);
          acc[ia + 1] += w * fa;
          acc[ib] -= w * (1 - fb);
          acc[ib + 1] -= w * fb;
          if (ia < lo) lo = ia;
          if (ib + 1 > hi) hi = ib + 1;
        }
      }
    }
    // past the last touched column the running sum is back to 0 (to float noise: 0 once rounded)
    let sum = 0;
    const o = row * width;
    for (let x = lo; x <= hi; x++) {
      sum += acc[x]!;
      acc[x] = 0;
      data[o + x] = sum * 255;
    }
    lo = width;
    hi = -1;
  }
  return { left, top, width, height, data: new Uint8Array(data.buffer) };
}

/**
 * Sort `idx` by `key[idx]`, stably (equal keys keep their order, as the typed array's own sort
 * with a comparator does): insertion sort on runs of 16, then bottom-up merges through `tmp`.
 * The edges come contour by contour, so runs are short and mostly in order already.
 */
export function sortByKey(idx: Uint32Array, key: Float64Array, tmp: Uint32Array): void {
  const n = idx.length;
  const RUN = 16;
  for (let s = 0; s < n; s += RUN) {
    const e = Math.min(s + RUN, n);
    for (let i = s + 1; i < e; i++) {
      const v = idx[i]!,
        k = key[v]!;
      let j = i;
      while (j > s && key[idx[j - 1]!]! > k) {
        idx[j] = idx[j - 1]!;
        j--;
      }
      idx[j] = v;
    }
  }
  let from = idx,
    to = tmp;
  for (let width = RUN; width < n; width *= 2) {
    for (let s = 0; s < n; s += 2 * width) {
      const mid = Math.min(s + width, n),
        end = Math.min(s + 2 * width, n);
      let a = s,
        b = mid,
        o = s;
      while (a < mid && b < end) to[o++] = key[from[b]!]! < key[from[a]!]! ? from[b++]! : from[a++]!;
      while (a < mid) to[o++] = from[a++]!;
      while (b < end) to[o++] = from[b++]!;
    }
    const t = from;
    from = to;
    to = t;
  }
  if (from !== idx) idx.set(from);
}

interface Scratch {
  y0: Float64Array;
  y1: Float64Array;
  x0: Float64Array;
  dxdy: Float64Array;
  dir: Int8Array;
  order: Uint32Array;
  spare: Uint32Array;
  active: Int32Array;
  xs: Float64Array;
  ws: Int8Array;
}
let pad: Scratch | undefined;

/** Edge arrays for at least n edges, reused between masks (masks are filled one at a time). */
function scratch(n: number): Scratch {
  if (!pad || pad.y0.length < n) {
    const m = Math.max(n, 1024);
    pad = {
      y0: new Float64Array(m),
      y1: new Float64Array(m),
      x0: new Float64Array(m),
      dxdy: new Float64Array(m),
      dir: new Int8Array(m),
      order: new Uint32Array(m),
      spare: new Uint32Array(m),
      active: new Int32Array(m),
      xs: new Float64Array(m),
      ws: new Int8Array(m),
    };
  }
  return pad;
}
