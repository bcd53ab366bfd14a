/** Poster presets (a registry). Print sizes include 3 mm bleed on every side. */
import { aspectClass } from '../raster/index.js';

export interface PosterPreset {
  name: string;
  width: number;
  height: number;
  /** design width of the canvas the layouts are drawn on */
  design: number;
  /** print: density written into the PNG, sRGB profile, bleed in px */
  dpi?: number;
  bleed?: number;
  print?: boolean;
  note?: string;
}

const mm = (v: number, dpi: number) => Math.round((v / 25.4) * dpi);

function print(name: string, wmm: number, hmm: number, dpi = 300, bleedMm = 3): PosterPreset {
  return {
    name,
    width: mm(wmm + 2 * bleedMm, dpi),
    height: mm(hmm + 2 * bleedMm, dpi),
    design: 1080,
    dpi,
    bleed: mm(bleedMm, dpi),
    print: true,
    note: `${name.toUpperCase()} ${wmm}×${hmm} mm + ${bleedMm} mm bleed at ${dpi} dpi`,
  };
}

export const POSTER_PRESETS: Readonly<Record<string, PosterPreset>> = {
  story: { name: 'story', width: 1080, height: 1920, design: 1080, note: 'screen, 9:16' },
  wide: { name: 'wide', width: 1920, height: 1080, design: 1920, note: 'screen, 16:9' },
  a3: print('a3', 297, 420),
  a2: print('a2', 420, 594),
};

/** Built by default; A2 only when asked for (--preset a2). */
export const DEFAULT_POSTER_PRESETS = ['story', 'wide', 'a3'];

export const POSTER_LAYOUTS = ['overview', 'targets', 'highlight'] as const;
export type PosterLayout = (typeof POSTER_LAYOUTS)[number];

/** Landscape presets get their own arrangement; everything taller uses the portrait one. */
export function posterClass(p: PosterPreset): 'landscape' | 'portrait' {
  const c = aspectClass(p.width, p.height);
  return c === 'landscape' || c === 'cover' ? 'landscape' : 'portrait';
}
