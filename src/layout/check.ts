/**
 * The layout check: what every poster and card is held to, read from its laid-out boxes (no
 * pixels). The tests run it on the sample, on generated datasets (1 to 12 highlights, the
 * longest titles the format allows, every language order) and on data/examples/.
 *
 *   - no box outside its parent or the canvas (or, for text, the safe zone);
 *   - no two texts overlap, and no text overlaps a chart;
 *   - no text under the medium's smallest size (screen: 14 px per 1080 px of the short side;
 *     print: 7 pt);
 *   - a bilingual output shows every text it shows in one language in every other;
 *   - the blank share: the tallest band across the canvas with nothing in it, and the largest
 *     empty rectangle, as shares of the canvas (measured between the safe zones).
 */
import type { Box } from '../render/raster/engine.js';
import { blankOf, type Blank } from './blank.js';

export type { Blank } from './blank.js';

export interface CheckInput {
  boxes: Box[];
  width: number;
  height: number;
  minTextPx: number;
  langs: string[];
  /** px kept free of text (story safe zones, print bleed) */
  safe?: { top: number; right: number; bottom: number; left: number };
}

export interface CheckLimits {
  /** tallest empty band, share of the height (default 0.2) */
  band?: number;
  /** largest empty rectangle, share of the area (default 0.25) */
  hole?: number;
}

// two output pixels: yoga lays out in fractions, the fitting tolerates a pixel of rounding
const TOL = 2;

const inside = (b: Box, p: { x: number; y: number; w: number; h: number }) =>
  b.x >= p.x - TOL && b.y >= p.y - TOL && b.x + b.w <= p.x + p.w + TOL && b.y + b.h <= p.y + p.h + TOL;

const overlap = (a: Box, b: Box, tol = 0.5) =>
  a.x + tol < b.x + b.w && b.x + tol < a.x + a.w && a.y + tol < b.y + b.h && b.y + tol < a.y + a.h;

const isText = (b: Box) => (b.kind === 'text' || b.kind === 'figure') && b.w > 0 && b.h > 0;

/** Everything wrong with a laid-out poster or card, one line each (empty: it passes). */
export function checkLayout(r: CheckInput, limits: CheckLimits = {}): string[] {
  const out: string[] = [];
  const canvas = { x: 0, y: 0, w: r.width, h: r.height };
  const s = r.safe ?? { top: 0, right: 0, bottom: 0, left: 0 };
  const safe = { x: s.left, y: s.top, w: r.width - s.left - s.right, h: r.height - s.top - s.bottom };
  const name = (b: Box) => b.field ?? `<${b.element}> line ${b.line}`;
  for (const b of r.boxes) {
    if (b.w <= 0 || b.h <= 0) continue;
    const parent = b.parent !== undefined && b.parent >= 0 ? r.boxes[b.parent] : undefined;
    if (!inside(b, canvas)) out.push(`${name(b)} is outside the canvas`);
    else if (parent && !inside(b, parent))
      out.push(`${name(b)} is outside its <${parent.element}> (line ${parent.line})`);
    if (isText(b) && !inside(b, safe)) out.push(`${name(b)} is in the safe zone`);
    if (isText(b) && b.size !== undefined && b.size < r.minTextPx - 0.01)
      out.push(`${name(b)} is set at ${round(b.size)} px, under the medium's ${round(r.minTextPx)} px`);
  }
  const solid = r.boxes.filter((b) => isText(b) || (b.kind === 'chart' && b.w > 0 && b.h > 0));
  for (let i = 0; i < solid.length; i++)
    for (let j = i + 1; j < solid.length; j++) {
      const a = solid[i]!,
        b = solid[j]!;
      if (a.kind === 'chart' && b.kind === 'chart') continue;
      if (overlap(a, b)) out.push(`${name(a)} overlaps ${name(b)}`);
    }
  // bilingual completeness: highlights[0].title.zh shown means highlights[0].title.en shown too
  if (r.langs.length > 1) {
    const fields = new Set(r.boxes.filter(isText).flatMap((b) => [b.field ?? '', ...(b.also ?? [])]));
    for (const f of fields) {
      const lang = r.langs.find((l) => f.endsWith(`.${l}`));
      if (!lang) continue;
      const stem = f.slice(0, -lang.length);
      for (const other of r.langs)
        if (!fields.has(stem + other)) out.push(`${f} is shown but not ${stem}${other} (every text in every language)`);
    }
  }
  const blank = blankShare(r);
  if (blank.band > (limits.band ?? 0.2)) out.push(`a blank band ${Math.round(blank.band * 100)}% of the height`);
  if (blank.hole > (limits.hole ?? 0.25)) out.push(`an empty rectangle ${Math.round(blank.hole * 100)}% of the area`);
  return out;
}

/**
 * Blank space from the boxes: content is every text, figure, chart, image and rule, and every
 * filled box whose colour is not the page's. Measured on a grid 200 cells wide, between the safe
 * zones' top and bottom (as the pixel measure does for stories).
 */
export function blankShare(r: CheckInput): Blank {
  const page = r.boxes.find((b) => b.element === 'page');
  const pageFill = page?.fill;
  const content = r.boxes.filter(
    (b) =>
      b.w > 0 &&
      b.h > 0 &&
      (isText(b) ||
        b.kind === 'chart' ||
        b.kind === 'image' ||
        b.kind === 'rule' ||
        (b.kind === 'box' && b.element !== 'page' && b.fill !== undefined && b.fill !== pageFill)),
  );
  return blankOf(content, r.width, r.height, r.safe?.top ?? 0, r.safe?.bottom ?? 0);
}

const round = (n: number) => Math.round(n * 100) / 100;
