import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { blankOf, type Blank, type Rect } from '../../src/layout/blank.js';

/** The measure cell by cell: every cell of the 200-wide grid filled or not, then scanned. */
function cellByCell(content: Rect[], width: number, height: number, safeTop = 0, safeBottom = 0): Blank {
  const W = 200;
  const k = W / width;
  const H = Math.max(1, Math.round((height - safeBottom - safeTop) * k));
  const full = new Uint8Array(W * H);
  for (const b of content) {
    const x0 = Math.max(0, Math.floor(b.x * k)),
      x1 = Math.min(W, Math.ceil((b.x + b.w) * k));
    const y0 = Math.max(0, Math.floor((b.y - safeTop) * k)),
      y1 = Math.min(H, Math.ceil((b.y + b.h - safeTop) * k));
    for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) full[y * W + x] = 1;
  }
  let band = 0,
    run = 0;
  for (let y = 0; y < H; y++) {
    run = full.subarray(y * W, y * W + W).some(Boolean) ? 0 : run + 1;
    band = Math.max(band, run);
  }
  // the largest rectangle of empty cells: row by row, the empty height above each cell, and
  // for each cell the widest run of its neighbours at least as high
  let hole = 0;
  const up = new Int32Array(W);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) up[x] = full[y * W + x] ? 0 : up[x]! + 1;
    for (let x = 0; x < W; x++) {
      let l = x,
        r = x;
      while (l > 0 && up[l - 1]! >= up[x]!) l--;
      while (r < W - 1 && up[r + 1]! >= up[x]!) r++;
      hole = Math.max(hole, up[x]! * (r - l + 1));
    }
  }
  return { band: band / H, hole: hole / (W * H) };
}

const rect = (w: number, h: number) =>
  fc.record({
    x: fc.double({ min: -0.1 * w, max: w, noNaN: true }),
    y: fc.double({ min: -0.1 * h, max: h, noNaN: true }),
    w: fc.double({ min: 0, max: w / 2, noNaN: true }),
    h: fc.double({ min: 0, max: h / 2, noNaN: true }),
  });

describe('blankOf', () => {
  it('an empty canvas is all blank, a covered one not at all', () => {
    expect(blankOf([], 1000, 500)).toEqual({ band: 1, hole: 1 });
    expect(blankOf([{ x: 0, y: 0, w: 1000, h: 500 }], 1000, 500)).toEqual({ band: 0, hole: 0 });
  });

  it('a strip across the middle leaves two bands, the taller counted', () => {
    // 200 × 100 cells; the strip covers rows 30–49
    const b = blankOf([{ x: 0, y: 150, w: 1000, h: 100 }], 1000, 500);
    expect(b.band).toBeCloseTo(0.5);
    expect(b.hole).toBeCloseTo(0.5);
  });

  it('reads the safe zones out of the height', () => {
    const b = blankOf([{ x: 0, y: 100, w: 1000, h: 300 }], 1000, 500, 100, 100);
    expect(b).toEqual({ band: 0, hole: 0 });
  });

  it('gives what the grid gives, cell by cell, for any content (to the last bit)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 200, max: 1200 }),
        fc.integer({ min: 100, max: 700 }),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 0, max: 60 }),
        fc.array(rect(1200, 700), { maxLength: 14 }),
        (width, height, safeTop, safeBottom, content) => {
          expect(blankOf(content, width, height, safeTop, safeBottom)).toEqual(
            cellByCell(content, width, height, safeTop, safeBottom),
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
