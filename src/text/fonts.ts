/**
 * Font registry: font families from npm packages, never from the system.
 *
 * Every face is opened once with fontkit and the same `fontkit.Font` object is
 * shared by measuring, outlining and pdfkit (`doc.registerFont(face.key, face.font)`
 * — pdfkit 0.20 accepts any object with a `layout` function).
 *
 * A font file is read once per process into memory the render workers share: a paint job
 * carries the files of its faces (`fontFilesOf`), and a worker opens its faces from them
 * (`adoptFontFiles`) instead of reading the same 10–15 MB per CJK face again.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';
import { fontFileMissingMessage, unknownFamilyMessage } from './messages.js';

export interface Face {
  family: string;
  weight: number;
  /** absolute path of the TTF */
  file: string;
  font: fontkit.Font;
  /** unique id, e.g. 'NotoSansSC-700'; use as the pdfkit font name */
  key: string;
  /** the font's units per em (read once: fontkit's getter goes through its table cache every time) */
  upem: number;
}

/** package-relative file for each weight of each family */
interface FamilyDescriptor {
  keyPrefix: string;
  weights: Record<number, string>;
}

const notoSC = (pkg: string, prefix: string, weights: [number, string][]): Record<number, string> =>
  Object.fromEntries(weights.map(([w, name]) => [w, `${pkg}/${w}${name}/${prefix}_${w}${name}.ttf`]));

const SANS_WEIGHTS: [number, string][] = [
  [100, 'Thin'],
  [200, 'ExtraLight'],
  [300, 'Light'],
  [400, 'Regular'],
  [500, 'Medium'],
  [600, 'SemiBold'],
  [700, 'Bold'],
  [800, 'ExtraBold'],
  [900, 'Black'],
];

const noto = (pkg: string, prefix: string, from = 0): Record<number, string> =>
  notoSC(`@expo-google-fonts/${pkg}`, prefix, SANS_WEIGHTS.slice(from));

/**
 * Families by name. The Chinese families come in three glyph standards: SC (mainland), TC
 * (Taiwan) and HK (Hong Kong); the right one per language is `familyFor` below. Noto Sans and
 * Noto Serif are the Latin faces for English runs.
 */
export const FAMILIES: Readonly<Record<string, FamilyDescriptor>> = {
  'Noto Sans SC': { keyPrefix: 'NotoSansSC', weights: noto('noto-sans-sc', 'NotoSansSC') },
  'Noto Serif SC': { keyPrefix: 'NotoSerifSC', weights: noto('noto-serif-sc', 'NotoSerifSC', 1) },
  'Noto Sans TC': { keyPrefix: 'NotoSansTC', weights: noto('noto-sans-tc', 'NotoSansTC') },
  'Noto Serif TC': { keyPrefix: 'NotoSerifTC', weights: noto('noto-serif-tc', 'NotoSerifTC', 1) },
  'Noto Sans HK': { keyPrefix: 'NotoSansHK', weights: noto('noto-sans-hk', 'NotoSansHK') },
  'Noto Serif HK': { keyPrefix: 'NotoSerifHK', weights: noto('noto-serif-hk', 'NotoSerifHK', 1) },
  'Noto Sans': { keyPrefix: 'NotoSans', weights: noto('noto-sans', 'NotoSans') },
  'Noto Serif': { keyPrefix: 'NotoSerif', weights: noto('noto-serif', 'NotoSerif') },
  'DejaVu Sans': {
    keyPrefix: 'DejaVuSans',
    weights: {
      200: 'dejavu-fonts-ttf/ttf/DejaVuSans-ExtraLight.ttf',
      400: 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf',
      700: 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf',
    },
  },
};

/** The glyph standard a language is written in, for choosing a CJK family. */
export type Script = 'SC' | 'TC' | 'HK' | 'Latin';

export function scriptOf(lang: string): Script {
  const l = lang.toLowerCase();
  if (l === 'zh-hk' || l === 'zh-mo' || l.startsWith('zh-hant-hk') || l.startsWith('zh-hant-mo')) return 'HK';
  if (l.startsWith('zh-hant') || l === 'zh-tw') return 'TC';
  if (l === 'zh' || l.startsWith('zh-')) return 'SC';
  return 'Latin';
}

/** The same design in another glyph standard: Noto Sans SC → Noto Sans TC for zh-Hant. */
const VARIANTS: Readonly<Record<string, Partial<Record<Script, string>>>> = {
  'Noto Sans SC': { TC: 'Noto Sans TC', HK: 'Noto Sans HK' },
  'Noto Serif SC': { TC: 'Noto Serif TC', HK: 'Noto Serif HK' },
  'Noto Sans TC': { SC: 'Noto Sans SC', HK: 'Noto Sans HK' },
  'Noto Serif TC': { SC: 'Noto Serif SC', HK: 'Noto Serif HK' },
  'Noto Sans HK': { SC: 'Noto Sans SC', TC: 'Noto Sans TC' },
  'Noto Serif HK': { SC: 'Noto Serif SC', TC: 'Noto Serif TC' },
};

