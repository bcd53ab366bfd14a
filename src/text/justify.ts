/**
 * Justified Chinese: spread the free space of a line between characters so it ends
 * flush with the measure. Space goes into every gap next to a CJK character and
 * after each space; Latin words are not letter-spaced unless the line has no other gap.
 * The last line of a paragraph (line.hard) is left ragged by `justifyLines`.
 */
import type { Line } from './breaker.js';
import type { Face } from './fonts.js';
import { NUMBER_WITH_UNIT } from './rules.js';
import { shape, type PositionedGlyph } from './shape.js';

const CJK =
  /[\u2018-\u201F\u2026\u2014\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFE10-\uFE4F\uFF00-\uFFEF\u{20000}-\u{3FFFF}]/u;
const SPACE = /^[ \u00A0\u3000]+$/;

export const isCJK = (ch: string): boolean => CJK.test(ch);

/** Indices k (1 ≤ k < n) of gaps before glyph k that may stretch (never inside a number with its unit). */
export function stretchGaps(glyphs: PositionedGlyph[]): number[] {
  const text = glyphs.map((g) => g.text).join('');
  const inNumber = new Set<number>();
  for (const m of text.matchAll(NUMBER_WITH_UNIT))
    for (let p = m.index + 1; p < m.index + m[0].length; p++) inNumber.add(p);
  const gaps: number[] = [];
  let offset = glyphs[0]?.text.length ?? 0;
  for (let k = 1; k < glyphs.length; k++) {
    const a = glyphs[k - 1]!.text,
      b = glyphs[k]!.text;
    if (!inNumber.has(offset) && (SPACE.test(a) || CJK.test(a.slice(-1)) || CJK.test(b.slice(0, 1)))) gaps.push(k);
    offset += b.length;
  }
  if (gaps.length === 0) for (let k = 1; k < glyphs.length; k++) gaps.push(k);
  return gaps;
}

/**
 * Glyph positions of `line` stretched so its last glyph ends at `width`
 * (x of the last glyph + its advance = width). Lines already as wide as the
 * measure, or with a single glyph, keep their natural positions.
 */
export function justifyLine(
  line: Line | string,
  face: Face,
  size: number,
  width: number,
  letterSpacing = 0,
): PositionedGlyph[] {
  const glyphs = shape(typeof line === 'string' ? line : line.text, face, size, letterSpacing);
  if (glyphs.length < 2) return glyphs;
  const last = glyphs[glyphs.length - 1]!;
  const extra = width - (last.x + last.advance);
  if (extra <= 0) return glyphs;
  const gaps = stretchGaps(glyphs);
  const per = extra / gaps.length;
  let shift = 0,
    g = 0;
  for (let k = 0; k < glyphs.length; k++) {
    if (g < gaps.length && gaps[g] === k) {
      shift += per;
      g++;
    }
    glyphs[k]!.x += shift;
  }
  return glyphs;
}

/** Positions for a paragraph: soft lines justified to `width`, hard (last) lines natural. */
export function justifyLines(
  lines: Line[],
  face: Face,
  size: number,
  width: number,
  letterSpacing = 0,
): PositionedGlyph[][] {
  return lines.map((l) =>
    l.hard ? shape(l.text, face, size, letterSpacing) : justifyLine(l, face, size, width, letterSpacing),
  );
}
