/**
 * The layout engine of posters and cards: template → markup → typed tree → flexbox layout →
 * one laid-out tree, drawn by three writers.
 *
 *   Handlebars (templates/posters|cards/*.layout.hbs, the context from context.ts)
 *     → markup in the layout vocabulary, parsed (src/layout/markup.ts: saxes, typed, checked)
 *     → laid out by yoga with the text engine measuring (src/layout/flex.ts), fitted
 *     → the display list (scene.ts): rects, rules, text lines in runs of one face, charts
 *         ├─ PNG: the glyph painter (paintjob.ts → compose.ts), in this thread or a paint worker
 *         ├─ SVG: `svg` below, text as outlines (previews, debugging, the librsvg fallback)
 *         └─ PDF: the print poster's vector CMYK file (render/poster/pdf.ts draws the scene)
 *
 * Every box is kept, in output pixels, for the tests' layout check.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { laysOutInRow, layoutTree, LayoutOverflowError, setRect, type Laid, type Weight } from '../../layout/flex.js';
import { ASCENT } from '../../layout/fit.js';
import { prepareTemplate, parseLayout, type MNode } from '../../layout/markup.js';
import { embedDoc, embedSvg, escapeXml, placement, readSvg, type SvgDoc } from '../../layout/svgdoc.js';
import { renderTemplate } from '../../layout/handlebars.js';
import { fontsFor, getFace, scriptOf, type Face, type ThemeFontSpec } from '../../text/fonts.js';
import { checkGlyphs } from '../../text/glyphs.js';
import { outlinePathData } from '../../text/outline.js';
import { facesOf, placeRuns, type FacePair } from '../../text/runs.js';
import type { BoxGeom } from './scene.js';
import {
  fastPaint,
  type ImagePaint,
  type Paint,
  type Scene,
  type SvgPaint,
  type TextGroup,
  type TextLine,
} from './scene.js';

export { LayoutOverflowError };
export { escapeXml, embedSvg };

export interface Box extends BoxGeom {
  id?: string;
  kind: 'text' | 'figure' | 'chart' | 'rect' | 'image' | 'box' | 'rule';
  field?: string;
  /** the fields it stands for besides its own (the same figure in another language) */
  also?: string[];
  role?: string;
  lang?: string;
  /** font size (largest in the box), design units before scaling, px after */
  size?: number;
  fill?: string;
  /** colour behind the text (for contrast checks) */
  bg?: string;
  lines?: string[];
  /** index of the enclosing box in `boxes` (-1: the canvas) */
  parent?: number;
  /** the element and its template line */
  element?: string;
  line?: number;
}

export type FontSpec = ThemeFontSpec & { langs?: Readonly<Record<string, Partial<{ sans: string; serif: string }>>> };

export interface ChartRequest {
  id: string;
  highlight: string;
  lang: string;
  /** the box, design units: the chart is drawn at exactly this size */
  width: number;
  height: number;
  compact: boolean;
  /** colour behind the chart */
  bg?: string;
  /** the smallest type the medium allows, in design units */
  minFontSize?: number;
}

/** A chart for a slot: the whole SVG (texts outlined), and optionally the same split for the raster fast path. */
export interface ChartArt {
  readonly svg: string;
  /** the SVG without the texts in `texts` */
  base?: string;
  /** `base` as read by `readSvg` (its root's attributes and content), when the chart has it at hand */
  baseDoc?: SvgDoc;
  /** texts in the SVG's root user units, painted over `base` */
  texts?: TextGroup[];
}

export interface LayoutOptions {
  /** layout name for messages, e.g. 'posters/overview-portrait' */
  layout: string;
  /** the template file, for messages (default: the layout name) */
  file?: string;
  preset: string;
  /** output size in px */
  width: number;
  height: number;
  /** design width of the canvas (default 1080) */
  design?: number;
  fonts: FontSpec;
  /** language of texts without their own `lang` */
  lang?: string;
  /** the medium's smallest type in output px (screen: 14 px per 1080 px of the short side; print: 7 pt) */
  minTextPx?: number;
  /** the smallest chart text in design units (default: the medium's smallest type) */
  chartMinFont?: number;
  /** chart art for a slot (any viewBox; scaled to fit) */
  chart?: (req: ChartRequest) => Promise<ChartArt>;
  /** the lines a highlight's listing chart draws in `lang` in a box `width` design units wide at `fontSize` (headings wrapped) */
  chartLines?: (highlight: string, lang: string, width: number, fontSize: number) => number;
  /** a picture for an <image> at its box's output size (photos; relative to the data file) */
  image?: (req: ImageRequest) => Promise<ImageArt>;
  /** text that cannot fit is an error (default) rather than a warning */
  strict?: boolean;
  /** px at the top and bottom kept free of text (a story's platform zones): blank is measured between them */
  safe?: { top: number; bottom: number };
}