/** The Latin face that pairs with a CJK family, for English runs. */
const LATIN: Readonly<Record<string, string>> = {
  'Noto Sans SC': 'Noto Sans',
  'Noto Sans TC': 'Noto Sans',
  'Noto Sans HK': 'Noto Sans',
  'Noto Serif SC': 'Noto Serif',
  'Noto Serif TC': 'Noto Serif',
  'Noto Serif HK': 'Noto Serif',
};

/** The family to set `lang` in, given a theme's family: the CJK family in the language's glyph standard. */
export function familyFor(family: string, lang: string): string {
  const name = findFamily(family) ?? family;
  const script = scriptOf(lang);
  return script === 'Latin' ? name : (VARIANTS[name]?.[script] ?? name);
}

/** The Latin face paired with a family (Noto Sans for Noto Sans SC), or the family itself. */
export function latinFamilyFor(family: string): string {
  const name = findFamily(family) ?? family;
  return LATIN[name] ?? name;
}

export interface ThemeFontSpec {
  sans: { family: string; regular: number; bold: number; black: number };
  serif: { family: string; regular: number; bold: number };
}

/**
 * A theme's fonts for one language: the theme's own per-language choice (`fonts.langs`), else
 * its families in the language's glyph standard (SC, TC or HK). `latin` names the faces for
 * Latin runs inside the text, for engines that set them apart.
 */
export function fontsFor(
  fonts: ThemeFontSpec & { langs?: Readonly<Record<string, Partial<{ sans: string; serif: string }>>> },
  lang: string,
): ThemeFontSpec & { latin: { sans: string; serif: string } } {
  const own = fonts.langs?.[lang];
  const sans = own?.sans ?? familyFor(fonts.sans.family, lang);
  const serif = own?.serif ?? familyFor(fonts.serif.family, lang);
  return {
    sans: { ...fonts.sans, family: sans },
    serif: { ...fonts.serif, family: serif },
    latin: { sans: latinFamilyFor(sans), serif: latinFamilyFor(serif) },
  };
}

export const DEFAULT_FAMILY = 'Noto Sans SC';

const require = createRequire(import.meta.url);
const faces = new Map<string, Face>();

export function knownFamilies(): string[] {
  return Object.keys(FAMILIES);
}

/** Case- and quote-insensitive lookup of a family name; undefined if unknown. */
export function findFamily(name: string): string | undefined {
  const wanted = normalizeFamily(name);
  return knownFamilies().find((f) => normalizeFamily(f) === wanted);
}

