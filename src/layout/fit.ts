/**
 * Typesetting a text or a figure at a width, for the layout: the largest size within its
 * range (up to a cap the page's fitting sets) at which it fits its lines, broken by the
 * text engine (UAX #14, kinsoku, Chinese word boundaries, numbers kept with their units),
 * with per-run Latin/CJK faces. Pure functions, cached: yoga calls them as measure functions.
 */
import { breakLines, type Line } from '../text/breaker.js';
import type { Face } from '../text/fonts.js';
import { layoutOf } from '../text/measure.js';
import { measureRuns, type FacePair } from '../text/runs.js';

export interface TextSpec {
  text: string;
  fp: FacePair;
  min: number;
  max: number;
  lines: number;
  leading: number;
  words: boolean;
  balance: boolean;
}

export interface SetText {
  size: number;
  lines: Line[];
  /** widest line */
  width: number;
  height: number;
  /** does not fit its lines even at the smallest size */
  overflow: boolean;
}

/** Height of a text block: the first line's em box plus the leading of the rest. */
export const blockHeight = (n: number, size: number, leading: number): number =>
  n <= 0 ? 0 : size + (n - 1) * size * leading;

/** Baseline of the first line below the top of the block (CJK em box: 0.88 above, 0.12 below). */
export const ASCENT = 0.88;

const STEP = 0.5;
const snap = (v: number) => Math.floor(v / STEP + 1e-9) * STEP;

/** A text's faces as a cache key. */
const pairKey = (p: FacePair) => `${p.face.key}|${p.other?.key ?? ''}|${p.latinPrimary ? 1 : 0}`;

/** Line breaks of a text by size and width, under one key per text and faces (few long keys, many short ones). */
interface PerText {
  lines: Map<number, Line[]>;
  sets: Map<string, SetText>;
}
const cache = new Map<string, PerText>();
const specKeys = new WeakMap<TextSpec, PerText>();
let cached = 0;
function perText(s: TextSpec): PerText {
  let m = specKeys.get(s);
  if (!m) {
    const key = `${pairKey(s.fp)}|${s.words ? 1 : 0}|${s.text}`;
    m = cache.get(key);
    if (!m) {
      if (cache.size > 20_000 || cached > 200_000) {
        cache.clear();
        cached = 0;
      }
      m = { lines: new Map(), sets: new Map() };
      cache.set(key, m);
    }
    specKeys.set(s, m);
  }
  return m;
}
function lines(s: TextSpec, size: number, width: number): Line[] {
  const m = perText(s).lines;
  // size on a 0.5 grid below 10,000, width to 1/100: one number
  const key = Math.round(width * 100) * 20_000 + Math.round(size * 2);
  let l = m.get(key);
  if (!l) {
    l = breakLines(s.text, {
      face: s.fp.face,
      other: s.fp.other,
      latinPrimary: s.fp.latinPrimary,
      size,
      width: Math.max(1, width),
      words: s.words,
      remember: false,
    });
    m.set(key, l);
    cached++;
  }
  return l;
}

/** The text set at `width`, as large as fits (≤ cap). */
export function setText(s: TextSpec, width: number, cap = s.max, maxHeight = Infinity): SetText {
  const hi = Math.max(s.min, snap(Math.min(s.max, cap)));
  const sets = perText(s).sets;
  const key = `${s.min}|${hi}|${s.lines}|${s.leading}|${s.balance ? 1 : 0}|${Math.round(width * 100)}|${maxHeight === Infinity ? '' : Math.round(maxHeight * 100)}`;
  const hit = sets.get(key);
  if (hit) return hit;
  const ok = (size: number) => {
    const l = lines(s, size, width);
    return (
      l.length <= s.lines &&
      blockHeight(l.length, size, s.leading) <= maxHeight + 1e-6 &&
      (size <= s.min || !l.some((x) => x.forced))
    );
  };
  let size: number;
  if (ok(hi)) size = hi;
  else if (!ok(s.min)) size = s.min;
  else {
    // largest fitting size on the 0.5 grid between min and hi
    let lo = s.min,
      top = hi;
    while (top - lo > STEP + 1e-9) {
      const mid = snap((lo + top) / 2);
      if (mid <= lo) break;
      if (ok(mid)) lo = mid;
      else top = mid;
    }
    size = lo;
  }
  let ls = lines(s, size, width);
  const overflow = ls.length > s.lines || blockHeight(ls.length, size, s.leading) > maxHeight + 1e-6;
  if (s.balance && ls.length > 1 && !overflow) ls = balance(s, size, width, ls);
  const out: SetText = {
    size,
    lines: ls,
    width: Math.max(0, ...ls.map((l) => l.width)),
    height: blockHeight(ls.length, size, s.leading),
    overflow,
  };
  sets.set(key, out);
  cached++;
  return out;
}