export interface ImageRequest {
  src: string;
  /** output px */
  width: number;
  height: number;
  fit: 'cover' | 'contain';
  /** colour behind it (contain leaves margins of it) */
  bg: string;
}

export interface ImageArt {
  rgba: Uint8Array;
  png: Uint8Array;
  width: number;
  height: number;
}

export interface LayoutResult {
  /** the whole picture as one SVG document, text outlined (PDF conversion, the librsvg path) */
  readonly svg: string;
  /** the same picture as a display list for the raster fast path (compose.ts) */
  scene?: Scene;
  /** abridged texts, and what did not fit (non-strict), each naming the field, layout and preset */
  warnings: string[];
  /** boxes in output pixels, in document order, each naming its parent */
  boxes: Box[];
  /** the laid-out tree, design units */
  tree: Laid;
  /** a chart paint's whole art (text outlined), as a standalone SVG document: the PDF writer draws it */
  chartArt(paint: SvgPaint): string | undefined;
  /** output px per design unit */
  scale: number;
  /** the medium's smallest type, output px */
  minTextPx: number;
  width: number;
  height: number;
}

export class LayoutError extends Error {
  readonly exitCode = 1;
  constructor(message: string) {
    super(message);
    this.name = 'LayoutError';
  }
}

const pairs = new WeakMap<FontSpec, Map<string, FacePair>>();

/** Faces of a text: its language's family at the weight, and the other script's face for its runs. */
export function facePair(fonts: FontSpec, lang: string, font: 'sans' | 'serif', weight: Weight): FacePair {
  let m = pairs.get(fonts);
  if (!m) {
    m = new Map();
    pairs.set(fonts, m);
  }
  const key = `${lang}|${font}|${weight}`;
  let fp = m.get(key);
  if (!fp) {
    fp = openPair(fonts, lang, font, weight);
    m.set(key, fp);
  }
  return fp;
}

function openPair(fonts: FontSpec, lang: string, font: 'sans' | 'serif', weight: Weight): FacePair {
  const f = fontsFor(fonts, lang);
  const fam = font === 'serif' ? f.serif : f.sans;
  const w =
    weight === 'black' ? (font === 'serif' ? f.serif.bold : f.sans.black) : weight === 'bold' ? fam.bold : fam.regular;
  const cjk = getFace(fam.family, w);
  const latinFamily = font === 'serif' ? f.latin.serif : f.latin.sans;
  const latin = latinFamily === fam.family ? cjk : getFace(latinFamily, w);
  const latinPrimary = scriptOf(lang) === 'Latin';
  return latinPrimary ? { face: latin, other: cjk, latinPrimary } : { face: cjk, other: latin };
}

const sources = new Map<string, string>();
/** A layout template's source (read once per process). */
export function templateSource(file: string): string {
  let s = sources.get(file);
  if (s === undefined) {
    s = readFileSync(file, 'utf8');
    sources.set(file, s);
  }
  return s;
}

