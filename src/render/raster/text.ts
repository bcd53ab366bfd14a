/**
 * The raster engine's one door to the text engine (src/text): faces, line breaking with
 * the Chinese rules, glyph checks, and outlines. Outlines are emitted as shared glyph
 * definitions (`<path id>` once per glyph and document, `<use>` per occurrence), so a card
 * SVG stays small and librsvg parses it fast; the glyph path strings are cached per face.
 */
import { getFace, type Face } from '../../text/fonts.js';
import { breakLines, type Line } from '../../text/breaker.js';
import { measure } from '../../text/measure.js';
import { shape } from '../../text/shape.js';
import { checkGlyphs } from '../../text/glyphs.js';
import { fitText as textFit, TextFitError } from '../../text/fit.js';

export { TextFitError };

export { getFace, measure, checkGlyphs, type Face, type Line };

export interface FitRequest {
  text: string;
  face: Face;
  width: number;
  maxLines: number;
  maxSize: number;
  minSize: number;
  /** line height as a multiple of the size */
  leading: number;
  /** optional height limit of the whole block */
  height?: number;
  /** rebalance multi-line text so the last line is not a stub */
  balance?: boolean;
  field: string;
  layout: string;
}

export interface FitResult {
  size: number;
  lines: Line[];
}

const fitCache = new Map<string, FitResult>();

/**
 * Largest size in [minSize, maxSize] at which the text fits (src/text fitText, strict:
 * overflow past the smallest size throws TextFitError naming the field and layout).
 */
export function fitBox(r: FitRequest): FitResult {
  const key = `${r.face.key}|${r.width}|${r.maxLines}|${r.maxSize}|${r.minSize}|${r.leading}|${r.height ?? ''}|${r.balance ? 1 : 0}|${r.text}`;
  const hit = fitCache.get(key);
  if (hit) return hit;
  const step = Math.max(0.5, Math.round(((r.maxSize - r.minSize) / 40) * 2) / 2);
  const fit = textFit({
    text: r.text, face: r.face, width: r.width, maxLines: r.maxLines, maxSize: r.maxSize, minSize: r.minSize,
    step, lineHeight: r.leading,
    // fitText counts lines × size × leading; our blocks end at the last line's em box
    maxHeight: r.height === undefined ? undefined : r.height + r.minSize * (r.leading - 1),
    field: r.field, layout: r.layout, strict: true,
  });
  let result: FitResult = { size: fit.size, lines: fit.lines };
  if (r.balance && result.lines.length > 1) result = balanced(r, result);
  if (fitCache.size > 20_000) fitCache.clear();
  fitCache.set(key, result);
  return result;
}

/** Narrow the measure as far as the line count allows: even lines, no one-character stub. */
function balanced(r: FitRequest, res: FitResult): FitResult {
  const n = res.lines.length;
  let lo = r.width * 0.4, hi = r.width, best = res.lines;
  for (let k = 0; k < 10; k++) {
    const mid = (lo + hi) / 2;
    const lines = breakLines(r.text, { face: r.face, size: res.size, width: mid });
    if (lines.length <= n && !lines.some((l) => l.forced)) {
      best = lines;
      hi = mid;
    } else lo = mid;
  }
  return { ...res, lines: best };
}

/** Height of a text block: cap-to-descender of the first line plus the leading of the rest. */
export function blockHeight(lines: number, size: number, leading: number): number {
  return lines <= 0 ? 0 : size + (lines - 1) * size * leading;
}

/** Baseline of the first line below the top of the block (CJK em box: 0.88 above, 0.12 below). */
export const ASCENT = 0.88;

// ---- outlines ---------------------------------------------------------------------------

const glyphPaths = new Map<string, string>();

function glyphId(face: Face, gid: number): string {
  return `${face.key}-${gid}`;
}

/** Collects the glyphs a document uses; `defs()` emits each path once. */
export class GlyphSheet {
  private used = new Map<string, string>();

  /** SVG of one line: baseline at (x, y), left edge at x, fill applied by the caller's <g>. */
  line(text: string, face: Face, size: number, x: number, y: number): string {
    const glyphs = shape(text, face, size);
    const k = size / face.font.unitsPerEm;
    const uses: string[] = [];
    for (const g of glyphs) {
      const id = glyphId(face, g.glyph.id);
      if (!this.used.has(id)) {
        let d = glyphPaths.get(id);
        if (d === undefined) {
          d = g.glyph.path.toSVG();
          glyphPaths.set(id, d);
        }
        this.used.set(id, d);
      }
      if (this.used.get(id) === '') continue; // spaces: nothing to draw
      const gx = g.x / k, gy = g.y / k;
      uses.push(`<use href="#${id}" x="${r2(gx)}"${gy ? ` y="${r2(gy)}"` : ''}/>`);
    }
    return uses.length ? `<g transform="translate(${r2(x)} ${r2(y)}) scale(${r5(k)} ${r5(-k)})">${uses.join('')}</g>` : '';
  }

  defs(): string {
    const out: string[] = [];
    for (const [id, d] of this.used) if (d) out.push(`<path id="${id}" d="${d}"/>`);
    return out.length ? `<defs>${out.join('')}</defs>` : '';
  }
}

const r2 = (n: number) => String(Math.round(n * 100) / 100);
const r5 = (n: number) => String(Math.round(n * 100000) / 100000);
