import { describe, expect, it } from 'vitest';
import { largestFitting, type Probe } from '../../src/layout/search.js';

const STEPS = 64;

/** What halving finds (the search it replaced): the largest k/64 below the top that fits, else 0. */
function halving(fits: (k: number) => boolean): number {
  let lo = 0,
    hi = STEPS;
  for (let i = 0; i < 6; i++) {
    const mid = (lo + hi) / 2;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

let seed = 11;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

/** A layout that fits up to step `t` (-1: nowhere), overflowing above it by an excess that rises with k, in jumps. */
function layout(t: number, shape: 'linear' | 'jumps' | 'none') {
  const slope = 1 + rand() * 20,
    offset = rand() * 200;
  const jumps = Array.from({ length: STEPS + 1 }, () => (rand() < 0.2 ? rand() * 150 : 0));
  return (k: number): Probe & { k: number } => {
    if (k <= t) return { k, fits: true, excess: 0 };
    if (shape === 'none') return { k, fits: false };
    let e = shape === 'linear' ? (k - t) * slope : offset + (k - t) * slope;
    if (shape === 'jumps') for (let j = t + 1; j <= k; j++) e += jumps[j]!;
    return { k, fits: false, excess: e };
  };
}

describe('largestFitting', () => {
  it('finds what halving finds whenever fitting is monotone, in at most twice its passes', () => {
    for (const shape of ['linear', 'jumps', 'none'] as const) {
      for (let t = -1; t < STEPS; t++) {
        const at = layout(t, shape);
        const asked: number[] = [];
        const found = largestFitting(
          (k) => {
            asked.push(k);
            return at(k);
          },
          at(STEPS),
          STEPS,
        );
        expect(found.k).toBe(halving((k) => k <= t));
        expect(found.result.fits).toBe(t >= 0);
        expect(found.result.k).toBe(Math.max(t, 0));
        expect(found.passes).toBe(asked.length);
        expect(found.passes).toBeLessThanOrEqual(13);
        // nothing is asked twice, and the top is never asked again
        expect(new Set(asked).size).toBe(asked.length);
        expect(asked).not.toContain(STEPS);
      }
    }
  });

  it('needs few passes when the excess falls evenly with the size', () => {
    const passes: number[] = [];
    for (let t = 0; t < STEPS; t++) {
      const at = layout(t, 'linear');
      passes.push(largestFitting(at, at(STEPS), STEPS).passes);
    }
    // halving always takes 6 (and 7 with the pass at the smallest size)
    expect(Math.max(...passes)).toBeLessThanOrEqual(5);
    expect(passes.reduce((a, b) => a + b, 0) / passes.length).toBeLessThan(4);
  });

  it('tries the smallest size only when nothing above it fits', () => {
    const at = layout(40, 'jumps');
    const asked: number[] = [];
    largestFitting(
      (k) => {
        asked.push(k);
        return at(k);
      },
      at(STEPS),
      STEPS,
    );
    expect(asked).not.toContain(0);
    const none = layout(-1, 'linear');
    const found = largestFitting(none, none(STEPS), STEPS);
    expect(found.result.fits).toBe(false);
    expect(found.result.k).toBe(0);
  });

  it('ends, within the bracket, even when fitting is not monotone', () => {
    for (let i = 0; i < 200; i++) {
      const fitsAt = Array.from({ length: STEPS }, () => rand() < 0.5);
      const found = largestFitting(
        (k) => ({ k, fits: fitsAt[k]!, excess: fitsAt[k] ? 0 : rand() * 100 }),
        { k: STEPS, fits: false, excess: 50 },
        STEPS,
      );
      expect(found.passes).toBeLessThanOrEqual(13);
      if (found.result.fits) expect(fitsAt[found.k]).toBe(true);
    }
  });
});