/** Render a layout: Handlebars → parsed tree → flexbox → scene, SVG and boxes. */
export async function renderLayout(source: string, context: unknown, opts: LayoutOptions): Promise<LayoutResult> {
  const design = opts.design ?? 1080;
  const k = opts.width / design;
  const Hd = opts.height / k;
  const where = `${opts.layout} (preset ${opts.preset})`;
  const file = opts.file ?? opts.layout;
  const tpl = prepareTemplate(source, file);
  const tree = parseLayout(renderTemplate(tpl.source, context), file);
  const minTextPx = opts.minTextPx ?? 0;
  const chartMin = opts.chartMinFont ?? minTextPx / k;
  const lang = opts.lang ?? 'zh';
  const flex = layoutTree(tree, {
    file,
    where,
    width: design,
    height: Hd,
    scale: k,
    minText: minTextPx / k,
    faces: (l, font, weight) => facePair(opts.fonts, l, font, weight),
    lang,
    strict: opts.strict ?? true,
    ...(opts.safe ? { safe: { top: opts.safe.top / k, bottom: opts.safe.bottom / k } } : {}),
    ...(opts.chartLines
      ? {
          chartLines: (n: MNode, width: number) =>
            opts.chartLines!(String(n.a.highlight), String(n.a.lang ?? lang), width, chartMin),
        }
      : {}),
  });

  // baselines sit on whole output pixels: crisper horizontals, and a quarter of the glyph masks
  const onPixel = (y: number) => Math.round(y * k) / k;
  const paints: Paint[] = [];
  const boxes: Box[] = [];
  const charts: { req: ChartRequest; paint: SvgPaint }[] = [];
  const images: { req: ImageRequest; paint: ImagePaint }[] = [];

  const textLines = (
    fp: FacePair,
    size: number,
    lines: { text: string; width: number }[],
    x: number,
    w: number,
    top: number,
    leading: number,
    align: string,
  ): TextLine[] =>
    lines.flatMap((l, i) => {
      const lx = align === 'center' ? x + (w - l.width) / 2 : align === 'end' ? x + w - l.width : x;
      const y = onPixel(top + ASCENT * size + i * size * leading);
      return placeRuns(l.text, fp, size).map((r) => ({ text: r.text, face: r.face, size, x: lx + r.x, y }));
    });

  const walk = (l: Laid, parent: number, parentRow: boolean) => {
    const n = l.node,
      a = n.a;
    const id = a.id as string | undefined;
    const field = a.field as string | undefined;
    const base = { id, x: l.x, y: l.y, w: l.w, h: l.h, parent, element: n.kind, line: n.line };
    switch (n.kind) {
      case 'page':
      case 'stack':
      case 'row':
      case 'grid': {
        const fill = a.fill as string | undefined;
        const stroke = a.stroke as string | undefined;
        const sw = stroke && stroke !== 'none' ? ((a['stroke-width'] as number | undefined) ?? 1) : 0;
        if ((fill && fill !== 'none') || sw > 0)
          paints.push({
            kind: 'rect',
            x: l.x + sw / 2,
            y: l.y + sw / 2,
            w: l.w - sw,
            h: l.h - sw,
            rx: (a.radius as number | undefined) ?? 0,
            fill: fill ?? 'none',
            ...(sw > 0 ? { stroke } : {}),
            sw,
            opacity: 1,
          });
        const me = boxes.push({ ...base, kind: 'box', ...(fill ? { fill } : {}), bg: l.bg }) - 1;
        for (const c of l.children) walk(c, me, laysOutInRow(n));
        return;
      }
      case 'rule': {
        const colour = (a.color as string | undefined) ?? '#000000';
        const dash = a.dash as number[] | undefined;
        const across = !parentRow;
        paints.push(
          across
            ? {
                kind: 'line',
                x1: l.x,
                y1: l.y + l.h / 2,
                x2: l.x + l.w,
                y2: l.y + l.h / 2,
                stroke: colour,
                sw: l.h,
                ...(dash ? { dash } : {}),
              }
            : {
                kind: 'line',
                x1: l.x + l.w / 2,
                y1: l.y,
                x2: l.x + l.w / 2,
                y2: l.y + l.h,
                stroke: colour,
                sw: l.w,
                ...(dash ? { dash } : {}),
              },
        );
        boxes.push({ ...base, kind: 'rule', fill: colour, bg: l.bg });
        return;
      }
      case 'spacer':
        return;
      case 'chart': {
        const paint: SvgPaint = { kind: 'svg', box: { x: l.x, y: l.y, w: l.w, h: l.h }, svg: '' };
        const fill = a.fill as string | undefined;
        if (fill && fill !== 'none')
          paints.push({ kind: 'rect', x: l.x, y: l.y, w: l.w, h: l.h, rx: 0, fill, sw: 0, opacity: 1 });
        boxes.push({ ...base, kind: 'chart', field: field ?? `chart ${a.highlight}`, bg: fill ?? l.bg });
        if (l.w < 40 || l.h < 30 || !opts.chart) return;
        paints.push(paint);
        charts.push({
          req: {
            id: `c${charts.length}`,
            highlight: a.highlight as string,
            lang: (a.lang as string | undefined) ?? lang,
            width: Math.round(l.w),
            height: Math.round(l.h),
            compact: a.compact === true,
            bg: fill ?? l.bg,
            minFontSize: chartMin,
          },
          paint,
        });
        return;
      }
      case 'image': {
        boxes.push({ ...base, kind: 'image', field, bg: l.bg });
        const left = Math.round(l.x * k),
          top = Math.round(l.y * k);
        const width = Math.round((l.x + l.w) * k) - left,
          height = Math.round((l.y + l.h) * k) - top;
        if (!opts.image || width < 1 || height < 1) return;
        const paint: ImagePaint = {
          kind: 'image',
          box: { x: l.x, y: l.y, w: l.w, h: l.h },
          left,
          top,
          width,
          height,
          rgba: new Uint8Array(0),
          png: new Uint8Array(0),
        };
        paints.push(paint);
        images.push({
          req: {
            src: a.src as string,
            width,
            height,
            fit: (a.fit as 'cover' | 'contain' | undefined) ?? 'cover',
            bg: l.bg,
          },
          paint,
        });
        return;
      }
      case 'text': {
        const t = l.text!;
        const set = t.set;
        if (!set.lines.length) return;
        const fill = (a.color as string | undefined) ?? '#000000';
        const align = (a.align as string | undefined) ?? 'start';
        const at = setRect(l)!;
        const top = at.y;
        checkGlyphs(t.spec.text, facesOf(t.spec.fp), { field: field ?? 'text', layout: where });
        const lines = textLines(t.spec.fp, set.size, set.lines, l.x, l.w, top, t.spec.leading, align);
        paints.push({
          kind: 'text',
          group: { fill, ...(a.opacity !== undefined ? { opacity: String(a.opacity) } : {}), lines },
        });
        boxes.push({
          ...base,
          kind: 'text',
          field,
          role: a.role as string | undefined,
          lang: (a.lang as string | undefined) ?? lang,
          ...at,
          size: set.size,
          fill,
          bg: l.bg,
          lines: set.lines.map((x) => x.text),
        });
        return;
      }
      case 'figure': {
        const { spec, set } = l.figure!;
        const fill = (a.color as string | undefined) ?? '#000000';
        const ufill = (a['unit-color'] as string | undefined) ?? fill;
        const align = (a.align as string | undefined) ?? 'start';
        checkGlyphs(spec.prefix + spec.suffix, facesOf(spec.unit), { field: field ?? 'figure', layout: where });
        checkGlyphs(spec.number, facesOf(spec.num), { field: field ?? 'figure', layout: where });
        const s = set.size,
          us = s * spec.ratio,
          gap = s * 0.06;
        const at = setRect(l)!;
        const baseline = onPixel(at.y + set.baseline);
        const pre = spec.prefix.trimEnd(),
          suf = spec.suffix.trimStart();
        const preW = pre ? placeRuns(pre, spec.unit, us).reduce((w, r) => w + r.width, 0) : 0;
        const numW = placeRuns(spec.number, spec.num, s).reduce((w, r) => w + r.width, 0);
        const head = (pre ? preW + gap : 0) + numW;
        const lineW = set.twoLine ? head : set.width;
        const start = (w: number) => (align === 'center' ? l.x + (l.w - w) / 2 : align === 'end' ? l.x + l.w - w : l.x);
        let cx = start(lineW);
        const runLine = (text: string, fp: FacePair, size: number, x: number, y: number): TextLine[] =>
          placeRuns(text, fp, size).map((r) => ({ text: r.text, face: r.face, size, x: x + r.x, y }));
        const units: TextLine[] = [];
        if (pre) {
          units.push(...runLine(pre, spec.unit, us, cx, baseline));
          cx += preW + gap;
        }
        const nums = runLine(spec.number, spec.num, s, cx, baseline);
        cx += numW;
        if (suf && !set.twoLine) units.push(...runLine(suf, spec.unit, us, cx + gap, baseline));
        else if (set.twoLine)
          set.suffixLines.forEach((t, i) => {
            const w = placeRuns(t, spec.unit, us).reduce((x, r) => x + r.width, 0);
            units.push(
              ...runLine(t, spec.unit, us, start(w), onPixel(baseline + s * 0.1 + (i + 1) * us * 1.2 - 0.12 * us)),
            );
          });
        paints.push({ kind: 'text', group: { fill, lines: nums } });
        if (units.length) paints.push({ kind: 'text', group: { fill: ufill, lines: units } });
        boxes.push({
          ...base,
          kind: 'figure',
          field,
          ...(a.also ? { also: String(a.also).split(/\s+/).filter(Boolean) } : {}),
          role: (a.role as string | undefined) ?? 'headline',
          lang: (a.lang as string | undefined) ?? lang,
          ...at,
          size: s,
          fill,
          bg: l.bg,
          lines: set.twoLine
            ? [spec.prefix + spec.number, ...set.suffixLines]
            : [spec.prefix + spec.number + spec.suffix],
        });
        return;
      }
    }
  };
  walk(flex.root, -1, false);

  // charts and pictures: drawn once the layout has given them their boxes
  const [arts, pictures] = await Promise.all([
    Promise.all(charts.map((c) => opts.chart!(c.req))),
    Promise.all(images.map((i) => opts.image!(i.req))),
  ]);
  for (const [i, { paint }] of images.entries()) {
    const art = pictures[i]!;
    Object.assign(paint, { rgba: art.rgba, png: art.png, width: art.width, height: art.height });
  }
  for (const [i, c] of charts.entries()) {
    const art = arts[i]!,
      p = c.paint;
    const doc = art.baseDoc ?? readSvg(art.base ?? art.svg);
    p.svg = embedDoc(doc, p.box);
    // (baseDoc first: `base` may be a getter that serializes the lifted SVG)
    if (art.baseDoc !== undefined || art.base !== undefined) {
      const { tx, ty, k: s } = placement(doc.root, p.box);
      p.texts = (art.texts ?? []).map((g) => ({
        ...g,
        lines: g.lines.map((ln) => ({ ...ln, size: ln.size * s, x: tx + ln.x * s, y: ty + ln.y * s })),
      }));
    }
  }

  const px = boxes.map((b) => ({
    ...b,
    x: b.x * k,
    y: b.y * k,
    w: b.w * k,
    h: b.h * k,
    size: b.size === undefined ? undefined : b.size * k,
  }));
  let svg: string | undefined;
  const chartDocs = new Map(charts.map((c, i) => [c.paint, { art: arts[i]!, id: c.req.id }]));
  return {
    // outlining costs: only the PDF and the librsvg path ask for it
    get svg() {
      svg ??= writeSvg(paints, chartDocs, opts.width, opts.height, design, Hd);
      return svg;
    },
    ...(paints.every(fastPaint) ? { scene: { scale: k, paints } } : {}),
    warnings: flex.warnings,
    boxes: px,
    tree: flex.root,
    chartArt: (paint) => chartDocs.get(paint)?.art.svg,
    scale: k,
    minTextPx,
    width: opts.width,
    height: opts.height,
  };
}

