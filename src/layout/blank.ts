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
    for (let x = 0; x < W && empty; x++) if (full[y * W + x]) empty = false;
    run = empty ? run + 1 : 0;
    band = Math.max(band, run);
  }
  // largest rectangle of empty cells (histogram method)
  const h = new Int32Array(W);
  let hole = 0;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) h[x] = full[y * W + x] ? 0 : h[x]! + 1;
    const stack: [number, number][] = [];
    for (let x = 0; x <= W; x++) {
      const cur = x < W ? h[x]! : 0;
      let start = x;
      while (stack.length && stack[stack.length - 1]![1] >= cur) {
        const [s0, hh] = stack.pop()!;
        hole = Math.max(hole, hh * (x - s0));
        start = s0;
      }
      stack.push([start, cur]);
    }
  }
  return { band: band / H, hole: hole / (W * H) };
}
