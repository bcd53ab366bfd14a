import { codePointLabel } from '../text/messages.js';
/**
 * Every text of the dataset must be drawable by the theme's fonts: a character outside them
 * (emoji, U+20000, Arabic in a CJK theme) is refused by name before any rendering, instead of
 * failing one output after minutes of work.
 */
import { getFace, isIgnorable, hasGlyph, type Face } from '../text/index.js';

export interface GlyphProblem {
  /** 0-based index (in UTF-16 units) of the character in the text */
  index: number;
  codePoint: number;
  /** families that lack it */
  families: string[];
}

export { codePointLabel };

/** Faces every text may land in: the theme's sans and serif at their regular weight. */
export function themeFaces(fonts: {
  sans?: { family?: string; regular?: number };
  serif?: { family?: string; regular?: number };
}): Face[] {
  const out: Face[] = [];
  for (const f of [fonts.sans, fonts.serif]) {
    if (!f?.family) continue;
    const face = getFace(f.family, f.regular ?? 400);
    if (!out.some((o) => o.key === face.key)) out.push(face);
  }
  return out;
}

/** The first character of `text` some face lacks (text may land in any of them), or undefined. */
export function firstMissingGlyph(text: string, faces: Face[]): GlyphProblem | undefined {
  let index = 0;
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (!isIgnorable(ch)) {
      const lacking = faces.filter((f) => !hasGlyph(f, cp)).map((f) => f.family);
      if (lacking.length) return { index, codePoint: cp, families: lacking };
    }
    index += ch.length;
  }
  return undefined;
}

/** `U+1F600 "😀" (not in Noto Sans SC)`; lone surrogates and unassigned code points are named as such. */
export function describeMissing(p: GlyphProblem): string {
  const cp = p.codePoint;
  const label = codePointLabel(cp);
  if (cp >= 0xd800 && cp <= 0xdfff) return `${label} (a lone surrogate: broken UTF-16 text)`;
  const ch = String.fromCodePoint(cp);
  const shown = /\p{L}|\p{N}|\p{P}|\p{S}|\p{M}/u.test(ch) ? ` "${/\p{M}/u.test(ch) ? '\u25CC' : ''}${ch}"` : '';
  const kind = /\p{Co}/u.test(ch)
    ? ', a private-use character'
    : /\p{Cn}/u.test(ch)
      ? ', an unassigned code point'
      : /\p{M}/u.test(ch)
        ? ', a combining mark'
        : '';
  return `${label}${shown} (not in ${p.families.join(' or ')}${kind})`;
}
