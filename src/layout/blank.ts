/**
 * Blank space on a canvas, from the rectangles its content covers: the tallest band across the
 * canvas with nothing in it, and the largest empty rectangle, as shares of the canvas. The layout
 * check (check.ts) measures it from a layout's boxes; the fitting (flex.ts) from a laid-out tree,
 * to choose between arrangements.
 */

export interface Blank {
  band: number;
  hole: number;
}

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * The blank share of a `width` × `height` canvas with `content` on it, measured on a grid 200
 * cells wide between `safeTop` and `height − safeBottom`.
 */
export function blankOf(content: Rect[], width: number, height: number, safeTop = 0, safeBottom = 0): Blank {
  const top = safeTop,
    bottom = height - safeBottom;
  const W = 200;
  const k = W / width;
  const H = Math.max(1, Math.round((bottom - top) * k));
  const full = new Uint8Array(W * H);
  for (const b of content) {
    const x0 = Math.max(0, Math.floor(b.x * k)),
      x1 = Math.min(W, Math.ceil((b.x + b.w) * k));
    const y0 = Math.max(0, Math.floor((b.y - top) * k)),
      y1 = Math.min(H, Math.ceil((b.y + b.h - top) * k));
    for (let y = y0; y < y1; y++) full.fill(1, y * W + x0, y * W + x1);
  }
  let band = 0,
    run = 0;
  for (let y = 0; y < H; y++) {
    let empty = true;
    for (let x = y * W, e = x + W; x < e && empty; x++) if (full[x]) empty = false;
    run = empty ? run + 1 : 0;
    if (run > band) band = run;
  }
  // largest rectangle of empty cells (histogram method; the stack holds starts and heights)
  const h = new Int32Array(W);
  const starts = new Int32Array(W + 1),
    heights = new Int32Array(W + 1);
  let hole = 0;
  for (let y = 0; y < H; y++) {
    const o = y * W;
    for (let x = 0; x < W; x++) h[x] = full[o + x] ? 0 : h[x]! + 1;
    let sp = 0;
    for (let x = 0; x <= W; x++) {
      const cur = x < W ? h[x]! : 0;
      let start = x;
      while (sp > 0 && heights[sp - 1]! >= cur) {
        sp--;
        const area = heights[sp]! * (x - starts[sp]!);
        if (area > hole) hole = area;
        start = starts[sp]!;
      }
      starts[sp] = start;
      heights[sp] = cur;
      sp++;
    }
  }
  return { band: band / H, hole: hole / (W * H) };
}