function normalizeFamily(name: string): string {
  return name
    .trim()
    .replace(/^["']|["']$/g, '')
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** Parse CSS-ish weights: 400, '700', 'bold', 'normal'. */
export function parseWeight(weight: number | string | undefined | null): number {
  if (weight == null || weight === '') return 400;
  if (typeof weight === 'number') return Number.isFinite(weight) ? weight : 400;
  const w = weight.trim().toLowerCase();
  if (w === 'normal' || w === 'regular') return 400;
  if (w === 'bold') return 700;
  if (w === 'bolder') return 900;
  if (w === 'lighter') return 300;
  const n = Number(w);
  return Number.isFinite(n) ? n : 400;
}

/** Nearest available weight; ties go to the heavier weight above 500, the lighter one otherwise. */
export function nearestWeight(available: number[], wanted: number): number {
  let best = available[0]!;
  for (const w of available) {
    const d = Math.abs(w - wanted),
      bd = Math.abs(best - wanted);
    if (d < bd || (d === bd && (wanted > 500 ? w > best : w < best))) best = w;
  }
  return best;
}

/** Faces by the family and weight asked for (the name lookup normalizes every known family). */
const asked = new Map<string, Face>();

/** The face of `family` nearest to `weight`, opened once and cached. */
export function getFace(family: string = DEFAULT_FAMILY, weight: number | string = 400): Face {
  const ask = `${family}\u0000${typeof weight}\u0000${weight}`;
  const hit = asked.get(ask);
  if (hit) return hit;
  const face = openFace(family, weight);
  asked.set(ask, face);
  return face;
}

function openFace(family: string, weight: number | string): Face {
  const name = findFamily(family);
  if (!name) throw new Error(unknownFamilyMessage(family, knownFamilies()));
  const desc = FAMILIES[name]!;
  const w = nearestWeight(Object.keys(desc.weights).map(Number), parseWeight(weight));
  const key = `${desc.keyPrefix}-${w}`;
  const cached = faces.get(key);
  if (cached) return cached;
  const spec = desc.weights[w]!;
  let file: string;
  try {
    file = require.resolve(spec);
  } catch {
    throw new Error(fontFileMissingMessage(name, w, spec));
  }
  const opened = fontkit.create(Buffer.from(fontBytes(file)));
  const font = keepCodePoints('fonts' in opened ? (opened.fonts[0] as fontkit.Font) : (opened as fontkit.Font));
  const face: Face = { family: name, weight: w, file, font, key, upem: font.unitsPerEm };
  faces.set(key, face);
  return face;
}

/** Font files' bytes by path, shared with the render workers this process starts. */
const files = new Map<string, SharedArrayBuffer>();

/** A font file's bytes (read once per process; shared with the threads it starts). */
export function fontBytes(file: string): SharedArrayBuffer {
  let bytes = files.get(file);
  if (!bytes) {
    const fd = openSync(file, 'r');
    try {
      const size = fstatSync(fd).size;
      bytes = new SharedArrayBuffer(size);
      const view = Buffer.from(bytes);
      for (let at = 0; at < size; ) {
        const n = readSync(fd, view, at, size - at, at);
        if (n === 0) throw new Error(`${file}: ended at byte ${at} of ${size}`);
        at += n;
      }
    } finally {
      closeSync(fd);
    }
    files.set(file, bytes);
  }
  return bytes;
}

/** The files of these faces, in memory another thread can open them from (`adoptFontFiles`). */
export function fontFilesOf(faces: Iterable<Pick<Face, 'file'>>): Record<string, SharedArrayBuffer> {
  const out: Record<string, SharedArrayBuffer> = {};
  for (const f of faces) out[f.file] ??= fontBytes(f.file);
  return out;
}

/** Take font files another thread read (`fontFilesOf`): faces from them open without reading. */
export function adoptFontFiles(given: Readonly<Record<string, SharedArrayBuffer>>): void {
  for (const [file, bytes] of Object.entries(given)) if (!files.has(file)) files.set(file, bytes);
}

/**
 * fontkit keeps a glyph object per glyph id with the characters of its first request. The faces
 * are shared by every PDF this process writes, and a PDF's subset adds a composite glyph's parts
 * without characters (the period inside another glyph): a later document's text then asked for
 * that glyph and got it with none, and its text layer lost the character ("U.S." copied as
 * "U S"). A glyph made without its characters takes them when text asks for it.
 */
function keepCodePoints(font: fontkit.Font): fontkit.Font {
  const f = font as unknown as { getGlyph(id: number, codePoints?: number[]): fontkit.Glyph };
  const get = f.getGlyph.bind(f);
  f.getGlyph = (id, codePoints) => {
    const glyph = get(id, codePoints);
    if (codePoints?.length && !glyph.codePoints?.length) (glyph as { codePoints: number[] }).codePoints = codePoints;
    return glyph;
  };
  return font;
}

/** Faces for a fallback stack, in order (unknown families throw). */
export function fontStack(families: string[], weight: number | string = 400): Face[] {
  return families.map((f) => getFace(f, weight));
}

/** Faces opened so far (e.g. to register them all with a PDF document). */
export function openedFaces(): Face[] {
  return [...faces.values()];
}

const versions = new Map<string, string>();

/**
 * The identity of the fonts a text in these families is set in: each family's npm package and
 * its version (a font's outlines change only with its package). Part of every poster's and
 * card's input hash.
 */
export function fontIdentity(families: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of [...new Set(families)].sort()) {
    const name = findFamily(f);
    const spec = name ? Object.values(FAMILIES[name]!.weights)[0] : undefined;
    if (!name || !spec) {
      out[f] = 'unknown';
      continue;
    }
    const parts = spec.split('/');
    const pkg = spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
    let v = versions.get(pkg);
    if (v === undefined) {
      try {
        v = (require(`${pkg}/package.json`) as { version?: string }).version ?? 'unknown';
      } catch {
        v = 'missing';
      }
      versions.set(pkg, v);
    }
    out[name] = `${pkg}@${v}`;
  }
  return out;
}

/**
 * A theme's fonts for one dataset: a language written in Latin letters (English) next to a
 * Chinese language is set in the same glyph standard as that Chinese (TC beside zh-Hant, HK
 * beside zh-HK), so a Traditional article never falls back to mainland forms in its English
 * text. The theme's own per-language choices stay.
 */
export function fontsForDataset<F extends Parameters<typeof fontsFor>[0]>(fonts: F, langs: readonly string[]): F {
  const cjk = langs.find((l) => scriptOf(l) !== 'Latin');
  if (!cjk || scriptOf(cjk) === 'SC') return fonts;
  const own = fonts.langs ?? {};
  const extra: Record<string, Partial<{ sans: string; serif: string }>> = {};
  for (const l of langs) {
    if (scriptOf(l) !== 'Latin' || own[l]) continue;
    const f = fontsFor(fonts, cjk);
    extra[l] = { sans: f.sans.family, serif: f.serif.family };
  }
  return Object.keys(extra).length ? { ...fonts, langs: { ...own, ...extra } } : fonts;
}

/** Every family a theme sets text in for these languages (CJK and Latin faces). */
export function themeFamilies(fonts: Parameters<typeof fontsFor>[0], langs: string[]): string[] {
  return langs.flatMap((l) => {
    const f = fontsFor(fonts, l);
    return [f.sans.family, f.serif.family, f.latin.sans, f.latin.serif];
  });
}
