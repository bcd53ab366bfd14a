/**
 * Per-run font fallback: a line of mixed text set in two faces. Latin runs (words in Latin
 * letters, with the digits, spaces and punctuation between them) are set in a Latin face
 * (Noto Sans / Noto Serif), the rest in the CJK face of the language (Noto Sans SC / TC / HK),
 * so English inside Chinese, and English text on its own, gets proportional letters and
 * quotes instead of the CJK font's full-width ones.
 *
 * Which face a neutral character (digit, space, ASCII punctuation, quotes, dashes) takes:
 * in a text whose primary face is Latin, the Latin face; in a CJK text, the Latin face only
 * when it sits between Latin letters (or between a Latin letter and the text's edge), so
 * 1570.6万人 and “十三五” keep the CJK face's figures and full-width quotes.
 */
import type { Face } from './fonts.js';
import { hasGlyph, isIgnorable } from './glyphs.js';
import { ems, measure, measureDrawn } from './measure.js';

/** A primary face and the face for the other script (either may be the same face). */
export interface FacePair {
  /** the face the text is set in (its language's) */
  face: Face;
  /** the Latin face when `face` is a CJK face, or the CJK face when `face` is Latin */
  other?: Face;
  /** whether `face` is the Latin one (an English text), else the CJK one */
  latinPrimary?: boolean;
}

export interface Run {
  text: string;
  face: Face;
  /** offsets in the line */
  start: number;
  end: number;
}

const LATIN_LETTER = /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u;
const CJK_STRONG =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF01-\uFF60\uFE10-\uFE4F\u3200-\u33FF]/u;

type Cls = 'L' | 'C' | 'N';
const clsOf = (ch: string): Cls => (LATIN_LETTER.test(ch) ? 'L' : CJK_STRONG.test(ch) ? 'C' : 'N');

/** Runs by face pair, then text (the text is not copied into a longer key on every lookup). */
const runCache = new Map<string, Map<string, Run[]>>();
let cachedRuns = 0;

/** The runs of `text`: each maximal span set in one face. A single face gives one run. */
export function splitRuns(text: string, fp: FacePair): Run[] {
  const other = fp.other;
  if (!other || other.key === fp.face.key || text.length === 0)
    return text.length ? [{ text, face: fp.face, start: 0, end: text.length }] : [];
  const pairKey = `${fp.face.key}|${other.key}|${fp.latinPrimary ? 1 : 0}`;
  let perPair = runCache.get(pairKey);
  if (!perPair) {
    perPair = new Map();
    runCache.set(pairKey, perPair);
  }
  const hit = perPair.get(text);
  if (hit) return hit;
  const latin = fp.latinPrimary ? fp.face : other;
  const cjk = fp.latinPrimary ? other : fp.face;
  const chars = Array.from(text);
  const cls = chars.map(clsOf);
  // neutrals take the face of their strong neighbours
  const resolved: ('L' | 'C')[] = new Array(chars.length);
  for (let i = 0; i < chars.length; i++) {
    const c = cls[i]!;
    if (c !== 'N') {
      resolved[i] = c;
      continue;
    }
    let l: Cls | undefined, r: Cls | undefined;
    for (let j = i - 1; j >= 0 && !l; j--) if (cls[j] !== 'N') l = cls[j];
    for (let j = i + 1; j < chars.length && !r; j++) if (cls[j] !== 'N') r = cls[j];
    if (fp.latinPrimary) resolved[i] = 'L';
    else resolved[i] = (l === 'L' || l === undefined) && (r === 'L' || r === undefined) && (l || r) ? 'L' : 'C';
  }
  const runs: Run[] = [];
  let at = 0;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    let f = resolved[i] === 'L' ? latin : cjk;
    // a character the chosen face lacks is set in the other one (the glyph check names it if neither has it)
    if (!isIgnorable(ch) && !hasGlyph(f, ch.codePointAt(0)!)) {
      const alt = f === latin ? cjk : latin;
      if (hasGlyph(alt, ch.codePointAt(0)!)) f = alt;
    }
    const last = runs[runs.length - 1];
    if (last && last.face === f) {
      last.text += ch;
      last.end = at + ch.length;
    } else runs.push({ text: ch, face: f, start: at, end: at + ch.length });
    at += ch.length;
  }
  if (++cachedRuns > 50_000) {
    for (const m of runCache.values()) m.clear();
    cachedRuns = 1;
  }
  perPair.set(text, runs);
  return runs;
}

/** Advance width of mixed text: the sum of its runs' widths (letter spacing between every glyph). */
export function measureRuns(text: string, fp: FacePair, size: number, letterSpacing = 0): number {
  if (!fp.other) return measure(text, fp.face, size, letterSpacing);
  let w = 0;
  const runs = splitRuns(text, fp);
  for (const r of runs) w += measure(r.text, r.face, size, letterSpacing);
  return letterSpacing && runs.length > 1 ? w + letterSpacing * (runs.length - 1) : w;
}

/**
 * The widths of `text`'s runs in ems, in order: `measureRuns` without letter spacing is exactly
 * these times the size, added up from 0 in this order. A caller that measures one text at many
 * sizes (the breaker's segments) splits and looks it up once.
 */
export function runEms(text: string, fp: FacePair): number[] {
  if (!fp.other) return [ems(text, fp.face)];
  return splitRuns(text, fp).map((r) => ems(r.text, r.face));
}

/** The faces `text` uses (for glyph checks and font registration). */
export function facesOf(fp: FacePair): Face[] {
  return fp.other && fp.other.key !== fp.face.key ? [fp.face, fp.other] : [fp.face];
}

/** A placed run: its text, face and x offset from the line's start. */
export interface PlacedRun extends Run {
  x: number;
  width: number;
}

/** The runs of a line about to be drawn, with their x offsets (from 0). */
export function placeRuns(text: string, fp: FacePair, size: number): PlacedRun[] {
  let x = 0;
  return splitRuns(text, fp).map((r) => {
    const width = measureDrawn(r.text, r.face, size);
    const p = { ...r, x, width };
    x += width;
    return p;
  });
}
