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
 *
 * Only the cells' edges that some content starts or ends on matter: between two of them a
 * column (or a row) of cells is all filled or all empty alike. So the grid is read in those
 * strips, each as wide (tall) as its cells, and the answers are the grid's to the cell: the
 * tallest run of empty rows, and the largest empty rectangle, whose sides lie on strip edges
 * (an empty rectangle between content widens to the next content or the canvas's edge).
 */
export function blankOf(content: Rect[], width: number, height: number, safeTop = 0, safeBottom = 0): Blank {
  const top = safeTop,
    bottom = height - safeBottom;
  const W = 200;
  const k = W / width;
  const H = Math.max(1, Math.round((bottom - top) * k));
  // each content's cells [x0, x1) × [y0, y1); content that covers no cell is left out
  const cells: number[] = [];
  const xs = [0, W],
    ys = [0, H];
  for (const b of content) {
    const x0 = Math.max(0, Math.floor(b.x * k)),
      x1 = Math.min(W, Math.ceil((b.x + b.w) * k));
    const y0 = Math.max(0, Math.floor((b.y - top) * k)),
      y1 = Math.min(H, Math.ceil((b.y + b.h - top) * k));
    if (!(x1 > x0 && y1 > y0)) continue;
    cells.push(x0, x1, y0, y1);
    xs.push(x0, x1);
    ys.push(y0, y1);
  }
  const edges = (v: number[]) => [...new Set(v)].sort((a, b) => a - b);
  const ex = edges(xs),
    ey = edges(ys);
  const nx = ex.length - 1,
    ny = ey.length - 1;
  const col = new Map(ex.map((x, i) => [x, i]));
  const row = new Map(ey.map((y, i) => [y, i]));
  const full = new Uint8Array(nx * ny);
  for (let i = 0; i < cells.length; i += 4) {
    const c0 = col.get(cells[i]!)!,
      c1 = col.get(cells[i + 1]!)!;
    for (let r = row.get(cells[i + 2]!)!, r1 = row.get(cells[i + 3]!)!; r < r1; r++)
      full.fill(1, r * nx + c0, r * nx + c1);
  }
  let band = 0,
    run = 0;
  for (let r = 0; r < ny; r++) {
    let empty = true;
    for (let x = r * nx, e = x + nx; x < e && empty; x++) if (full[x]) empty = false;
    run = empty ? run + ey[r + 1]! - ey[r]! : 0;
    if (run > band) band = run;
  }
  // largest empty rectangle: per strip of rows, the empty height above each column strip (a
  // histogram of bars as wide as their strips), and the largest rectangle under it (a stack of
  // left edges and heights)
  const h = new Int32Array(nx);
  const starts = new Int32Array(nx + 1),
    heights = new Int32Array(nx + 1);
  let hole = 0;
  for (let r = 0; r < ny; r++) {
    const o = r * nx,
      dh = ey[r + 1]! - ey[r]!;
    for (let c = 0; c < nx; c++) h[c] = full[o + c] ? 0 : h[c]! + dh;
    let sp = 0;
    for (let c = 0; c <= nx; c++) {
      const cur = c < nx ? h[c]! : 0;
      const x = ex[c]!;
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
