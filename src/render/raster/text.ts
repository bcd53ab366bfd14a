/**
 * The raster engine's one door to the text engine (src/text): faces, fitting and line
 * breaking with the Chinese rules, glyph checks, and outlines (one inline <path> per line).
 */
import { getFace, type Face } from '../../text/fonts.js';
import { breakLines, type Line } from '../../text/breaker.js';
import { measure } from '../../text/measure.js';
import { outlinePathData } from '../../text/outline.js';
import { checkGlyphs } from '../../text/glyphs.js';
import { fitText as textFit, TextFitError, type FitOptions, type FitResult as TextFitResult } from '../../text/fit.js';

export { TextFitError };

export { getFace, measure, checkGlyphs, type Face, type Line };

/** The text engine's fit request in layout terms (leading, block height, balancing). */
export interface FitRequest
  extends Pick<FitOptions, 'text' | 'face' | 'width' | 'maxLines' | 'maxSize' | 'minSize' | 'field' | 'strict'> {
  /** line height as a multiple of the size */
  leading: number;
  /** optional height limit of the whole block */
  height?: number;
  /** rebalance multi-line text so the last line is not a stub */
  balance?: boolean;
  layout: string;
}

export type FitResult = Pick<TextFitResult, 'size' | 'lines' | 'warning'>;

const fitCache = new Map<string, FitResult>();

/**
 * Largest size in [minSize, maxSize] at which the text fits (src/text fitText). Past the
 * smallest size: strict throws TextFitError naming the field and layout; otherwise the text is
 * cut with an ellipsis and the result carries the warning.
 */
export function fitBox(r: FitRequest): FitResult {
  const strict = r.strict ?? true;
  const key = `${r.face.key}|${r.width}|${r.maxLines}|${r.maxSize}|${r.minSize}|${r.leading}|${r.height ?? ''}|${r.balance ? 1 : 0}|${strict ? 1 : 0}|${r.text}`;
  const hit = fitCache.get(key);
  if (hit) return hit;
  const step = Math.max(0.5, Math.round(((r.maxSize - r.minSize) / 40) * 2) / 2);
  const fit = textFit({
    text: r.text,
    face: r.face,
    width: r.width,
    maxLines: r.maxLines,
    maxSize: r.maxSize,
    minSize: r.minSize,
    step,
    lineHeight: r.leading,
    // fitText counts lines × size × leading; our blocks end at the last line's em box
    maxHeight: r.height === undefined ? undefined : r.height + r.minSize * (r.leading - 1),
    field: r.field,
    layout: r.layout,
    strict,
  });
  let result: FitResult = { size: fit.size, lines: fit.lines, ...(fit.warning ? { warning: fit.warning } : {}) };
  if (r.balance && result.lines.length > 1 && !fit.overflow) result = balanced(r, result);
  if (fitCache.size > 20_000) fitCache.clear();
  fitCache.set(key, result);
  return result;
}

/**
 * Balance multi-line text: prefer a two-line break right after a pause mark (、，：; or a
 * space between Latin words when both halves are even), else narrow the measure as far as
 * the line count allows: even lines, no one-character stub.
 */
function balanced(r: FitRequest, res: FitResult): FitResult {
  const n = res.lines.length;
  if (n === 2) {
    let best: Line[] | undefined,
      score = Infinity;
    for (const { at, bonus } of breakCandidates(r.text)) {
      const a = r.text.slice(0, at),
        b = r.text.slice(at).trimStart();
      if (!a.trim() || !b) continue;
      const la = breakLines(a, { face: r.face, size: res.size, width: r.width });
      const lb = breakLines(b, { face: r.face, size: res.size, width: r.width });
      if (la.length !== 1 || lb.length !== 1) continue;
      const d = Math.abs(la[0]!.width - lb[0]!.width) / r.width - bonus;
      if (d < 0.6 && d < score) {
        score = d;
        best = [{ ...la[0]!, hard: false }, lb[0]!];
      }
    }
    if (best) return { ...res, lines: best };
  }
  let lo = r.width * 0.4,
    hi = r.width,
    best = res.lines;
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

const words = new Intl.Segmenter('zh', { granularity: 'word' });
const PAUSE = /[、，,：:；;！？。]/;
const HAN = /\p{Script=Han}/u;

/**
 * Where a two-line headline may break, best first: after a pause mark (工伤、|失业…), at a space
 * between two Chinese phrases (完善社会保障体系 |下一步更精彩), else between words (失业保险|保障范围,
 * never 保|障) as ICU's dictionary segments them; Latin text breaks at spaces.
 */
function breakCandidates(text: string): { at: number; bonus: number }[] {
  const out: { at: number; bonus: number }[] = [];
  for (const seg of words.segment(text)) {
    const at = seg.index + seg.segment.length;
    if (at >= text.length) continue;
    if (PAUSE.test(seg.segment)) out.push({ at, bonus: 0.2 });
    else if (seg.segment === ' ')
      out.push({ at, bonus: HAN.test(text[seg.index - 1] ?? '') && HAN.test(text[at] ?? '') ? 0.5 : 0.1 });
    else if (HAN.test(seg.segment) && !PAUSE.test(text[at] ?? '')) out.push({ at, bonus: 0 });
  }
  return out;
}

/** Height of a text block: cap-to-descender of the first line plus the leading of the rest. */
export function blockHeight(lines: number, size: number, leading: number): number {
  return lines <= 0 ? 0 : size + (lines - 1) * size * leading;
}

/** Baseline of the first line below the top of the block (CJK em box: 0.88 above, 0.12 below). */
export const ASCENT = 0.88;

// ---- outlines ---------------------------------------------------------------------------

/**
 * Outlines through src/text (`outlinePathData`: cached glyph outlines at shaped positions).
 * Inline paths rasterize faster in librsvg than shared <use> glyph definitions (measured:
 * ~44 ms vs ~52–84 ms for the same 1200×630 card), so each line is one <path>.
 */
/** SVG of one line: baseline at (x, y), left edge at x; fill comes from the caller's <g>. */
export function outlineLine(text: string, face: Face, size: number, x: number, y: number): string {
  const d = outlinePathData([text], { face, size, x, y, align: 'start' });
  return d ? `<path d="${d}"/>` : '';
}
