/**
 * The size search of the fitting (flex.ts): the largest step k of a grid 0…steps−1 at which a
 * layout fits, given that the top (`steps`) does not.
 *
 * Halving takes log2(steps) passes whatever the layout. A pass that does not fit says by how
 * much (its `excess`: how far its worst box passes its container), and the excess falls with the
 * size factor, so two passes that do not fit give a secant guess of where it reaches 0. The
 * guess and the step after it often bracket the answer in two or three passes. The first pass
 * looks at 3/4 of the range rather than the middle: where layouts overflow at full size, most
 * fit not far below it (on the examples corpus and the sample, the search took 890 passes where
 * halving took 1,101; with the first look at the middle, 963).
 *
 * The answer is the one halving finds whenever fitting is monotone in k (what fits at k fits at
 * every smaller k): every pass only moves a bracket [largest known to fit, smallest known not
 * to], and the search ends when the bracket is one step wide. The secant is only a choice of
 * where to look next. It is safeguarded: a guess outside the bracket, or a secant step that
 * left more than half of the bracket, gives way to halving, so the search never takes more than
 * about twice the halving passes. Step 0 (the smallest type) is not looked at first: halving
 * comes to it only when nothing above it fits, and the secant only when its line says nothing does.
 */

export interface Probe {
  fits: boolean;
  /** how far a pass that does not fit overflows (any unit; undefined when it cannot say) */
  excess?: number;
}

export interface Found<T> {
  /** the largest step that fits, or 0 when even 0 does not (then `result` does not fit) */
  k: number;
  result: T;
  /** passes run */
  passes: number;
}

export function largestFitting<T extends Probe>(
  at: (k: number) => T,
  top: T,
  steps: number,
  first = Math.floor((steps * 3) / 4),
): Found<T> {
  // the bracket: lo fits (-1: none known yet), hi does not
  let lo = -1,
    hi = steps;
  let good: T | undefined;
  let bad = top;
  // the two smallest steps that did not fit, with their excess (for the secant)
  let near: { k: number; e: number } | undefined =
    top.excess !== undefined && top.excess > 0 ? { k: steps, e: top.excess } : undefined;
  let far: { k: number; e: number } | undefined;
  let passes = 0;
  let halveNext = false;
  while (hi - lo > 1) {
    const width = hi - lo;
    // halving: the middle of the bracket; with nothing known to fit, of 0…hi (0 itself last)
    let k = lo < 0 ? (hi > 1 ? Math.floor(hi / 2) : 0) : Math.floor((lo + hi) / 2);
    let secant = false;
    if (!halveNext && near && far && far.e > near.e) {
      // where the line through the two passes reaches 0: the last step at or below it should fit
      const root = near.k - (near.e * (far.k - near.k)) / (far.e - near.e);
      // a guess outside the bracket looks just inside it, on the side the line points to
      k = Math.min(hi - 1, Math.max(lo + 1, Math.floor(root)));
      secant = true;
    } else if (lo < 0 && hi === steps) k = first;
    const r = at(k);
    passes++;
    if (r.fits) {
      lo = k;
      good = r;
    } else {
      hi = k;
      bad = r;
      if (r.excess !== undefined && r.excess > 0) {
        far = near;
        near = { k, e: r.excess };
      } else near = far = undefined;
    }
    // a secant step that did not halve the bracket hands the next step to halving
    halveNext = secant && hi - lo > width / 2;
  }
  return lo >= 0 ? { k: lo, result: good!, passes } : { k: 0, result: bad, passes };
}
