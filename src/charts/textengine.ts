/**
 * The one place where src/charts touches the text engine (src/text): faces, widths,
 * glyph coverage, outlines. Charts set each text (line) in the first face of its stack
 * that covers all of it, so metrics, PNG outlines and PDF fonts agree.
 */
import {
  getFace as textGetFace,
  findFamily,
  parseWeight,
  measure as textMeasure,
  hasGlyph,
  outlinePathData as textOutlinePathData,
  MissingGlyphError,
  isIgnorable,
  type Face,
} from '../text/index.js';

export type { Face };
export type { PlacedLine, PlacedText } from '../text/index.js';
export { parseWeight, findFamily, MissingGlyphError };

export function getFace(family: string, weight: number | string = 400): Face {
  return textGetFace(family, weight);
}

export function measure(text: string, face: Face, size: number): number {
  return textMeasure(text, face, size);
}

/** First code point of `text` that `face` lacks, or undefined. */
export function firstMissing(text: string, face: Face): number | undefined {
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!isIgnorable(ch) && !hasGlyph(face, cp)) return cp;
  }
  return undefined;
}

/** The first face of the stack covering all of `text`; throws MissingGlyphError if none does. */
export function checkGlyphs(text: string, faces: Face[], opts: { field: string }): Face {
  let missing: number | undefined;
  for (const f of faces) {
    const cp = firstMissing(text, f);
    if (cp === undefined) return f;
    missing ??= cp;
  }
  // prefer naming a character that no face of the stack has
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!isIgnorable(ch) && faces.every((f) => !hasGlyph(f, cp))) {
      missing = cp;
      break;
    }
  }
  throw new MissingGlyphError(missing!, String.fromCodePoint(missing!), opts.field, undefined, faces);
}

/** SVG path data of one line of `text` in `face`, baseline at y, left edge at x. */
export function outlinePathData(text: string, face: Face, size: number, x: number, y: number): string {
  return textOutlinePathData([text], { face, size, x, y, align: 'start' });
}