/** Even lines: the narrowest measure that keeps the line count, breaking by the same rules. */
function balance(s: TextSpec, size: number, width: number, ls: Line[]): Line[] {
  const n = ls.length;
  let lo = width * 0.4,
    hi = width,
    best = ls;
  for (let k = 0; k < 9; k++) {
    const mid = (lo + hi) / 2;
    const l = lines(s, size, mid);
    if (l.length <= n && !l.some((x) => x.forced)) {
      best = l;
      hi = mid;
    } else lo = mid;
  }
  return best;
}

// ---- figures ------------------------------------------------------------------------------

export interface FigureSpec {
  prefix: string;
  number: string;
  suffix: string;
  num: FacePair;
  unit: FacePair;
  /** unit words' size ÷ the number's */
  ratio: number;
  min: number;
  max: number;
}

export interface SetFigure {
  size: number;
  /** the unit words on their own line(s) under the number */
  twoLine: boolean;
  suffixLines: string[];
  width: number;
  height: number;
  /** baseline of the number below the box top */
  baseline: number;
  overflow: boolean;
}

const gap = (s: number) => s * 0.06;

/** Ink above and below the baseline of a string, as shares of the size (real glyph boxes: a comma's tail counts). */
function ink(text: string, face: Face): { up: number; down: number } {
  const key = `${face.key}|${text}`;
  let v = inkCache.get(key);
  if (!v) {
    const run = layoutOf(face, text);
    const upm = face.upem;
    let up = 0,
      down = 0;
    for (const id of run.ids) {
      const b = face.font.getGlyph(id).bbox;
      if (!Number.isFinite(b.maxY)) continue;
      up = Math.max(up, b.maxY / upm);
      down = Math.max(down, -b.minY / upm);
    }
    v = { up, down };
    if (inkCache.size > 5000) inkCache.clear();
    inkCache.set(key, v);
  }
  return v;
}
const inkCache = new Map<string, { up: number; down: number }>();

export function figureWidth(f: FigureSpec, s: number, withSuffix = true): number {
  const us = s * f.ratio;
  const pre = f.prefix.trimEnd(),
    suf = f.suffix.trimStart();
  return (
    (pre ? measureRuns(pre, f.unit, us) + gap(s) : 0) +
    measureRuns(f.number, f.num, s) +
    (withSuffix && suf ? gap(s) + measureRuns(suf, f.unit, us) : 0)
  );
}

/** Vertical extent of the number line: ink above and below the baseline (never less than the lining figures' cap). */
function figureInk(f: FigureSpec, s: number): { up: number; down: number } {
  const n = ink(f.number || '0', f.num.face);
  const us = s * f.ratio;
  const unit = f.prefix + f.suffix ? ink((f.prefix + f.suffix).trim() || '0', f.unit.face) : { up: 0, down: 0 };
  return {
    up: Math.max(n.up * s, 0.72 * s, unit.up * us),
    // clearance: the ink's lowest point plus a tenth of the size (a comma's tail never touches the next line)
    down: Math.max(n.down * s, unit.down * us) + 0.1 * s,
  };
}

