import { describe, expect, it } from 'vitest';
import { coverageMask, sortByKey } from '../../../src/render/raster/coverage.js';

const at = (m: NonNullable<ReturnType<typeof coverageMask>>, x: number, y: number) =>
  x < m.left || y < m.top || x >= m.left + m.width || y >= m.top + m.height
    ? 0
    : m.data[(y - m.top) * m.width + (x - m.left)]!;

describe('coverageMask', () => {
  it('gives a rectangle with fractional edges its exact coverage', () => {
    // x from 2.25 to 5.5, y from 1 to 3: left column 0.75, right column 0.5, interior full
    const m = coverageMask([[2.25, 1, 5.5, 1, 5.5, 3, 2.25, 3]])!;
    expect(at(m, 2, 1)).toBe(191);
    expect(at(m, 3, 1)).toBe(255);
    expect(at(m, 4, 2)).toBe(255);
    expect(at(m, 5, 2)).toBe(128);
    expect(at(m, 6, 2)).toBe(0);
    expect(at(m, 3, 3)).toBe(0);
  });

  it('fills with the non-zero rule: overlapping contours count once, a reversed one cuts a hole', () => {
    const a = [0.5, 0.5, 8.5, 0.5, 8.5, 8.5, 0.5, 8.5];
    const overlap = coverageMask([a, [0.5, 0.5, 4.5, 0.5, 4.5, 8.5, 0.5, 8.5]])!;
    const single = coverageMask([a])!;
    expect([...overlap.data]).toEqual([...single.data]); // the shared edge is not counted twice
    const hole = coverageMask([a, [2, 2, 2, 6, 6, 6, 6, 2]])!;
    expect(at(hole, 3, 3)).toBe(0);
    expect(at(hole, 1, 1)).toBe(255);
    expect(at(hole, 7, 7)).toBe(255);
  });

  it('sums disjoint shapes that share a pixel', () => {
    const m = coverageMask([
      [0, 0, 0.25, 0, 0.25, 1, 0, 1],
      [0.5, 0, 0.75, 0, 0.75, 1, 0.5, 1],
    ])!;
    expect(at(m, 0, 0)).toBe(128);
  });

  it('is empty for degenerate input', () => {
    expect(coverageMask([[0, 0, 5, 0]])).toBeNull();
    expect(coverageMask([])).toBeNull();
  });
});

describe('sortByKey', () => {
  it('orders indices by key stably, as the typed array sort with a comparator does', () => {
    // many ties (keys from a few values), lengths around the run size and its merges
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (const n of [0, 1, 2, 15, 16, 17, 31, 33, 64, 100, 257, 1000]) {
      const key = new Float64Array(n);
      for (let i = 0; i < n; i++) key[i] = Math.floor(rand() * 9) / 2;
      const mine = Uint32Array.from({ length: n }, (_, i) => i);
      sortByKey(mine, key, new Uint32Array(n));
      const theirs = Uint32Array.from({ length: n }, (_, i) => i).sort((p, q) => key[p]! - key[q]!);
      expect([...mine]).toEqual([...theirs]);
      for (let i = 1; i < n; i++) {
        expect(key[mine[i - 1]!]!).toBeLessThanOrEqual(key[mine[i]!]!);
        if (key[mine[i - 1]!] === key[mine[i]!]) expect(mine[i - 1]!).toBeLessThan(mine[i]!);
      }
    }
  });
});
