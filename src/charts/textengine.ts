/**
 * The one place where src/charts touches the text engine (src/text).
 *
 * getFace / measure / shape come from src/text. The glyph check and the outline of a
 * single run are implemented here on top of `shape` until src/text exports its own
 * `checkGlyphs` / `outlineText`; swapping is a change in this file only.
 */
import type { Glyph } from 'fontkit';
import { getFace as textGetFace, findFamily, parseWeight, type Face } from '../text/fonts.js';
import { measure as textMeasure } from '../text/measure.js';
import { shape } from '../text/shape.js';
import { missingGlyphMessage } from '../text/messages.js';

export type { Face };
export { parseWeight, findFamily };

export function getFace(family: string, weight: number | string = 400): Face {
  return textGetFace(family, weight);
}

export function measure(text: string, face: Face, size: number): number {
  return textMeasure(text, face, size);
}

/** A glyph missing from every face of the stack: a named error, never tofu. */
export class MissingGlyphError extends Error {
  readonly exitCode = 1;
  constructor(readonly codePoint: number, readonly field: string, faces: Face[]) {
    super(missingGlyphMessage(codePoint, field, undefined, faces));
    this.name = 'MissingGlyphError';
  }
}

/** Characters that need no glyph (controls, joiners, variation selectors). */
function ignorable(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || cp === 0x200b || cp === 0x200c || cp === 0x200d ||
    (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0xfeff;
}

/** First code point of `text` that `face` lacks, or undefined. */
export function firstMissing(text: string, face: Face): number | undefined {
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!ignorable(cp) && !face.font.hasGlyphForCodePoint(cp)) return cp;
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
  // name a code point that no face of the stack has
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!ignorable(cp) && faces.every((f) => !f.font.hasGlyphForCodePoint(cp))) missing = cp;
    if (missing === cp) break;
  }
  throw new MissingGlyphError(missing!, opts.field, faces);
}

const glyphPaths = new Map<string, [string, number[]][]>();
function commandsOf(face: Face, g: Glyph): [string, number[]][] {
  const key = `${face.key}:${g.id}`;
  let c = glyphPaths.get(key);
  if (!c) {
    c = g.path.commands.map((cmd) => [cmd.command, cmd.args] as [string, number[]]);
    if (glyphPaths.size > 50_000) glyphPaths.clear();
    glyphPaths.set(key, c);
  }
  return c;
}

const LETTER: Record<string, string> = {
  moveTo: 'M', lineTo: 'L', quadraticCurveTo: 'Q', bezierCurveTo: 'C', closePath: 'Z',
};

const num = (n: number): string => {
  const r = Math.round(n * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
};

/** SVG path data of `text` set in `face`, baseline at y, starting at x (text-anchor already applied). */
export function outlinePathData(text: string, face: Face, size: number, x: number, y: number): string {
  const s = size / face.font.unitsPerEm;
  let d = '';
  for (const pg of shape(text, face, size)) {
    const gx = x + pg.x, gy = y - pg.y;
    for (const [cmd, args] of commandsOf(face, pg.glyph)) {
      d += LETTER[cmd] ?? '';
      for (let i = 0; i < args.length; i += 2) {
        d += (i ? ' ' : '') + num(gx + args[i]! * s) + ' ' + num(gy - args[i + 1]! * s);
      }
    }
  }
  return d;
}

export interface OutlineOptions {
  face: Face;
  size: number;
  x: number;
  y: number;
  align: 'start' | 'middle' | 'end';
  fill?: string;
}

/** `<path d=…/>` of one line of text (no fill attribute unless given: it inherits). */
export function outlineText(text: string, o: OutlineOptions): string {
  const w = measure(text, o.face, o.size);
  const x = o.align === 'middle' ? o.x - w / 2 : o.align === 'end' ? o.x - w : o.x;
  const d = outlinePathData(text, o.face, o.size, x, o.y);
  return d ? `<path d="${d}"${o.fill ? ` fill="${o.fill}"` : ''}/>` : '';
}