/** Figures set, under one key per figure's content and faces, then by width, cap and height. */
const figureCache = new Map<string, Map<string, SetFigure>>();
const figureKeys = new WeakMap<FigureSpec, Map<string, SetFigure>>();
function figureSets(f: FigureSpec): Map<string, SetFigure> {
  let m = figureKeys.get(f);
  if (!m) {
    const key = [pairKey(f.num), pairKey(f.unit), f.ratio, f.min, f.max, f.prefix, f.number, f.suffix].join('\u0000');
    m = figureCache.get(key);
    if (!m) {
      if (figureCache.size > 20_000) figureCache.clear();
      m = new Map();
      figureCache.set(key, m);
    }
    figureKeys.set(f, m);
  }
  return m;
}

/**
 * The figure set in `width` (and `maxHeight`), as large as fits (≤ cap). Cached: the fitting asks
 * for the same figure in the same box on many of its passes.
 */
export function setFigure(f: FigureSpec, width: number, cap = f.max, maxHeight = Infinity): SetFigure {
  const sets = figureSets(f);
  const key = `${width}|${cap}|${maxHeight}`;
  let set = sets.get(key);
  if (!set) {
    set = setFigureAnew(f, width, cap, maxHeight);
    sets.set(key, set);
  }
  return set;
}

function setFigureAnew(f: FigureSpec, width: number, cap: number, maxHeight: number): SetFigure {
  const hi = Math.max(f.min, snap(Math.min(f.max, cap)));
  const at = (s: number, twoLine: boolean, suffixLines: string[]): SetFigure => {
    const e = figureInk(f, s);
    const us = s * f.ratio;
    const extra = twoLine ? suffixLines.length * us * 1.2 + s * 0.1 : 0;
    const w = twoLine
      ? Math.max(figureWidth(f, s, false), ...suffixLines.map((t) => measureRuns(t, f.unit, us)))
      : figureWidth(f, s);
    return {
      size: s,
      twoLine,
      suffixLines,
      width: w,
      height: e.up + e.down + extra,
      baseline: e.up,
      overflow: false,
    };
  };
  const fits = (r: SetFigure) => r.width <= width + 1e-6 && r.height <= maxHeight + 1e-6;
  const suf = f.suffix.trim();
  const step = Math.max(STEP, (hi - f.min) / 40);
  let one: SetFigure | undefined;
  let above: SetFigure | undefined;
  for (let s = hi; s >= f.min - 1e-9; s = snap(s - step)) {
    const r = at(s, false, []);
    if (fits(r)) {
      one = r;
      break;
    }
    above = r;
  }
  // in a box with the height for it, a figure held small by its width sets its unit words
  // under the number when that makes the number a quarter larger or more (31.06 over 加元/小时);
  // not after words before it ("an estimated 25.9" would read on from a line that is not there)
  const byWidth = !!above && above.width > width + 1e-6 && above.height <= maxHeight + 1e-6;
  const wordsBefore = f.prefix.trim().includes(' ');
  if (one && (!suf || maxHeight === Infinity || !byWidth || wordsBefore)) return one;
  // the unit words go on their own line(s) under the number
  if (suf) {
    for (let s = hi; s >= f.min - 1e-9; s = snap(s - step)) {
      if (one && s < one.size * 1.25) break;
      const us = s * f.ratio;
      const sl = breakLines(suf, {
        face: f.unit.face,
        other: f.unit.other,
        latinPrimary: f.unit.latinPrimary,
        size: us,
        width: Math.max(1, width),
        words: true,
      });
      if (sl.length > 2 || sl.some((l) => l.forced)) continue;
      const r = at(
        s,
        true,
        sl.map((l) => l.text),
      );
      if (fits(r)) return r;
    }
  }
  return one ?? { ...at(f.min, false, []), overflow: true };
}

export function clearFitCache(): void {
  cache.clear();
  figureCache.clear();
  cached = 0;
}
