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
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity, ne = 0;
  for (const c of contours) {
    const n = c.length - (c.length % 2);
    if (n < 6) continue;
    for (let i = 0; i < n; i += 2) {
      const x = c[i]!, y = c[i + 1]!;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      if (y !== c[i + 2 < n ? i + 3 : 1]) ne++;
    }
  }
  if (!(maxX > minX) || !(maxY > minY)) return null;
  const left = Math.floor(minX), top = Math.floor(minY);
  // one spare column: a span ending on the right border writes one pixel on
  const width = Math.ceil(maxX) - left + 2, height = Math.max(1, Math.ceil(maxY) - top);

  // edges, top to bottom: upper y, lower y, x at the upper y, dx/dy, direction
  const y0 = new Float64Array(ne), y1 = new Float64Array(ne), x0 = new Float64Array(ne), dxdy = new Float64Array(ne);
  const dir = new Int8Array(ne);
  let e = 0;
  for (const c of contours) {
    const n = c.length - (c.length % 2);
    if (n < 6) continue;
    for (let i = 0; i < n; i += 2) {
      const j = i + 2 < n ? i + 2 : 0;
      const ax = c[i]! - left, ay = c[i + 1]! - top, bx = c[j]! - left, by = c[j + 1]! - top;
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
  const order = Array.from({ length: ne }, (_, i) => i).sort((a, b) => y0[a]! - y0[b]!);

  const data = new Uint8Array(width * height);
  const acc = new Float32Array(width + 1);
  const active = new Int32Array(ne);
  const xs = new Float64Array(ne);
  const ws = new Int8Array(ne);
  const w = 1 / sub;
  let nActive = 0, next = 0;
  for (let row = 0; row < height; row++) {
    acc.fill(0);
    for (let k = 0; k < sub; k++) {
      const sy = row + (k + 0.5) * w;
      while (next < ne && y0[order[next]!]! <= sy) active[nActive++] = order[next++]!;
      // crossings of this sub-scanline, sorted by x; finished edges leave the active list
      let n = 0, keep = 0;
      for (let a = 0; a < nActive; a++) {
        const ei = active[a]!;
        if (y1[ei]! <= sy) continue;
        active[keep++] = ei;
        const x = x0[ei]! + (sy - y0[ei]!) * dxdy[ei]!;
        let p = n++;
        while (p > 0 && xs[p - 1]! > x) {
          xs[p] = xs[p - 1]!;
          ws[p] = ws[p - 1]!;
          p--;
        }
        xs[p] = x;
        ws[p] = dir[ei]!;
      }
      nActive = keep;
      // non-zero spans, added as exact horizontal coverage (difference form)
      let wind = 0, start = 0;
      for (let i = 0; i < n; i++) {
        const before = wind;
        wind += ws[i]!;
        if (before === 0 && wind !== 0) start = xs[i]!;
        else if (before !== 0 && wind === 0) {
          const xa = start, xb = xs[i]!;
          if (xb <= xa) continue;
          const ia = Math.floor(xa), fa = xa - ia, ib = Math.floor(xb), fb = xb - ib;
          acc[ia] += w * (1 - fa);
          acc[ia + 1] += w * fa;
          acc[ib] -= w * (1 - fb);
          acc[ib + 1] -= w * fb;
        }
      }
    }
    let sum = 0;
    const o = row * width;
    for (let x = 0; x < width; x++) {
      sum += acc[x]!;
      data[o + x] = sum >= 1 ? 255 : sum <= 0 ? 0 : (sum * 255 + 0.5) | 0;
    }
  }
  return { left, top, width, height, data };
}
