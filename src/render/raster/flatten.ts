/**
 * Bézier curves as polylines for the coverage rasterizer: glyph outlines (glyphmask.ts) and
 * chart paths (svgpaint.ts). The number of segments keeps the polyline within `tol` pixels of
 * the curve (from the size of its second differences), at most 64.
 */

/** Append the points of the quadratic from (x0, y0) (excluded) through (x1, y1) to (x, y). */
export function quadratic(
  out: number[],
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  x: number,
  y: number,
  tol: number,
): void {
  const n = Math.min(64, Math.max(1, Math.ceil(Math.sqrt(Math.hypot(x0 - 2 * x1 + x, y0 - 2 * y1 + y) / (4 * tol)))));
  for (let j = 1; j <= n; j++) {
    const t = j / n,
      u = 1 - t;
    out.push(u * u * x0 + 2 * u * t * x1 + t * t * x, u * u * y0 + 2 * u * t * y1 + t * t * y);
  }
}

/** Append the points of the cubic from (x0, y0) (excluded) to (x, y). */
export function cubic(
  out: number[],
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  x2: number,
  y2: number,
  x: number,
  y: number,
  tol: number,
): void {
  const dd = Math.max(Math.hypot(x0 - 2 * x1 + x2, y0 - 2 * y1 + y2), Math.hypot(x1 - 2 * x2 + x, y1 - 2 * y2 + y));
  const n = Math.min(64, Math.max(1, Math.ceil(Math.sqrt((6 * dd) / (8 * tol)))));
  for (let j = 1; j <= n; j++) {
    const t = j / n,
      u = 1 - t;
    const a = u * u * u,
      b = 3 * u * u * t,
      c = 3 * u * t * t,
      d = t * t * t;
    out.push(a * x0 + b * x1 + c * x2 + d * x, a * y0 + b * y1 + c * y2 + d * y);
  }
}
