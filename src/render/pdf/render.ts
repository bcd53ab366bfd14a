/**
 * The report typesetter: structure → measure → flow → draw. Loaded lazily by the planner's
 * render() (it pulls in pdfkit, sharp, Vega).
 */
import { closeSync, existsSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';
import { parseDate, pointStart, say } from '../../format/index.js';
import type { Model } from '../../model/types.js';
import type { Theme } from '../../theme/types.js';
import { imageSize } from '../../validate/image.js';
import { type ChartArt, chartSvg, loadChartDrawer } from './charts.js';
import { cmykConverter, type CmykConverter, toCmykPixels } from './color.js';
import { drawDocument, type PhotoData } from './draw.js';
import { type Frame, type Pagination, paginate } from './flow.js';
import { loadProfile, profileName } from './icc.js';
import {
  chartKey,
  type Fonts,
  measureDocument,
  mix,
  type PhotoArt,
  type RItem,
  rowSplit,
  themeFonts,
} from './measure.js';
import { arrangement, DEFAULT_BLEED_MM, geometry, getPreset, MM, type PageGeometry } from './pages.js';
import { type PdfXVersion, svgHasTransparency } from './pdfx.js';
import { type Block, buildStructure, type PhotoFile, REPORT_TEMPLATE, type ReportDocument } from './structure.js';

export type Variant = 'screen' | 'print';

export interface ReportOptions {
  /** [primary, …summary languages] */
  langs: string[];
  variant: Variant;
  /** page preset name (a4, a3, tabloid, letter); default a4 */
  preset?: string;
  /** print bleed in mm; default 3 */
  bleedMm?: number;
  /** project root (templates/) */
  root: string;
}

/** The largest photo the report decodes: refused by name, from its header, before decoding. */
export const PHOTO_MAX_PIXELS = 50_000_000;

/** CreationDate/ModDate: SOURCE_DATE_EPOCH if set, else the dataset's publication date. Never the clock. */
export function documentDate(model: Pick<Model, 'meta'>, env: NodeJS.ProcessEnv = process.env): Date {
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  const p = parseDate(model.meta.date);
  if (typeof p === 'string') throw new Error(`meta.date "${model.meta.date}": expected ${p}`);
  return new Date(pointStart(p) * 86_400_000);
}

/** Every chart with the width it is drawn at: a column's, or its share of a row. */
function chartsOf(blocks: Block[], colW: number): { ref: string; lang: string; width: number }[] {
  const out: { ref: string; lang: string; width: number }[] = [];
  const split = rowSplit(colW);
  const walk = (b: Block, width: number) => {
    if (b.type === 'chart') out.push({ ref: b.ref, lang: b.lang, width });
    if (b.type === 'section' || b.type === 'keep') for (const k of b.children) walk(k, width);
    if (b.type === 'row') {
      const paired =
        split && b.children.some((k) => k.type === 'figures') && b.children.some((k) => k.type === 'chart');
      for (const k of b.children) {
        walk(k, width);
        if (paired) walk(k, split.chart);
      }
    }
  };
  for (const b of blocks) walk(b, colW);
  return out;
}

/** The photos with an image file, resolved against the data file's folder. */
export function photoFiles(model: Model): PhotoFile[] {
  const base = path.dirname(path.resolve(model.file));
  const out: PhotoFile[] = [];
  (model.photos ?? []).forEach((p, index) => {
    if (!p.image) return;
    const file = path.isAbsolute(p.image) ? p.image : path.join(base, p.image);
    if (!existsSync(file))
      throw new Error(`photos[${index}].image: expected an image file that exists, found ${JSON.stringify(p.image)}`);
    out.push({ index, file });
  });
  return out;
}

/** Read a photo's size from its header; refuse one over PHOTO_MAX_PIXELS before decoding it. */
async function photoSize(file: string, field: string): Promise<PhotoArt> {
  // the size from the file's header first (the validator's reader): a huge image is refused unread
  const head = Buffer.alloc(256 * 1024);
  const fd = openSync(file, 'r');
  let got: number;
  try {
    got = readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  const dim = imageSize(head.subarray(0, got));
  if (dim && dim.width * dim.height > PHOTO_MAX_PIXELS)
    throw new Error(
      `${field}: expected a photo of at most ${PHOTO_MAX_PIXELS / 1e6} megapixels, found ${dim.width}×${dim.height} (${Math.round((dim.width * dim.height) / 1e5) / 10} megapixels)`,
    );
  const { default: sharp } = await import('sharp');
  let meta: { width?: number; height?: number; orientation?: number; format?: string };
  try {
    meta = await sharp(file, { limitInputPixels: false }).metadata();
  } catch (e) {
    throw new Error(`${field}: expected a readable JPEG, PNG or WebP image, found ${(e as Error).message}`);
  }
  const { width = 0, height = 0 } = meta;
  if (!(width > 0 && height > 0)) throw new Error(`${field}: expected an image with a width and height`);
  if (width * height > PHOTO_MAX_PIXELS)
    throw new Error(
      `${field}: expected a photo of at most ${PHOTO_MAX_PIXELS / 1e6} megapixels, found ${width}×${height} (${Math.round((width * height) / 1e5) / 10} megapixels)`,
    );
  // EXIF orientations 5–8 swap the sides
  const swap = (meta.orientation ?? 1) >= 5;
  return { field, width: swap ? height : width, height: swap ? width : height };
}

/**
 * A photo's pixels for the PDF: turned upright, flattened onto the paper, scaled down to
 * `maxWidthPt` at `dpi` (never up), then RGB as a JPEG (screen) or CMYK through the print
 * profile (print: raw, deflated by pdfkit).
 */
async function photoData(
  file: string,
  field: string,
  maxWidthPt: number,
  paper: string,
  conv: CmykConverter | undefined,
): Promise<PhotoData> {
  const { default: sharp } = await import('sharp');
  const dpi = conv ? 300 : 150;
  const px = Math.max(1, Math.ceil((maxWidthPt / 72) * dpi));
  try {
    const img = sharp(file, { limitInputPixels: PHOTO_MAX_PIXELS, failOn: 'error' })
      .rotate()
      // print: what is transparent is the sheet itself (no ink); screen: the theme's paper
      .flatten({ background: conv ? '#ffffff' : paper })
      .resize({ width: px, height: px, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .removeAlpha();
    if (!conv) {
      const { data, info } = await img
        .jpeg({ quality: 88, chromaSubsampling: '4:4:4' })
        .toBuffer({ resolveWithObject: true });
      return { width: info.width, height: info.height, colorSpace: 'DeviceRGB', jpeg: data };
    }
    const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
    const cmyk = await toCmykPixels(conv.profile, data, info.width, info.height);
    return { width: info.width, height: info.height, colorSpace: 'DeviceCMYK', raw: cmyk };
  } catch (e) {
    throw new Error(`${field}: expected a readable JPEG, PNG or WebP image, found ${(e as Error).message}`);
  }
}

export interface ReportLayout {
  structure: ReportDocument;
  geo: PageGeometry;
  columns: number;
  bodySize: number;
  masthead?: RItem;
  pagination: Pagination;
  /** bookmark title per section id, in order */
  sections: { id: string; bookmark: string; kind: string }[];
  /** the running head of each page: the section at the top of the page ('' on the first page) */
  heads: string[];
  charts: Map<string, ChartArt | undefined>;
  photos: Map<string, PhotoArt>;
  fontsOf: (lang: string) => Fonts;
  conv?: CmykConverter;
}

/** The section each page starts with: the running head names it. */
export function runningHeads(pagination: Pagination, sections: { id: string; bookmark: string }[]): string[] {
  const heads: string[] = [];
  for (let page = 0; page < pagination.pages; page++) {
    const first = pagination.placed.find((p) => p.page === page);
    const sect = (first?.item as { meta?: { sect: string } } | undefined)?.meta?.sect;
    heads.push(page === 0 ? '' : (sections.find((s) => s.id === sect)?.bookmark ?? ''));
  }
  return heads;
}

/** A chart's height for a column: flatter in a wide column, taller in a newspaper column. */
export const chartHeight = (width: number) => Math.round(width * (width > 300 ? 0.36 : 0.56));

/** Structure, measure and paginate the report (everything but drawing). */
export async function layoutReport(model: Model, theme: Theme, opts: ReportOptions): Promise<ReportLayout> {
  const preset = getPreset(opts.preset);
  const { columns, bodySize, marginsMm } = arrangement(preset, theme);
  const geo = geometry(
    { ...preset, columns, bodySize, marginsMm },
    opts.variant === 'print',
    opts.bleedMm ?? DEFAULT_BLEED_MM,
  );
  const fontsByLang = new Map<string, Fonts>();
  const fontsOf = (lang: string) => {
    let f = fontsByLang.get(lang);
    if (!f) {
      f = themeFonts(theme, lang);
      fontsByLang.set(lang, f);
    }
    return f;
  };
  const template = readFileSync(path.join(opts.root, REPORT_TEMPLATE), 'utf8');
  const files = photoFiles(model);
  const photos = new Map<string, PhotoArt>();
  for (const f of files) photos.set(f.file, await photoSize(f.file, `photos[${f.index}].image`));
  // the publisher's logo: read like a photo (size checked from its header, CMYK in print)
  const logoFile = model.meta.publisher?.logo;
  if (logoFile) {
    if (!existsSync(logoFile))
      throw new Error(`meta.publisher.logo: expected an image file that exists, found ${JSON.stringify(logoFile)}`);
    photos.set(logoFile, await photoSize(logoFile, 'meta.publisher.logo'));
  }
  const structure = buildStructure(template, model, opts.langs, { photoFiles: files, logo: !!logoFile });

  const gutter = (columns > 1 ? 5 : 7) * MM;
  const innerW = geo.width - geo.margins.left - geo.margins.right;
  const colW = (innerW - gutter * (columns - 1)) / columns;

  // charts first (async): their size decides the boxes
  const charts = new Map<string, ChartArt | undefined>();
  for (const c of chartsOf(structure.blocks, colW)) {
    const w = Math.round(c.width);
    const key = chartKey(c.ref, c.lang, w);
    if (!charts.has(key))
      charts.set(key, await chartSvg(model, theme, opts.root, c.ref, c.lang, w, chartHeight(c.width)));
  }
  let conv: CmykConverter | undefined;
  if (geo.print) {
    conv = cmykConverter(await loadProfile(opts.root, profileName(theme)));
    const colors = new Set<string>([
      ...Object.values(theme.colors),
      ...theme.palette,
      theme.chart.labelColor,
      theme.chart.gridColor,
    ]);
    colors.add(mix(theme.colors.primary, theme.colors.paper, 0.07));
    for (const art of charts.values())
      for (const m of art?.svg.matchAll(/#[0-9a-fA-F]{6}\b/g) ?? []) colors.add(m[0].toLowerCase());
    await conv.prepare(colors);
  }

  const publisher = (model.meta as { publisher?: { name?: Record<string, string> } }).publisher?.name;
  const { masthead, items } = measureDocument(structure, {
    model,
    theme,
    geo,
    fonts: fontsOf,
    width: colW,
    bodySize,
    charts,
    photos,
    logo: (l) => publisher?.[l] ?? theme.logo.text[l] ?? say(l, 'publisher.default'),
  });
  const top = geo.margins.top;
  const bottom = geo.height - geo.margins.bottom;
  const firstTop = masthead ? masthead.height + bodySize * 1.2 : top;
  const frames =
    (shorten?: { page: number; by: number }) =>
    (page: number): Frame[] => {
      const y = page === 0 ? firstTop : top;
      return Array.from({ length: columns }, (_, k) => ({
        x: geo.margins.left + k * (colW + gutter),
        y,
        width: colW,
        height: bottom - y - (shorten && shorten.page === page && k === columns - 1 ? shorten.by : 0),
      }));
    };

  const sections: { id: string; bookmark: string; kind: string }[] = [];
  for (const b of structure.blocks)
    if (b.type === 'section') sections.push({ id: b.id, bookmark: b.bookmark, kind: b.kind });
  const tail = new Set(sections.filter((s) => s.kind === 'credits').map((s) => s.id));
  const sectOf = (p: Pagination['placed'][number]) => (p.item as { meta?: { sect: string } }).meta?.sect ?? '';

  let pagination = paginate(items as never, frames());
  // the last page never holds only the credits: shorten the page before until text comes along
  const onlyTail = (pg: Pagination) => {
    const last = pg.placed.filter((p) => p.page === pg.pages - 1);
    return pg.pages > 1 && last.length > 0 && last.every((p) => tail.has(sectOf(p)));
  };
  if (onlyTail(pagination)) {
    const prev = pagination.pages - 2;
    const frameH = bottom - (prev === 0 ? firstTop : top);
    for (let by = bodySize; by < frameH * 0.4; by += bodySize) {
      const next = paginate(items as never, frames({ page: prev, by }));
      if (next.pages !== pagination.pages) break;
      if (!onlyTail(next)) {
        if ((next.fill[prev] ?? 0) >= 0.6 || next.pages === 1) pagination = next;
        break;
      }
    }
  }
  return {
    structure,
    geo,
    columns,
    bodySize,
    masthead,
    pagination,
    sections,
    heads: runningHeads(pagination, sections),
    charts,
    photos,
    fontsOf,
    conv,
  };
}

export async function renderReport(model: Model, theme: Theme, opts: ReportOptions): Promise<Buffer> {
  const L = await layoutReport(model, theme, opts);
  const { geo, structure } = L;
  const lang = structure.lang;
  const colW = L.pagination.placed[0]?.width ?? geo.width;

  const images = new Map<string, PhotoData>();
  for (const [file, art] of L.photos)
    images.set(file, await photoData(file, art.field, colW, theme.colors.paper, L.conv));

  const get = (t: Record<string, string> | undefined, l = lang) => (t?.[l] ?? '').trim();
  const title = opts.langs
    .map((l) => get(model.meta.title, l))
    .filter(Boolean)
    .join(' / ');
  const compiler = model.meta.credits?.[0];
  const author = compiler ? compiler.names.map((n) => get(n)).join(say(lang, 'sep.names')) : get(model.meta.region);
  const intro = get(model.meta.intro);
  const subject = intro.split(/(?<=[。！？.!?])\s*/)[0] ?? intro;
  const keywords = (model.meta.keywords ?? []).map((k) => get(k)).join(say(lang, 'sep.list'));
  const logo =
    get((model.meta as { publisher?: { name?: Record<string, string> } }).publisher?.name) ||
    get(theme.logo.text) ||
    say(lang, 'publisher.default');

  const transparent = [...L.charts.values()].some((a) => a && svgHasTransparency(a.svg));
  const draw = async (pdfx: PdfXVersion | undefined) =>
    drawDocument({
      geo,
      theme,
      fonts: L.fontsOf,
      placed: L.pagination.placed,
      pages: L.pagination.pages,
      masthead: L.masthead as never,
      sections: L.sections,
      heads: L.heads,
      info: {
        title,
        author,
        subject,
        keywords,
        date: documentDate(model),
        lang,
        idSeed: `${model.hash}\0${opts.variant}\0${geo.preset.name}\0${geo.bleed}`,
      },
      headerLeft: [...new Set([logo, get(model.meta.title)])].filter(Boolean).join('  ·  '),
      pageLabel: (n, total) => say(lang, 'report.page', { n, total }),
      drawChart: await loadChartDrawer(),
      images,
      conv: L.conv,
      pdfx,
    });
  if (!geo.print) return (await draw(undefined)).bytes;
  // PDF/X-1a when nothing is transparent, else PDF/X-4; checked against what was drawn
  let out = await draw(transparent ? 'PDF/X-4' : 'PDF/X-1a:2001');
  if (!transparent && out.transparent) out = await draw('PDF/X-4');
  return out.bytes;
}