const r2 = (n: number) => String(Math.round(n * 100) / 100);

/** The SVG writer: the scene as one document, text as outlines, charts embedded with scoped ids. */
function writeSvg(
  paints: Paint[],
  charts: Map<SvgPaint, { art: ChartArt; id: string }>,
  width: number,
  height: number,
  W: number,
  H: number,
): string {
  const out: string[] = [];
  for (const p of paints) {
    switch (p.kind) {
      case 'rect': {
        const rx = p.rx ? ` rx="${r2(p.rx)}"` : '';
        const op = p.opacity < 1 ? ` opacity="${p.opacity}"` : '';
        const stroke = p.stroke ? ` stroke="${escapeXml(p.stroke)}" stroke-width="${r2(p.sw)}"` : '';
        out.push(
          `<rect x="${r2(p.x)}" y="${r2(p.y)}" width="${r2(p.w)}" height="${r2(p.h)}"${rx}${op}${stroke} fill="${escapeXml(p.fill ?? 'none')}"/>`,
        );
        break;
      }
      case 'line':
        out.push(
          `<line x1="${r2(p.x1)}" y1="${r2(p.y1)}" x2="${r2(p.x2)}" y2="${r2(p.y2)}" stroke="${escapeXml(p.stroke)}" stroke-width="${r2(p.sw)}"${p.dash ? ` stroke-dasharray="${p.dash.join(' ')}"` : ''}/>`,
        );
        break;
      case 'text':
        out.push(outlineGroup(p.group));
        break;
      case 'svg': {
        const c = charts.get(p);
        if (c) out.push(embedSvg(c.art.svg, p.box, c.id));
        break;
      }
      case 'image': {
        const k = width / W;
        out.push(
          `<image x="${r2(p.left / k)}" y="${r2(p.top / k)}" width="${r2(p.width / k)}" height="${r2(p.height / k)}" ` +
            `preserveAspectRatio="none" xlink:href="data:image/png;base64,${Buffer.from(p.png).toString('base64')}"/>`,
        );
        break;
      }
    }
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" ` +
    `viewBox="0 0 ${W} ${r2(H)}">${out.join('')}</svg>`
  );
}

function outlineGroup(g: TextGroup): string {
  const paths = g.lines
    .map((l) => {
      const d = outlinePathData([l.text], { face: l.face, size: l.size, x: l.x, y: l.y, align: 'start' });
      return d ? `<path d="${d}"/>` : '';
    })
    .join('');
  return `<g fill="${escapeXml(g.fill)}"${g.opacity ? ` opacity="${escapeXml(g.opacity)}"` : ''}>${paths}</g>`;
}

/** Lay out a template file (path relative to `root`). */
export async function renderLayoutFile(
  root: string,
  template: string,
  context: unknown,
  opts: Omit<LayoutOptions, 'file'>,
): Promise<LayoutResult> {
  return renderLayout(templateSource(path.join(root, template)), context, { ...opts, file: template });
}

export type { Face };
