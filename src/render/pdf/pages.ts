/**
 * Page presets (a registry: add a line to add a size), and the print geometry around
 * the trim: bleed, slug with crop marks, and the PDF boxes.
 */

export const MM = 72 / 25.4;

export interface PagePreset {
  name: string;
  label: string;
  /** trim size in mm */
  widthMm: number;
  heightMm: number;
  /** text columns of the body flow */
  columns: number;
  /** base body size in pt (larger sheets read from further away) */
  bodySize: number;
  /** margins in mm: top, right, bottom, left (inside the trim) */
  marginsMm: [number, number, number, number];
}

export const PAGE_PRESETS: Readonly<Record<string, PagePreset>> = {
  a4: {
    name: 'a4',
    label: 'A4 (210 × 297 mm)',
    widthMm: 210,
    heightMm: 297,
    columns: 1,
    bodySize: 10.5,
    marginsMm: [22, 22, 20, 22],
  },
  a3: {
    name: 'a3',
    label: 'A3 (297 × 420 mm)',
    widthMm: 297,
    heightMm: 420,
    columns: 2,
    bodySize: 11,
    marginsMm: [26, 22, 24, 22],
  },
  tabloid: {
    name: 'tabloid',
    label: 'Tabloid newspaper page (280 × 430 mm)',
    widthMm: 280,
    heightMm: 430,
    columns: 2,
    bodySize: 11,
    marginsMm: [26, 18, 24, 18],
  },
  letter: {
    name: 'letter',
    label: 'US Letter (8.5 × 11 in)',
    widthMm: 215.9,
    heightMm: 279.4,
    columns: 1,
    bodySize: 10.5,
    marginsMm: [20, 20, 18, 20],
  },
};

/** The page names `build --page` accepts. */
export const PAGE_NAMES = Object.keys(PAGE_PRESETS);

/** What a theme may say about the report's arrangement (`report:` in templates/themes/<name>.yaml). */
export interface ReportArrangement {
  /** text columns: 1 or 2 (default: the page's, 1 for A4 and Letter, 2 for A3 and tabloid) */
  columns?: number;
  /** body type size in pt (default: the page's; two columns on a one-column page: 1 pt less, a newspaper's measure) */
  bodySize?: number;
  /** margins in mm: top, right, bottom, left */
  marginsMm?: [number, number, number, number];
}

/** The page's columns, body size and margins, as the theme arranges them. */
export function arrangement(
  preset: PagePreset,
  theme: { report?: ReportArrangement },
): { columns: number; bodySize: number; marginsMm: [number, number, number, number] } {
  const r = theme.report ?? {};
  const columns = r.columns ?? preset.columns;
  if (!(Number.isInteger(columns) && columns >= 1 && columns <= 3))
    throw new Error(`theme report.columns: expected 1, 2 or 3, found ${String(r.columns)}`);
  // more columns than the page was drawn for: a newspaper's narrower margins and measure
  const denser = columns > preset.columns;
  const bodySize = r.bodySize ?? (denser ? preset.bodySize - 1 : preset.bodySize);
  if (!(bodySize >= 6 && bodySize <= 16))
    throw new Error(`theme report.bodySize: expected 6 to 16 pt, found ${String(r.bodySize)}`);
  const marginsMm =
    r.marginsMm ??
    (denser
      ? (preset.marginsMm.map((m) => Math.round(m * 0.75)) as [number, number, number, number])
      : preset.marginsMm);
  return { columns, bodySize, marginsMm };
}

export const DEFAULT_PRESET = 'a4';
export const DEFAULT_BLEED_MM = 3;
/** space outside the bleed that carries the crop marks */
export const SLUG_MM = 9;

export function getPreset(name: string = DEFAULT_PRESET): PagePreset {
  const p = PAGE_PRESETS[name.toLowerCase()];
  if (!p) throw new Error(`Unknown page preset "${name}"; known: ${Object.keys(PAGE_PRESETS).join(', ')}`);
  return p;
}

export interface PageGeometry {
  preset: PagePreset;
  print: boolean;
  /** trim size in pt */
  width: number;
  height: number;
  /** bleed and slug in pt (0 on screen) */
  bleed: number;
  slug: number;
  /** media size in pt (trim + 2 × (bleed + slug)) */
  mediaWidth: number;
  mediaHeight: number;
  /** offset of the trim's top-left corner in the media */
  offset: number;
  margins: { top: number; right: number; bottom: number; left: number };
}

export function geometry(preset: PagePreset, print: boolean, bleedMm = DEFAULT_BLEED_MM): PageGeometry {
  if (!(bleedMm >= 0 && bleedMm <= 20)) throw new Error(`Bleed must be between 0 and 20 mm, got ${bleedMm}`);
  const width = preset.widthMm * MM,
    height = preset.heightMm * MM;
  const bleed = print ? bleedMm * MM : 0;
  const slug = print ? SLUG_MM * MM : 0;
  const offset = bleed + slug;
  const [t, r, b, l] = preset.marginsMm.map((m) => m * MM) as [number, number, number, number];
  return {
    preset,
    print,
    width,
    height,
    bleed,
    slug,
    offset,
    mediaWidth: width + 2 * offset,
    mediaHeight: height + 2 * offset,
    margins: { top: t, right: r, bottom: b, left: l },
  };
}

const r3 = (n: number) => Math.round(n * 1000) / 1000;

/** PDF boxes in PDF user space (origin bottom-left): [llx, lly, urx, ury]. */
export function boxes(g: PageGeometry): { media: number[]; bleed: number[]; trim: number[] } {
  const o = g.offset;
  return {
    media: [0, 0, r3(g.mediaWidth), r3(g.mediaHeight)],
    bleed: [r3(o - g.bleed), r3(o - g.bleed), r3(o + g.width + g.bleed), r3(o + g.height + g.bleed)],
    trim: [r3(o), r3(o), r3(o + g.width), r3(o + g.height)],
  };
}

/**
 * Crop marks: at each trim corner, two short lines in the slug, starting just outside
 * the bleed so they never print on the sheet. Coordinates in trim space (top-left origin).
 */
export function cropMarks(g: PageGeometry): [number, number, number, number][] {
  const gap = g.bleed + 1 * MM; // start past the bleed
  const len = g.slug - 2 * MM; // end before the media edge
  const out: [number, number, number, number][] = [];
  for (const x of [0, g.width]) {
    for (const y of [0, g.height]) {
      const sx = x === 0 ? -1 : 1,
        sy = y === 0 ? -1 : 1;
      out.push([x + sx * gap, y, x + sx * (gap + len), y]); // horizontal mark on the trim line y
      out.push([x, y + sy * gap, x, y + sy * (gap + len)]); // vertical mark on the trim line x
    }
  }
  return out;
}
