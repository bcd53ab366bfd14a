/**
 * Colour for the two variants. Screen: the theme's sRGB as is. Print: every colour is
 * DeviceCMYK and goes through ONE conversion per print profile, `CmykConverter.convert`: an ICC
 * transform by libvips (through sharp) from sRGB IEC 61966-2.1 to the theme's print profile
 * (src/render/pdf/icc.ts; the same profile the PDF/X OutputIntent embeds), with the profile's
 * own black generation. Sharp is asynchronous, so `prepare()` converts, in one call, the exact
 * colours we know of (theme, palette, chart colours) and a 33³ grid of the RGB cube; `convert`
 * then answers synchronously: exactly for prepared colours, by trilinear interpolation of the
 * ICC grid for anything else (how colour management engines evaluate a profile's lookup tables
 * anyway).
 *
 * The 100 % K rule: body text and small type (and hairlines) print in black ink only,
 * never four-colour black: `inkCmyk()` returns [0, 0, 0, 100].
 */
import type { PrintProfile } from './icc.js';

export type Rgb = [number, number, number];
/** CMYK in percent (pdfkit's convention for 4-element colours) */
export type Cmyk = [number, number, number, number];

const N = 33;

export function parseColor(css: string): Rgb {
  const s = css.trim().toLowerCase();
  let m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(s);
  if (m) return [parseInt(m[1]! + m[1], 16), parseInt(m[2]! + m[2], 16), parseInt(m[3]! + m[3], 16)];
  m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/.exec(s);
  if (m) return [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)];
  m = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/.exec(s);
  if (m) return [Number(m[1]), Number(m[2]), Number(m[3])];
  if (s === 'black') return [0, 0, 0];
  if (s === 'white') return [255, 255, 255];
  throw new Error(`Unsupported colour "${css}" (use #rrggbb)`);
}

const keyOf = (rgb: Rgb) => rgb.map((v) => Math.round(v)).join(',');
const round1 = (v: number) => Math.round(v * 10) / 10;

/** sRGB → CMYK through one ICC output profile. */
export interface CmykConverter {
  profile: PrintProfile;
  /** convert, with the ICC profile, the given colours and the lookup grid; call before drawing */
  prepare(colors?: Iterable<string | Rgb>): Promise<void>;
  /** THE conversion: sRGB (0–255) → CMYK (0–100) through the profile */
  convert(rgb: Rgb): Cmyk;
}

const converters = new Map<string, CmykConverter>();

/** The converter of a profile (one per profile and process: its grid is computed once). */
export function cmykConverter(profile: PrintProfile): CmykConverter {
  const key = `${profile.name}:${profile.hash}`;
  let c = converters.get(key);
  if (!c) {
    c = makeConverter(profile);
    converters.set(key, c);
  }
  return c;
}

function makeConverter(profile: PrintProfile): CmykConverter {
  let lut: Uint8Array | undefined;
  const exact = new Map<string, Cmyk>();
  return {
    profile,
    async prepare(colors = []) {
      const wanted: Rgb[] = [];
      for (const c of colors) {
        const rgb = typeof c === 'string' ? parseColor(c) : c;
        if (!exact.has(keyOf(rgb))) wanted.push(rgb.map((v) => Math.round(v)) as Rgb);
      }
      if (lut && wanted.length === 0) return;
      const grid = lut ? 0 : N * N * N;
      const px = Buffer.alloc((grid + wanted.length) * 3);
      let i = 0;
      for (let r = 0; r < (lut ? 0 : N); r++)
        for (let g = 0; g < N; g++)
          for (let b = 0; b < N; b++) {
            px[i++] = Math.round((r * 255) / (N - 1));
            px[i++] = Math.round((g * 255) / (N - 1));
            px[i++] = Math.round((b * 255) / (N - 1));
          }
      for (const rgb of wanted) for (const v of rgb) px[i++] = v;
      const out = await toCmykPixels(profile, px, grid + wanted.length, 1);
      if (!lut) lut = new Uint8Array(out.subarray(0, grid * 4));
      wanted.forEach((rgb, k) => {
        const o = (grid + k) * 4;
        exact.set(keyOf(rgb), [0, 1, 2, 3].map((c) => round1((out[o + c]! / 255) * 100)) as Cmyk);
      });
    },
    convert(rgb) {
      const hit = exact.get(keyOf(rgb));
      if (hit) return [...hit] as Cmyk;
      if (!lut) throw new Error('CmykConverter.convert: call prepare() first');
      const f = rgb.map((v) => (Math.max(0, Math.min(255, v)) / 255) * (N - 1));
      const i0 = f.map((v) => Math.min(N - 2, Math.floor(v)));
      const t = f.map((v, k) => v - i0[k]!);
      const res = [0, 0, 0, 0];
      for (let corner = 0; corner < 8; corner++) {
        const d = [(corner >> 2) & 1, (corner >> 1) & 1, corner & 1];
        let w = 1;
        for (let k = 0; k < 3; k++) w *= d[k] ? t[k]! : 1 - t[k]!;
        if (w === 0) continue;
        const idx = (((i0[0]! + d[0]!) * N + (i0[1]! + d[1]!)) * N + (i0[2]! + d[2]!)) * 4;
        for (let c = 0; c < 4; c++) res[c]! += w * lut[idx + c]!;
      }
      return res.map((v) => round1((v / 255) * 100)) as Cmyk;
    },
  };
}

