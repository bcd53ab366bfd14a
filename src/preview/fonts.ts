/**
 * The gallery's own fonts: every character its page shows, drawn by the npm Noto fonts the
 * outputs use, written beside it as WOFF2 subsets (<out>/.gallery/fonts/) with `@font-face`
 * rules, so the page looks the same on a machine with no CJK (or any) system fonts.
 *
 * A character goes to the first face that has it: Noto Sans (Latin, Greek, Cyrillic), then
 * Noto Sans SC, TC and HK. Each subset's `unicode-range` lists exactly the characters it
 * holds, so the browser takes every character from one of them. Subsets are rewritten only when
 * the characters or the font packages change (a stamp beside them).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { getFace } from '../text/fonts.js';
import { writeAtomic } from '../write/atomic.js';

/** Font family name the gallery's CSS uses. */
export const GALLERY_FAMILY = 'datapress gallery';
export const FONTS_DIR = '.gallery/fonts';
const FAMILIES = ['Noto Sans', 'Noto Sans SC', 'Noto Sans TC', 'Noto Sans HK'];
const WEIGHTS = [400, 700];

export interface GalleryFonts {
  /** the @font-face rules (URLs relative to the page) */
  css: string;
  /** characters no face has (shown by whatever the browser finds) */
  missing: string[];
}

/** Write subsets for the characters of `text` into <outDir>/.gallery/fonts/; returns their @font-face rules. */
export async function writeGalleryFonts(outDir: string, text: string): Promise<GalleryFonts> {
  const chars = [...new Set([...text].filter((c) => c.codePointAt(0)! >= 0x20))].sort(
    (a, b) => a.codePointAt(0)! - b.codePointAt(0)!,
  );
  const dir = join(outDir, FONTS_DIR);
  const rules: string[] = [];
  const kept = new Set<string>();
  const missing = new Set<string>();
  for (const weight of WEIGHTS) {
    const faces = FAMILIES.map((f) => getFace(f, weight));
    const groups = new Map<(typeof faces)[number], string[]>();
    for (const c of chars) {
      const face = faces.find((f) => f.font.hasGlyphForCodePoint(c.codePointAt(0)!));
      if (!face) {
        if (!/\s/.test(c)) missing.add(c);
        continue;
      }
      groups.set(face, [...(groups.get(face) ?? []), c]);
    }
    for (const [face, cs] of groups) {
      const name = `${face.key}.woff2`;
      kept.add(name);
      const file = join(dir, name);
      const stamp = join(dir, `${face.key}.sha256`);
      const hash = createHash('sha256').update(face.file).update('\0').update(cs.join('')).digest('hex');
      if (!existsSync(file) || !existsSync(stamp) || readFileSync(stamp, 'utf8').trim() !== hash) {
        const { default: subsetFont } = await import('subset-font');
        const bytes = await subsetFont(readFileSync(face.file), cs.join(''), { targetFormat: 'woff2' });
        mkdirSync(dir, { recursive: true });
        writeAtomic(file, bytes);
        writeAtomic(stamp, `${hash}\n`);
      }
      kept.add(`${face.key}.sha256`);
      rules.push(
        `@font-face {\n  font-family: "${GALLERY_FAMILY}";\n  src: url("${FONTS_DIR}/${name}") format("woff2");\n` +
          `  font-weight: ${weight};\n  font-display: block;\n  unicode-range: ${unicodeRange(cs)};\n}`,
      );
    }
  }
  // subsets of faces no longer needed
  if (existsSync(dir)) for (const f of readdirSync(dir)) if (!kept.has(f)) rmSync(join(dir, f), { force: true });
  return { css: `${rules.join('\n')}\n`, missing: [...missing] };
}

/** `U+20-7E, U+4E00, …`: the characters as ranges. */
export function unicodeRange(chars: string[]): string {
  const cps = [...new Set(chars.map((c) => c.codePointAt(0)!))].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < cps.length; ) {
    let j = i;
    while (j + 1 < cps.length && cps[j + 1] === cps[j]! + 1) j++;
    const hex = (n: number) => n.toString(16).toUpperCase();
    out.push(i === j ? `U+${hex(cps[i]!)}` : `U+${hex(cps[i]!)}-${hex(cps[j]!)}`);
    i = j + 1;
  }
  return out.join(', ');
}
