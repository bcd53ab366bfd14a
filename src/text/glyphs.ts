/**
 * Missing glyphs fail loudly: every character must be in one of the faces of the
 * font stack, or the build stops naming the character, the field and the fonts.
 */
import type { Face } from './fonts.js';
import { missingGlyphMessage } from './messages.js';

/**
 * Characters that need no glyph: whitespace, controls, joiners, soft hyphen; or variation selectors (a class
 * of their own, so that none follows another character in a class, which would read as one combined character).
 */
const IGNORABLE = /[\s\p{Cc}\u00AD\u200B-\u200F\u2060-\u2064\uFEFF]|[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/u;

/** True for characters that need no glyph (whitespace, controls, joiners, variation selectors). */
export function isIgnorable(ch: string): boolean {
  return IGNORABLE.test(ch);
}

export interface GlyphWhere {
  field: string;
  layout?: string;
}

export class MissingGlyphError extends Error {
  readonly code = 'MISSING_GLYPH';
  constructor(
    readonly codePoint: number,
    readonly char: string,
    readonly field: string,
    readonly layout: string | undefined,
    readonly fonts: { family: string; weight: number; file: string }[],
  ) {
    super(missingGlyphMessage(codePoint, field, layout, fonts));
    this.name = 'MissingGlyphError';
  }
}

const coverage = new Map<string, Map<number, boolean>>();

/** Does `face` have a glyph for this code point? (cached per face) */
export function hasGlyph(face: Face, cp: number): boolean {
  let m = coverage.get(face.key);
  if (!m) {
    m = new Map();
    coverage.set(face.key, m);
  }
  let has = m.get(cp);
  if (has === undefined) {
    has = face.font.hasGlyphForCodePoint(cp);
    m.set(cp, has);
  }
  return has;
}

/** The first face of the stack that covers `cp`, or undefined. */
export function faceFor(cp: number, faces: Face[]): Face | undefined {
  return faces.find((f) => hasGlyph(f, cp));
}

/** The first face of the stack that covers every (non-ignorable) character of `text`, or undefined. */
export function faceForText(text: string, faces: Face[]): Face | undefined {
  return faces.find((f) => {
    for (const ch of text) if (!IGNORABLE.test(ch) && !hasGlyph(f, ch.codePointAt(0)!)) return false;
    return true;
  });
}

/** Code points of `text` that no face covers (ignorable characters excluded), in order, unique. */
export function missingGlyphs(text: string, faces: Face[]): number[] {
  const out: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (IGNORABLE.test(ch) || faceFor(cp, faces)) continue;
    if (!out.includes(cp)) out.push(cp);
  }
  return out;
}

/** Throws MissingGlyphError for the first character of `text` that no face in `faces` covers. */
export function checkGlyphs(text: string, faces: Face[], where: GlyphWhere): void {
  if (faces.length === 0) throw new Error(`checkGlyphs: empty font stack for ${where.field}`);
  const missing = missingGlyphs(text, faces);
  if (missing.length === 0) return;
  const cp = missing[0]!;
  throw new MissingGlyphError(
    cp,
    String.fromCodePoint(cp),
    where.field,
    where.layout,
    faces.map((f) => ({ family: f.family, weight: f.weight, file: f.file })),
  );
}
