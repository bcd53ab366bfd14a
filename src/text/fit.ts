/**
 * Fit: shrink text in a box (max lines, size range) until it fits. When even the
 * smallest size overflows: under `strict` a TextFitError naming field and layout,
 * else the text is cut to maxLines with an ellipsis and a warning is returned.
 */
import { breakLines, breakOpportunities, type Line } from './breaker.js';
import type { Face } from './fonts.js';
import { measure } from './measure.js';
import { textOverflowMessage, textOverflowWarning } from './messages.js';
import { TRAILING_SPACE, isNoEnd } from './rules.js';

export interface FitOptions {
  text: string;
  face: Face;
  width: number;
  maxLines: number;
  maxSize: number;
  minSize: number;
  /** size decrement (default 0.5) */
  step?: number;
  /** line height as a multiple of the size (default 1.3), used for `height` and `maxHeight` */
  lineHeight?: number;
  /** optional height limit of the box, in the units of size */
  maxHeight?: number;
  letterSpacing?: number;
  /** per-run fallback face and word-boundary breaking (breaker.ts BreakOptions) */
  other?: Face;
  latinPrimary?: boolean;
  words?: boolean;
  field: string;
  layout?: string;
  strict?: boolean;
  ellipsis?: string;
}

export interface FitResult {
  size: number;
  lines: Line[];
  /** lines.length × size × lineHeight */
  height: number;
  overflow: boolean;
  warning?: string;
}

export class TextFitError extends Error {
  readonly code = 'TEXT_OVERFLOW';
  constructor(
    readonly field: string,
    readonly layout: string | undefined,
    message: string,
  ) {
    super(message);
    this.name = 'TextFitError';
  }
}

export function fitText(o: FitOptions): FitResult {
  const step = o.step ?? 0.5,
    lh = o.lineHeight ?? 1.3,
    ls = o.letterSpacing ?? 0;
  if (!(o.minSize > 0) || o.maxSize < o.minSize || !(step > 0) || o.maxLines < 1) {
    throw new RangeError(
      `fitText(${o.field}): invalid size range ${o.minSize}–${o.maxSize} / step ${step} / maxLines ${o.maxLines}`,
    );
  }
  const fits = (lines: Line[], size: number, allowForced: boolean) =>
    lines.length <= o.maxLines &&
    (o.maxHeight === undefined || lines.length * size * lh <= o.maxHeight + 1e-6) &&
    (allowForced || !lines.some((l) => l.forced));

  const sizes: number[] = [];
  for (let s = o.maxSize; s > o.minSize + 1e-9; s = round(s - step)) sizes.push(s);
  sizes.push(o.minSize);
  const at = (size: number) =>
    breakLines(o.text, {
      face: o.face,
      size,
      width: o.width,
      letterSpacing: ls,
      other: o.other,
      latinPrimary: o.latinPrimary,
      words: o.words,
    });
  for (const size of sizes) {
    const lines = at(size);
    // a word split between letters only counts as fitting at the smallest size
    if (fits(lines, size, size === o.minSize))
      return { size, lines, height: lines.length * size * lh, overflow: false };
  }

  const size = o.minSize;
  const all = at(size);
  const maxLines = Math.max(
    1,
    Math.min(o.maxLines, o.maxHeight === undefined ? Infinity : Math.floor((o.maxHeight + 1e-6) / (size * lh))),
  );
  const info = {
    field: o.field,
    layout: o.layout,
    maxLines: o.maxLines,
    minSize: size,
    lines: all.length,
    width: o.width,
  };
  if (o.strict) throw new TextFitError(o.field, o.layout, textOverflowMessage(info));
  const lines = all.slice(0, maxLines);
  const last = lines[lines.length - 1]!;
  lines[lines.length - 1] = ellipsize(last, o.face, size, o.width, ls, o.ellipsis ?? '…');
  return { size, lines, height: lines.length * size * lh, overflow: true, warning: textOverflowWarning(info) };
}

/** Cut `line` so that its text plus the ellipsis fits in `width`. */
export function ellipsize(
  line: Line,
  face: Face,
  size: number,
  width: number,
  letterSpacing = 0,
  ellipsis = '…',
): Line {
  const chars = Array.from(line.text);
  for (let n = chars.length; n >= 0; n--) {
    // Latin words are cut whole ('far more…', not 'far more peopl…') when a space is in reach
    if (n > 0 && n < chars.length && /[A-Za-z0-9]/.test(chars[n - 1]!) && /[A-Za-z0-9]/.test(chars[n]!)) {
      const space = chars.lastIndexOf(' ', n - 1);
      if (space > chars.length * 0.5) continue;
    }
    let head = chars.slice(0, n).join('').replace(TRAILING_SPACE, '');
    while (head.length && (isNoEnd(head.slice(-1)) || /[\s,，、;；:：]$/.test(head))) head = head.slice(0, -1);
    const text = head + ellipsis;
    const w = measure(text, face, size, letterSpacing);
    if (w <= width + 1e-6 || n === 0) return { ...line, text, width: w, hard: true };
  }
  return line;
}

/**
 * `text` shortened to fit `room` (as `width` measures it) with an ellipsis: at the last line-break
 * opportunity that fits (a word boundary; Chinese at dictionary words), else at the last whole
 * character. Never inside a character (a surrogate pair stays whole). `text` itself when it fits.
 */
export function shortenToWidth(text: string, room: number, width: (s: string) => number, ellipsis = '…'): string {
  if (width(text) <= room) return text;
  const cuts = breakOpportunities(text, true).filter((p) => p < text.length);
  for (let i = cuts.length - 1; i >= 0; i--) {
    const head = text.slice(0, cuts[i]).replace(TRAILING_SPACE, '');
    if (head && width(head + ellipsis) <= room) return head + ellipsis;
  }
  const chars = Array.from(text);
  while (chars.length > 1 && width(chars.join('').replace(TRAILING_SPACE, '') + ellipsis) > room) chars.pop();
  return chars.join('').replace(TRAILING_SPACE, '') + ellipsis;
}

function round(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}