/** Raw sRGB pixels (3 channels) → raw CMYK pixels (4 channels, 0–255 = 0–100 %) through the profile. */
export async function toCmykPixels(profile: PrintProfile, rgb: Buffer, width: number, height: number): Promise<Buffer> {
  const { default: sharp } = await import('sharp');
  const { data, info } = await sharp(rgb, { raw: { width, height, channels: 3 } })
    .withIccProfile(profile.sharpProfile)
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 4)
    throw new Error(`print profile ${profile.name}: expected CMYK pixels, got ${info.channels} channels`);
  return data;
}

/** Solid black ink only. */
export const inkCmyk = (): Cmyk => [0, 0, 0, 100];

/** A pdfkit colour: CSS hex (screen) or CMYK percentages (print). */
export type PdfColor = string | Cmyk;

/** Below this size, type is "small" and prints in 100 % K whatever its colour. */
export const SMALL_TYPE_PT = 14;

export interface ColorSpace {
  cmyk: boolean;
  /** a fill/stroke colour (backgrounds, rules, chart marks) */
  fill(css: string): PdfColor;
  /**
   * a text colour: on screen the colour itself; in print 100 % K for ink-coloured or
   * small type, the ICC conversion for large coloured display type.
   */
  text(css: string, size: number, ink: string): PdfColor;
  /** the hook charts use for every fill and stroke */
  chart(css: string): PdfColor;
}

export function colorSpace(conv: CmykConverter | undefined, paper = '#ffffff'): ColorSpace {
  if (!conv) {
    return { cmyk: false, fill: (c) => c, text: (c) => c, chart: (c) => c };
  }
  const cmyk = true;
  const fill = (css: string): Cmyk => conv.convert(parseColor(css));
  const same = (a: string, b: string) => keyOf(parseColor(a)) === keyOf(parseColor(b));
  /** white and the theme's paper are the sheet itself: no ink */
  const noInk = (css: string) => same(css, '#ffffff') || same(css, paper);
  return {
    cmyk,
    fill: (css) => (noInk(css) ? [0, 0, 0, 0] : fill(css)),
    text: (css, size, ink) =>
      noInk(css) ? [0, 0, 0, 0] : size < SMALL_TYPE_PT || isNeutralDark(css) || same(css, ink) ? inkCmyk() : fill(css),
    chart: (css) => (noInk(css) ? [0, 0, 0, 0] : isNeutralDark(css) ? inkCmyk() : fill(css)),
  };
}

/** near-black greys (chart labels and axes) → black ink rather than a four-colour mix */
function isNeutralDark(css: string): boolean {
  const [r, g, b] = parseColor(css);
  return Math.max(r, g, b) - Math.min(r, g, b) < 24 && Math.max(r, g, b) < 90;
}

/**
 * Safety net for the print variant: any RGB colour that reaches pdfkit anyway (a default
 * black, an SVG default) is converted by the same function instead of writing DeviceRGB.
 */
export function enforceCmyk(doc: unknown, conv: CmykConverter): void {
  const d = doc as { _normalizeColor(c: unknown): unknown; ref(data?: unknown): unknown };
  // transparency groups (svg-to-pdfkit opens them for opacity) blend in CMYK too
  const ref = d.ref.bind(d);
  d.ref = (data?: unknown) => {
    const g = (data as { Group?: { CS?: string } } | undefined)?.Group;
    if (g && g.CS === 'DeviceRGB') g.CS = 'DeviceCMYK';
    return ref(data);
  };
  const orig = d._normalizeColor.bind(d);
  // the 100 % K rule at the text operator: small type set in a colour (a chart's value
  // labels, drawn by svg-to-pdfkit straight into the content stream) prints in black ink;
  // reversed-out white (no ink) stays as it is. The colour in force is restored after ET.
  const t = doc as {
    addContent(s: string): unknown;
    _fillColor?: [unknown, unknown];
    fillColor(c: unknown, o?: unknown): unknown;
  };
  const add = t.addContent.bind(t);
  let forced = false;
  t.addContent = (data: string) => {
    const r = add(data);
    const m = typeof data === 'string' ? /^\/\S+ ([\d.]+) Tf$/.exec(data) : null;
    if (m && Number(m[1]) < SMALL_TYPE_PT && t._fillColor) {
      const n = d._normalizeColor(t._fillColor[0]) as number[] | null;
      const noInk = n?.every((v) => v === 0);
      const kOnly = n && n.length === 4 && n[0] === 0 && n[1] === 0 && n[2] === 0;
      if (n && !noInk && !kOnly) {
        add('/DeviceCMYK cs\n0 0 0 1 scn');
        forced = true;
      }
    } else if (data === 'ET' && forced) {
      forced = false;
      const prev = t._fillColor!;
      t.fillColor(prev[0], prev[1]);
    }
    return r;
  };
  d._normalizeColor = (c: unknown) => {
    const n = orig(c);
    if (Array.isArray(n) && n.length === 3) {
      const rgb = (n as number[]).map((v) => v * 255) as Rgb;
      const k = isNeutralDark(`rgb(${rgb.join(',')})`) ? inkCmyk() : conv.convert(rgb);
      return k.map((v) => v / 100);
    }
    return n;
  };
}
